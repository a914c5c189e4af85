#include "scene/plot_mapping.h"

#include <algorithm>
#include <cmath>

namespace lreg::views {

std::vector<double> niceTicks(double lo, double hi, int maxTicks) {
  std::vector<double> ticks;
  if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi) || maxTicks < 1) return ticks;
  const double raw = (hi - lo) / maxTicks;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * magnitude;
    if (step >= raw) break;
  }
  const double first = std::ceil(lo / step - 1e-9) * step;
  for (double t = first; t <= hi + step * 1e-9; t += step)
    ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);  // no "-0" or 1e-17 at the origin
  return ticks;
}

QString tickLabel(double value, double spacing) {
  const double span = std::max(std::abs(value), std::abs(spacing));
  if (span >= 1e5 || (span > 0 && span < 1e-4)) return QString::number(value, 'g', 3);
  const int decimals =
      spacing > 0 ? std::clamp(-static_cast<int>(std::floor(std::log10(spacing) + 1e-9)), 0, 8) : 2;
  return QString::number(value, 'f', decimals);
}

}  // namespace lreg::views
