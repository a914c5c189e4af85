#include "lreg/jobs/curve_smoothing.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lreg {

std::vector<double> debiasedEma(const std::vector<double>& x, double beta) {
  std::vector<double> out(x.size(), std::numeric_limits<double>::quiet_NaN());
  double s = 0, weight = 0;  // weight = 1 - beta^t over the finite values so far
  for (size_t i = 0; i < x.size(); ++i) {
    if (std::isfinite(x[i])) {
      s = beta * s + (1 - beta) * x[i];
      weight = beta * weight + (1 - beta);
    }
    if (weight > 0) out[i] = s / weight;
  }
  return out;
}

std::pair<double, double> curveRange(const std::vector<double>& values, bool ignore_outliers) {
  std::vector<double> v;
  for (double x : values)
    if (std::isfinite(x)) v.push_back(x);
  if (v.empty()) return {0, 1};
  std::sort(v.begin(), v.end());
  if (!ignore_outliers || v.size() < 5) return {v.front(), v.back()};
  const auto at = [&](double q) { return v[static_cast<size_t>(std::lround(q * (v.size() - 1)))]; };
  const double lo = at(0.05), hi = at(0.95), pad = 0.1 * (hi - lo);
  return {lo - pad, hi + pad};
}

}  // namespace lreg
