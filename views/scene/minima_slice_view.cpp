#include "scene/minima_slice_view.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

#include "util/minima_style.h"

namespace lreg::views {

QRgb sequentialColor(double t) {
  static const int anchors[][3] = {
      {68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
  if (!std::isfinite(t)) return qRgb(128, 128, 128);
  t = std::clamp(t, 0.0, 1.0) * 4;
  const int i = std::min(3, static_cast<int>(t));
  const double f = t - i;
  const auto mix = [&](int c) {
    return static_cast<int>(std::lround(anchors[i][c] + f * (anchors[i + 1][c] - anchors[i][c])));
  };
  return qRgb(mix(0), mix(1), mix(2));
}

MinimaSliceView::MinimaSliceView(Mode mode, QWidget* parent) : QWidget(parent), mode_(mode) {
  setMinimumSize(260, 240);
}

void MinimaSliceView::setFrame(const MinimaFramePtr& frame) {
  frame_ = frame;
  render();
  update();
}

void MinimaSliceView::setMap(const MinimaMapPtr& map) {
  map_ = map;
  render();
  update();
}

void MinimaSliceView::render() {
  image_ = QImage();
  if (!map_ || !frame_ || map_->frame_id != frame_->id) return;
  const auto& s = map_->spec;
  // Columns over w (left to right), rows over c (top is c_hi).
  image_ = QImage(s.nw, s.nc, QImage::Format_RGB32);
  if (mode_ == Mode::Loss) {
    const double lo = map_->loss.minCoeff();
    const double floor = 1e-4 * std::max(1.0, std::abs(lo));
    const double top = std::log10(map_->loss.maxCoeff() - lo + floor), bottom = std::log10(floor);
    for (int i = 0; i < s.nw; ++i)
      for (int j = 0; j < s.nc; ++j) {
        const double v = std::log10(map_->loss(i, j) - lo + floor);
        image_.setPixel(i, s.nc - 1 - j, sequentialColor((v - bottom) / (top - bottom)));
      }
  } else {
    for (int i = 0; i < s.nw; ++i)
      for (int j = 0; j < s.nc; ++j)
        image_.setPixel(i, s.nc - 1 - j,
                        minimumColor(map_->basin(i, j) >= 0 ? map_->basin(i, j) : -1).rgb());
  }
}

PlotMapping MinimaSliceView::mapping() const {
  PlotMapping m;
  const double side = std::max(10, std::min(width() - 60, height() - 56));
  m.area = QRectF(48, 22, side, side);
  if (map_) {
    m.x0 = map_->spec.w_lo;
    m.x1 = map_->spec.w_hi;
    m.y0 = map_->spec.c_lo;
    m.y1 = map_->spec.c_hi;
  } else if (frame_) {
    const auto s = defaultSlice(frame_->report, 0, 2);
    m.x0 = s.w_lo;
    m.x1 = s.w_hi;
    m.y0 = s.c_lo;
    m.y1 = s.c_hi;
  }
  return m;
}

void MinimaSliceView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), palette().window());
  const PlotMapping m = mapping();
  const int unit = map_ ? map_->spec.unit : 0;
  const QString axes = QStringLiteral("(w%1, c%1)").arg(unit + 1);
  p.setPen(Qt::black);
  p.drawText(QPointF(m.area.left(), 15),
             mode_ == Mode::Loss ? tr("log10(L - L_min) over %1, the rest solved exactly").arg(axes)
                                 : tr("Basins: the minimum L-BFGS reaches from %1").arg(axes));
  if (!image_.isNull())
    p.drawImage(m.area, image_);
  else
    p.fillRect(m.area, QColor(235, 235, 235));
  p.setPen(QColor(120, 120, 120));
  p.drawRect(m.area);

  const QFontMetrics fm(font());
  const auto ticks = niceTicks(m.x0, m.x1, 5), cticks = niceTicks(m.y0, m.y1, 5);
  const double sx = ticks.size() > 1 ? ticks[1] - ticks[0] : 1;
  const double sy = cticks.size() > 1 ? cticks[1] - cticks[0] : 1;
  p.setPen(Qt::black);
  for (double t : ticks) {
    const QString s = tickLabel(t, sx);
    p.drawText(QPointF(m.px(t) - fm.horizontalAdvance(s) / 2.0, m.area.bottom() + 14), s);
  }
  for (double t : cticks) {
    const QString s = tickLabel(t, sy);
    p.drawText(QPointF(m.area.left() - 6 - fm.horizontalAdvance(s), m.py(t) + 4), s);
  }
  p.drawText(QPointF(m.area.right() - 20, m.area.bottom() + 28),
             QStringLiteral("w%1").arg(unit + 1));
  p.drawText(QPointF(4, m.area.top() + 10), QStringLiteral("c%1").arg(unit + 1));
  if (!frame_) return;

  p.save();
  p.setClipRect(m.area);
  // Region borders: sample i switches unit j on the line w x_i + c = 0.
  p.setPen(QPen(QColor(255, 255, 255, 170), 1.0, Qt::DashLine));
  const Eigen::VectorXd& xs = frame_->problem.x;
  for (int i = 0; i < xs.size(); ++i)
    p.drawLine(m.toPixel(m.x0, -m.x0 * xs[i]), m.toPixel(m.x1, -m.x1 * xs[i]));
  const auto& mins = frame_->report.minima;
  for (int k = static_cast<int>(mins.size()) - 1; k >= 0; --k) {
    const minima::MinimumPoint& q = mins[k];
    if (unit >= q.net.hidden()) continue;
    // White rings on the heat map, black ones on the basin map (whose fill is a marker colour).
    const QPen ring(mode_ == Mode::Loss ? Qt::white : Qt::black, 2.0);
    if (q.kind == minima::PointKind::Set && q.end_points.size() == 2) {
      // Along the set this unit's (w, c) runs on a segment between the end points' values.
      const auto& e0 = q.end_points[0];
      const auto& e1 = q.end_points[1];
      p.setPen(QPen(minimumColor(k), 3.0));
      p.drawLine(m.toPixel(e0.w[unit], e0.c[unit]), m.toPixel(e1.w[unit], e1.c[unit]));
    }
    p.setPen(ring);
    p.setBrush(minimumColor(k));
    const double r = k == 0 ? 7 : 5;
    p.drawEllipse(m.toPixel(q.net.w[unit], q.net.c[unit]), r, r);
  }
  p.restore();
}

}  // namespace lreg::views
