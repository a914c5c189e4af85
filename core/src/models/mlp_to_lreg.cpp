#include "lreg/models/mlp_to_lreg.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "lreg/common/status.h"

namespace lreg {

namespace {

Eigen::MatrixXd column(const std::vector<double>& t) {
  return Eigen::Map<const Eigen::VectorXd>(t.data(), static_cast<Eigen::Index>(t.size()));
}

void sortUnique(std::vector<double>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// The zero of the affine z with z(a) = za, z(b) = zb, if it lies strictly between a and b.
bool signChange(double a, double b, double za, double zb, double& root) {
  if (!((za < 0 && zb > 0) || (za > 0 && zb < 0))) return false;
  root = a + (b - a) * (za / (za - zb));
  return root > a && root < b;
}

}  // namespace

MlpConversion1D convertMlp1D(const Mlp& mlp, const MlpConvert1DOptions& options) {
  if (mlp.inputs() != 1)
    throw InputError("convert: a 1D conversion needs a 1-input MLP, this one has " +
                     std::to_string(mlp.inputs()) + " inputs");
  if (!mlp.piecewiseLinear())
    throw InputError(
        "convert: a tanh MLP is not piecewise linear; only relu and leaky-relu convert");
  const Domain& dom = options.domain.empty() ? mlp.domain() : options.domain;
  if (dom.empty() || dom.lo.size() != 1 || !(dom.lo[0] < dom.hi[0]))
    throw InputError("convert: the MLP records no domain; declare one (lo < hi)");

  // Trace in standardised units t = (x - mean) / scale, where the weights act.
  const double mean = mlp.inputScaling().mean[0], scale = mlp.inputScaling().scale[0];
  std::vector<double> pts = {(dom.lo[0] - mean) / scale, (dom.hi[0] - mean) / scale};
  std::vector<double> tb;  // breakpoints, standardised
  for (int l = 0; l < mlp.hiddenLayers(); ++l) {
    const Eigen::MatrixXd z = mlp.preActivation(column(pts), l);
    std::vector<double> found;
    double root = 0;
    for (size_t i = 0; i + 1 < pts.size(); ++i)
      for (Eigen::Index j = 0; j < z.cols(); ++j)
        if (signChange(pts[i], pts[i + 1], z(i, j), z(i + 1, j), root)) found.push_back(root);
    if (options.whole_line) {
      // Every earlier unit is affine on each ray, hence so is z_j: its zero from two points.
      const double t0 = pts.front(), t1 = pts.back();
      const Eigen::MatrixXd zo = mlp.preActivation(column({t0 - 1.0, t1 + 1.0}), l);
      const auto n = static_cast<Eigen::Index>(pts.size()) - 1;
      for (Eigen::Index j = 0; j < z.cols(); ++j) {
        const double sl = z(0, j) - zo(0, j), sr = zo(1, j) - z(n, j);  // slopes per unit t
        if (sl != 0 && z(0, j) / sl > 0) found.push_back(t0 - z(0, j) / sl);
        if (sr != 0 && z(n, j) / sr < 0) found.push_back(t1 - z(n, j) / sr);
      }
    }
    // A zero exactly at a list point also changes a unit's pattern; it is a point already.
    for (size_t i = 0; i < pts.size(); ++i)
      for (Eigen::Index j = 0; j < z.cols(); ++j)
        if (z(i, j) == 0) found.push_back(pts[i]);
    for (double t : found)
      if (std::isfinite(t)) tb.push_back(t);
    pts.insert(pts.end(), found.begin(), found.end());
    pts.erase(std::remove_if(pts.begin(), pts.end(), [](double t) { return !std::isfinite(t); }),
              pts.end());
    sortUnique(pts);
  }
  sortUnique(tb);

  MlpConversion1D out;
  const double lo = dom.lo[0], hi = dom.hi[0];
  std::vector<double> nodes;
  for (double t : pts) nodes.push_back(mean + scale * t);
  if (options.whole_line) {
    // The end elements are extrapolated: each must reach past the outermost breakpoint into
    // the ray beyond it, where the MLP is affine.
    const double first = nodes.front(), last = nodes.back();
    nodes.push_back(first - (hi - lo));
    nodes.push_back(last + (hi - lo));
  } else {
    // The ends exactly, not through the standardisation's rounding.
    std::erase_if(nodes, [&](double x) { return !(x > lo && x < hi); });
    nodes.push_back(lo);
    nodes.push_back(hi);
  }
  sortUnique(nodes);  // rounding may merge two points closer than an ulp of x
  for (double t : tb) out.breakpoints.push_back(mean + scale * t);
  sortUnique(out.breakpoints);
  if (options.whole_line) {
    out.regions = static_cast<int>(out.breakpoints.size()) + 1;
  } else {
    out.regions = 1 + static_cast<int>(std::count_if(out.breakpoints.begin(), out.breakpoints.end(),
                                                     [&](double x) { return x > lo && x < hi; }));
  }
  const Eigen::MatrixXd values = mlp.predict(column(nodes));
  out.lreg = LagrangeRegressor1D(Mesh1D(std::move(nodes)), values);
  return out;
}

}  // namespace lreg

#include <Eigen/QR>

namespace lreg {

LagrangeRegressor1D refitLeastSquares1D(const LagrangeRegressor1D& model, const Eigen::VectorXd& x,
                                        const Eigen::MatrixXd& y) {
  if (x.size() != y.rows()) throw InputError("refit: x and y have different numbers of rows");
  const Mesh1D& mesh = model.mesh();
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(x.size(), mesh.size());
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const int e = mesh.locate(x[i]);
    const double l = mesh.lambda(e, x[i]);
    A(i, e) = 1.0 - l;
    A(i, e + 1) = l;
  }
  const Eigen::MatrixXd c = A.completeOrthogonalDecomposition().solve(y);
  if (!c.allFinite()) throw NumericalError("refit: the least-squares solution is not finite");
  return LagrangeRegressor1D(mesh, c);
}

}  // namespace lreg
