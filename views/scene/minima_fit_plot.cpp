#include "scene/minima_fit_plot.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "util/minima_style.h"

namespace lreg::views {

namespace {
constexpr int kSamples = 400;  // abscissae per curve: kinks are sharp at this width
}

MinimaFitPlot::MinimaFitPlot(QWidget* parent) : QWidget(parent) {
  setMinimumSize(320, 220);
  setMouseTracking(true);
  setToolTip(tr("Drag a sample: the minima are recomputed while it moves."));
}

void MinimaFitPlot::setProblem(const MinimaProblem& problem) {
  problem_ = problem;
  if (drag_ < 0) fitWindow();
  update();
}

void MinimaFitPlot::setFrame(const MinimaFramePtr& frame) {
  frame_ = frame;
  update();
}

int MinimaFitPlot::curveCount() const {
  return frame_ ? static_cast<int>(frame_->report.minima.size()) : 0;
}

int MinimaFitPlot::setBandCount() const {
  if (!frame_) return 0;
  return static_cast<int>(std::count_if(
      frame_->report.minima.begin(), frame_->report.minima.end(),
      [](const minima::MinimumPoint& p) { return p.kind == minima::PointKind::Set; }));
}

void MinimaFitPlot::fitWindow() {
  if (problem_.x.size() == 0) return;
  const double xl = problem_.x.minCoeff(), xh = problem_.x.maxCoeff();
  const double yl = problem_.y.minCoeff(), yh = problem_.y.maxCoeff();
  const double mx = 0.15 * std::max(xh - xl, 1e-3), my = 0.2 * std::max(yh - yl, 1e-3);
  x0_ = xl - mx;
  x1_ = xh + mx;
  y0_ = yl - my;
  y1_ = yh + my;
}

PlotMapping MinimaFitPlot::mapping() const {
  PlotMapping m;
  m.area = QRectF(48, 10, std::max(10, width() - 58), std::max(10, height() - 36));
  m.x0 = x0_;
  m.x1 = x1_;
  m.y0 = y0_;
  m.y1 = y1_;
  return m;
}

void MinimaFitPlot::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), Qt::white);
  const PlotMapping m = mapping();
  p.setPen(QColor(200, 200, 200));
  p.drawRect(m.area);
  p.setPen(Qt::black);
  const QFontMetrics fm(font());
  const auto xt = niceTicks(m.x0, m.x1, 8), yt = niceTicks(m.y0, m.y1, 6);
  const double sx = xt.size() > 1 ? xt[1] - xt[0] : 1, sy = yt.size() > 1 ? yt[1] - yt[0] : 1;
  for (double t : xt) {
    const double px = m.px(t);
    p.drawLine(QPointF(px, m.area.bottom()), QPointF(px, m.area.bottom() + 4));
    const QString s = tickLabel(t, sx);
    p.drawText(QPointF(px - fm.horizontalAdvance(s) / 2.0, m.area.bottom() + 16), s);
  }
  for (double t : yt) {
    const double py = m.py(t);
    p.drawLine(QPointF(m.area.left() - 4, py), QPointF(m.area.left(), py));
    const QString s = tickLabel(t, sy);
    p.drawText(QPointF(m.area.left() - 6 - fm.horizontalAdvance(s), py + 4), s);
  }
  p.drawText(QPointF(m.area.right() - 10, m.area.bottom() + 30), QStringLiteral("x"));

  p.save();
  p.setClipRect(m.area);
  if (frame_) {
    Eigen::VectorXd xs(kSamples);
    for (int i = 0; i < kSamples; ++i) xs[i] = m.x0 + (m.x1 - m.x0) * i / (kSamples - 1);
    const auto& mins = frame_->report.minima;
    // Thin ones first, so that the bold global minimum stays on top.
    for (int k = static_cast<int>(mins.size()) - 1; k >= 0; --k) {
      const Eigen::VectorXd ys = minima::predict(mins[k].net, xs);
      QPainterPath path(m.toPixel(xs[0], ys[0]));
      for (int i = 1; i < kSamples; ++i) path.lineTo(m.toPixel(xs[i], ys[i]));
      QColor c = minimumColor(k);
      if (mins[k].kind == minima::PointKind::Set) {
        // Every point of the segment has this same function; the band marks it as a set.
        QColor band = c;
        band.setAlpha(70);
        p.setPen(QPen(band, 11, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.drawPath(path);
      }
      p.setPen(QPen(c, k == 0 ? 3.2 : 1.3,
                    mins[k].kind == minima::PointKind::Set ? Qt::DashLine : Qt::SolidLine));
      p.drawPath(path);
    }
  }
  p.setPen(QPen(Qt::black, 1.2));
  for (int i = 0; i < problem_.x.size(); ++i) {
    p.setBrush(i == drag_ ? QColor(255, 220, 0) : QColor(40, 40, 40));
    p.drawEllipse(m.toPixel(problem_.x[i], problem_.y[i]), 5, 5);
  }
  p.restore();
}

void MinimaFitPlot::mousePressEvent(QMouseEvent* e) {
  const PlotMapping m = mapping();
  double best = 12;  // pixels: how near a click must be to grab a sample
  drag_ = -1;
  for (int i = 0; i < problem_.x.size(); ++i) {
    const QPointF d = m.toPixel(problem_.x[i], problem_.y[i]) - e->position();
    const double r = std::hypot(d.x(), d.y());
    if (r < best) {
      best = r;
      drag_ = i;
    }
  }
  update();
}

void MinimaFitPlot::mouseMoveEvent(QMouseEvent* e) {
  if (drag_ < 0) {
    setCursor(Qt::ArrowCursor);
    return;
  }
  const PlotMapping m = mapping();
  const double x = std::clamp(m.dataX(e->position().x()), m.x0, m.x1);
  const double y = std::clamp(m.dataY(e->position().y()), m.y0, m.y1);
  problem_.x[drag_] = x;
  problem_.y[drag_] = y;
  update();
  Q_EMIT pointDragged(drag_, x, y);
}

void MinimaFitPlot::mouseReleaseEvent(QMouseEvent*) {
  if (drag_ < 0) return;
  drag_ = -1;
  fitWindow();
  update();
  Q_EMIT dragFinished();
}

}  // namespace lreg::views
