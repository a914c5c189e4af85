#pragma once
// Diverging colour maps (ColorBrewer, 11 classes, interpolated to 256 entries) for signed fields:
// white at zero, so that a zero level set drawn in black stands out.
#include <QImage>
#include <QRgb>
#include <QString>
#include <array>

namespace lreg::views {

class ColorMap {
 public:
  static const ColorMap& redBlue();       // negative blue, positive red: signed distance
  static const ColorMap& purpleOrange();  // negative purple, positive orange: signed error

  // t in [-1, 1] (clamped; NaN is grey).
  QRgb at(double t) const;
  // A values.size() field (rows x cols, row-major) mapped with [-range, range] -> [-1, 1].
  QImage render(const float* values, int rows, int cols, double range) const;
  // A vertical bar, +1 at the top.
  QImage bar(int width, int height) const;

 private:
  explicit ColorMap(const std::array<const char*, 11>& anchors);
  std::array<QRgb, 256> lut_{};
};

}  // namespace lreg::views
