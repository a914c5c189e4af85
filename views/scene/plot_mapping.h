#pragma once
// The one place that maps plot data coordinates to widget pixels and back, plus axis ticks.
// Shared by the custom-painted plots of the studio.
#include <QRectF>
#include <QString>
#include <vector>

namespace lreg::views {

struct PlotMapping {
  QRectF area;                            // plot area in widget pixels
  double x0 = 0, x1 = 1, y0 = 0, y1 = 1;  // visible data window

  double px(double x) const { return area.left() + (x - x0) / (x1 - x0) * area.width(); }
  double py(double y) const { return area.bottom() - (y - y0) / (y1 - y0) * area.height(); }
  QPointF toPixel(double x, double y) const { return {px(x), py(y)}; }
  double dataX(double pixelX) const {
    return x0 + (pixelX - area.left()) / area.width() * (x1 - x0);
  }
  double dataY(double pixelY) const {
    return y0 + (area.bottom() - pixelY) / area.height() * (y1 - y0);
  }
};

// Tick positions at 1, 2 or 5 times a power of ten inside [lo, hi], at most about maxTicks.
std::vector<double> niceTicks(double lo, double hi, int maxTicks);
// A tick label with just enough digits to tell neighbours `spacing` apart.
QString tickLabel(double value, double spacing);

}  // namespace lreg::views
