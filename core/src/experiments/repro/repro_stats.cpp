#include "repro_stats.h"

#include <cmath>
#include <limits>

#include "lreg/train/compare.h"

namespace lreg::repro {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

MeanSd meanSd(const std::vector<double>& v) {
  MeanSd m;
  double sum = 0;
  for (double x : v)
    if (!std::isnan(x)) sum += x, ++m.n;
  if (m.n == 0) return {kNaN, kNaN, 0};
  m.mean = sum / m.n;
  double ss = 0;
  for (double x : v)
    if (!std::isnan(x)) ss += (x - m.mean) * (x - m.mean);
  m.sd = m.n > 1 ? std::sqrt(ss / (m.n - 1)) : 0.0;
  return m;
}

double studentQuantile(double level, double dof) {
  const double alpha = 1 - level;
  double lo = 0, hi = 1e3;  // studentTwoSidedP falls from 1 at t = 0
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    (studentTwoSidedP(mid, dof) > alpha ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

SlopeFit logLogSlope(const std::vector<double>& x, const std::vector<double>& y, double level) {
  std::vector<double> lx, ly;
  for (size_t i = 0; i < x.size() && i < y.size(); ++i)
    if (x[i] > 0 && y[i] > 0 && std::isfinite(x[i]) && std::isfinite(y[i])) {
      lx.push_back(std::log(x[i]));
      ly.push_back(std::log(y[i]));
    }
  SlopeFit f;
  f.n = static_cast<int>(lx.size());
  if (f.n < 3) return {kNaN, kNaN, kNaN, kNaN, f.n};
  double mx = 0, my = 0;
  for (int i = 0; i < f.n; ++i) mx += lx[i], my += ly[i];
  mx /= f.n;
  my /= f.n;
  double sxx = 0, sxy = 0;
  for (int i = 0; i < f.n; ++i) {
    sxx += (lx[i] - mx) * (lx[i] - mx);
    sxy += (lx[i] - mx) * (ly[i] - my);
  }
  if (sxx <= 0) return {kNaN, kNaN, kNaN, kNaN, f.n};
  f.slope = sxy / sxx;
  f.intercept = my - f.slope * mx;
  double sse = 0;
  for (int i = 0; i < f.n; ++i) {
    const double r = ly[i] - f.intercept - f.slope * lx[i];
    sse += r * r;
  }
  const double se = std::sqrt(sse / (f.n - 2) / sxx);
  const double t = studentQuantile(level, f.n - 2);
  f.ci_low = f.slope - t * se;
  f.ci_high = f.slope + t * se;
  return f;
}

}  // namespace lreg::repro
