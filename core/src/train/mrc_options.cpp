#include "lreg/train/mrc_options.h"

#include <algorithm>
#include <cctype>

#include "lreg/common/status.h"

namespace lreg {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

RefitMethod parseRefit(const std::string& s) {
  const std::string v = lower(s);
  if (v == "lsq" || v == "least-squares") return RefitMethod::LeastSquares;
  if (v == "adam") return RefitMethod::Adam;
  throw InputError("--refit: '" + s + "' is not one of lsq, adam");
}
MeshInit parseInit(const std::string& s) {
  const std::string v = lower(s);
  if (v == "uniform") return MeshInit::Uniform;
  if (v == "quantile") return MeshInit::Quantile;
  throw InputError("--init: '" + s + "' is not one of uniform, quantile");
}
RefineIndicator parseIndicator(const std::string& s) {
  const std::string v = lower(s);
  if (v == "count") return RefineIndicator::Count;
  if (v == "abs-residual" || v == "residual") return RefineIndicator::AbsResidual;
  if (v == "curvature") return RefineIndicator::Curvature;
  throw InputError("--indicator: '" + s + "' is not one of count, abs-residual, curvature");
}
std::string toString(RefitMethod v) { return v == RefitMethod::LeastSquares ? "lsq" : "adam"; }
std::string toString(MeshInit v) { return v == MeshInit::Uniform ? "uniform" : "quantile"; }
std::string toString(RefineIndicator v) {
  switch (v) {
    case RefineIndicator::Count:
      return "count";
    case RefineIndicator::AbsResidual:
      return "abs-residual";
    case RefineIndicator::Curvature:
      return "curvature";
  }
  return "count";
}

CoarsenStrategy parseCoarsen(const std::string& s) {
  const std::string v = lower(s);
  if (v == "remove") return CoarsenStrategy::Remove;
  if (v == "equifreq") return CoarsenStrategy::Equifreq;
  throw InputError("--coarsen: '" + s + "' is not one of remove, equifreq");
}
std::string toString(CoarsenStrategy v) {
  return v == CoarsenStrategy::Remove ? "remove" : "equifreq";
}

}  // namespace lreg
