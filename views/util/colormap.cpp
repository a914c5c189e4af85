#include "util/colormap.h"

#include <QColor>
#include <algorithm>
#include <cmath>

namespace lreg::views {

ColorMap::ColorMap(const std::array<const char*, 11>& anchors) {
  for (int i = 0; i < 256; ++i) {
    const double u = i / 255.0 * 10.0;
    const int k = std::min(9, static_cast<int>(u));
    const double f = u - k;
    const QColor a{QLatin1String(anchors[static_cast<size_t>(k)])};
    const QColor b{QLatin1String(anchors[static_cast<size_t>(k + 1)])};
    const auto mix = [f](int x, int y) { return static_cast<int>(std::lround(x + f * (y - x))); };
    lut_[static_cast<size_t>(i)] =
        qRgb(mix(a.red(), b.red()), mix(a.green(), b.green()), mix(a.blue(), b.blue()));
  }
}

const ColorMap& ColorMap::redBlue() {
  static const ColorMap m({"#053061", "#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7",
                           "#fddbc7", "#f4a582", "#d6604d", "#b2182b", "#67001f"});
  return m;
}

const ColorMap& ColorMap::purpleOrange() {
  static const ColorMap m({"#2d004b", "#542788", "#8073ac", "#b2abd2", "#d8daeb", "#f7f7f7",
                           "#fee0b6", "#fdb863", "#e08214", "#b35806", "#7f3b08"});
  return m;
}

QRgb ColorMap::at(double t) const {
  if (std::isnan(t)) return qRgb(160, 160, 160);
  const double u = (std::clamp(t, -1.0, 1.0) + 1.0) * 0.5 * 255.0;
  return lut_[static_cast<size_t>(std::lround(u))];
}

QImage ColorMap::render(const float* values, int rows, int cols, double range) const {
  QImage img(cols, rows, QImage::Format_RGB32);
  const double inv = range > 0 ? 1.0 / range : 0.0;
  for (int r = 0; r < rows; ++r) {
    auto* line = reinterpret_cast<QRgb*>(img.scanLine(r));
    for (int c = 0; c < cols; ++c) line[c] = at(values[r * cols + c] * inv);
  }
  return img;
}

QImage ColorMap::bar(int width, int height) const {
  QImage img(std::max(1, width), std::max(1, height), QImage::Format_RGB32);
  for (int y = 0; y < img.height(); ++y) {
    const QRgb c = at(1.0 - 2.0 * y / std::max(1, img.height() - 1));
    auto* line = reinterpret_cast<QRgb*>(img.scanLine(y));
    std::fill(line, line + img.width(), c);
  }
  return img;
}

}  // namespace lreg::views
