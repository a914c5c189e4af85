#include "scene/local_global_plot.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace lreg::views {

namespace {
const QColor kFit(31, 119, 180);  // the fit colour the screenshot tests look for
const QColor kMlp(120, 120, 120);
const QColor kResidual(214, 39, 40, 70);
const QColor kRefined(255, 127, 14, 45);
constexpr int kMlpSamples = 800;
constexpr double kSnapPixels = 3;
}  // namespace

LocalGlobalPlot::LocalGlobalPlot(QWidget* parent) : QWidget(parent) {
  setMinimumSize(360, 240);
  setMouseTracking(true);
  setFocusPolicy(Qt::StrongFocus);
  setToolTip(
      tr("Drag a node (or select one with [ and ], move it with the arrow keys, Shift: "
         "further): the MAE is recomputed at once. Wheel or + and - zoom, double-click or 0 "
         "fits the view."));
}

void LocalGlobalPlot::setSetup(const LocalGlobalSetupPtr& setup) {
  setup_ = setup;
  fitWindow();
  update();
}

void LocalGlobalPlot::setFit(const LocalGlobalFit& fit) {
  fit_ = fit;
  // Grow (never shrink) the window to the nodes, except mid-drag, but by at most half the data's
  // span: polishing can leave a node far outside (its elements hold a sample or two near their
  // ends, so its MAE-optimal value is a spike); such a node is drawn on the window's edge, where
  // it can still be grabbed, instead of squashing the fit into a line.
  if (drag_ < 0 && nodeCount() > 0 && setup_ && setup_->data->inputs() == 1) {
    const double yl = setup_->data->y_train.minCoeff(), yh = setup_->data->y_train.maxCoeff();
    const double reach = 0.5 * std::max(yh - yl, 1e-6), pad = 0.04 * (y1_ - y0_);
    const auto& c = fit_.model.coeffs();
    const double lo = std::max(c.minCoeff(), yl - reach), hi = std::min(c.maxCoeff(), yh + reach);
    if (lo < y0_) y0_ = lo - pad;
    if (hi > y1_) y1_ = hi + pad;
  }
  if (selected_ >= nodeCount()) selected_ = -1;
  update();
}

void LocalGlobalPlot::selectNode(int i) {
  selected_ = nodeCount() > 0 ? std::clamp(i, 0, nodeCount() - 1) : -1;
  update();
}

void LocalGlobalPlot::fitWindow() {
  if (!setup_ || setup_->data->inputs() != 1) return;
  const Dataset& d = *setup_->data;
  x0_ = d.domain_lo[0];
  x1_ = d.domain_hi[0];
  const double yl = d.y_train.minCoeff(), yh = d.y_train.maxCoeff();
  const double my = 0.08 * std::max(yh - yl, 1e-6), mx = 0.02 * std::max(x1_ - x0_, 1e-9);
  x0_ -= mx;
  x1_ += mx;
  y0_ = yl - my;
  y1_ = yh + my;
}

PlotMapping LocalGlobalPlot::mapping() const {
  PlotMapping m;
  const QFontMetrics fm(font());
  const double left = fm.horizontalAdvance(QStringLiteral("-0.000")) + 14;
  const double bottom = fm.height() * 2 + 6;
  m.area =
      QRectF(left, 8, std::max(10.0, width() - left - 12), std::max(10.0, height() - bottom - 8));
  m.x0 = x0_;
  m.x1 = x1_;
  m.y0 = y0_;
  m.y1 = y1_;
  return m;
}

QPointF LocalGlobalPlot::nodePixel(int i) const {
  const PlotMapping m = mapping();
  const QPointF at = m.toPixel(fit_.model.mesh().node(i), fit_.model.coeffs()(i, 0));
  return {at.x(), std::clamp(at.y(), m.area.top(), m.area.bottom())};
}

bool LocalGlobalPlot::nodeOutside(int i) const {
  const double v = fit_.model.coeffs()(i, 0);
  return v < y0_ || v > y1_;
}

void LocalGlobalPlot::drawAxes(QPainter& p, const PlotMapping& m) const {
  p.setPen(QColor(200, 200, 200));
  p.setBrush(Qt::NoBrush);
  p.drawRect(m.area);
  p.setPen(palette().color(QPalette::WindowText));
  const QFontMetrics fm(font());
  const auto xt = niceTicks(m.x0, m.x1, 9), yt = niceTicks(m.y0, m.y1, 7);
  const double sx = xt.size() > 1 ? xt[1] - xt[0] : 1, sy = yt.size() > 1 ? yt[1] - yt[0] : 1;
  for (double t : xt) {
    const double px = m.px(t);
    p.drawLine(QPointF(px, m.area.bottom()), QPointF(px, m.area.bottom() + 4));
    const QString s = tickLabel(t, sx);
    p.drawText(QPointF(px - fm.horizontalAdvance(s) / 2.0, m.area.bottom() + 4 + fm.ascent()), s);
  }
  for (double t : yt) {
    const double py = m.py(t);
    p.drawLine(QPointF(m.area.left() - 4, py), QPointF(m.area.left(), py));
    const QString s = tickLabel(t, sy);
    p.drawText(QPointF(m.area.left() - 6 - fm.horizontalAdvance(s), py + fm.ascent() / 2.0), s);
  }
  p.drawText(QPointF(m.area.center().x(), m.area.bottom() + 4 + 2 * fm.height()),
             QStringLiteral("x"));
}

void LocalGlobalPlot::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), Qt::white);
  const PlotMapping m = mapping();
  drawAxes(p, m);
  if (!setup_ || nodeCount() < 2) {
    p.drawText(m.area, Qt::AlignCenter,
               setup_ ? tr("Figure 1 needs 1D data; the race and the landscape work in 2D.")
                      : tr("Training the MLP..."));
    return;
  }
  p.save();
  p.setClipRect(m.area);
  for (const auto& [a, b] : fit_.refined)
    p.fillRect(QRectF(QPointF(m.px(a), m.area.top()), QPointF(m.px(b), m.area.bottom())), kRefined);
  const Dataset& d = *setup_->data;
  const Eigen::VectorXd f = fit_.model.predict1(d.x_train.col(0));
  p.setPen(QPen(kResidual, 1.6));
  for (Eigen::Index k = 0; k < d.x_train.rows(); ++k)
    p.drawLine(m.toPixel(d.x_train(k, 0), d.y_train(k, 0)), m.toPixel(d.x_train(k, 0), f[k]));
  p.setPen(Qt::NoPen);
  p.setBrush(QColor(60, 60, 60, 150));
  for (Eigen::Index k = 0; k < d.x_train.rows(); ++k)
    p.drawEllipse(m.toPixel(d.x_train(k, 0), d.y_train(k, 0)), 1.8, 1.8);
  // The converted MLP, dashed: where the fit started before polishing and dragging.
  const Eigen::VectorXd xs = Eigen::VectorXd::LinSpaced(kMlpSamples, m.x0, m.x1);
  const Eigen::VectorXd ys = setup_->converted.predict1(xs);
  QPainterPath mlp(m.toPixel(xs[0], ys[0]));
  for (int i = 1; i < kMlpSamples; ++i) mlp.lineTo(m.toPixel(xs[i], ys[i]));
  p.setBrush(Qt::NoBrush);
  p.setPen(QPen(kMlp, 1.2, Qt::DashLine));
  p.drawPath(mlp);
  const auto truePixel = [&](int i) {
    return m.toPixel(fit_.model.mesh().node(i), fit_.model.coeffs()(i, 0));
  };
  QPainterPath fit(truePixel(0));  // the clip cuts a spike at the window's edge
  for (int i = 1; i < nodeCount(); ++i) fit.lineTo(truePixel(i));
  p.setPen(QPen(kFit, 2.6));
  p.drawPath(fit);
  const double r = std::max(3.5, font().pointSizeF() * 0.38);
  const QFontMetrics fm(font());
  double labelEnd[2] = {-1e9, -1e9};  // right end of the last value label on the top / bottom edge
  for (int i = 0; i < nodeCount(); ++i) {
    const bool hot = i == drag_ || i == selected_;
    p.setPen(QPen(hot ? QColor(0, 0, 0) : kFit, hot ? 2.0 : 1.2));
    p.setBrush(hot ? QColor(255, 220, 0) : Qt::white);
    const QPointF c = nodePixel(i);
    const double s = hot ? r * 1.5 : r;
    if (!nodeOutside(i)) {
      p.drawEllipse(c, s, s);
      continue;
    }
    // Off the window: a triangle on the edge pointing to the node, labelled with its value.
    const double dir = fit_.model.coeffs()(i, 0) > y1_ ? -1.0 : 1.0;  // pixel y grows downwards
    const QPointF tip(c.x(), c.y() + dir * 0.2 * s), back = c - QPointF(0, dir * 1.8 * s);
    p.drawPolygon(QPolygonF({tip, back + QPointF(-1.2 * s, 0), back + QPointF(1.2 * s, 0)}));
    const QString v = QString::number(fit_.model.coeffs()(i, 0), 'g', 3);
    double& end = labelEnd[dir < 0 ? 0 : 1];
    if (c.x() + 1.6 * s < end) continue;  // a neighbour's label is there: the triangle says enough
    p.setPen(kFit);
    p.drawText(QPointF(c.x() + 1.6 * s, dir < 0 ? c.y() + fm.ascent() + 2 : c.y() - 4), v);
    end = c.x() + 1.6 * s + fm.horizontalAdvance(v) + 4;
  }
  p.restore();
  // The number the figure is about, large in the corner.
  QFont big = font();
  big.setPointSizeF(font().pointSizeF() * 1.6);
  big.setBold(true);
  p.setFont(big);
  p.setPen(QColor(20, 20, 20));
  const QString label = tr("train MAE %1%2")
                            .arg(fit_.train.mae, 0, 'f', 4)
                            .arg(fit_.polished ? tr("  (polished)") : QString());
  p.drawText(m.area.adjusted(10, 6, -10, -6), Qt::AlignTop | Qt::AlignRight, label);
}

void LocalGlobalPlot::mousePressEvent(QMouseEvent* e) {
  double best = 12;  // pixels: how near a click must be to grab a node
  drag_ = -1;
  for (int i = 0; i < nodeCount(); ++i) {
    const QPointF dlt = nodePixel(i) - e->position();
    const double dist = std::hypot(dlt.x(), dlt.y());
    if (dist < best) {
      best = dist;
      drag_ = i;
    }
  }
  if (drag_ >= 0) {
    selected_ = drag_;
    press_ = e->position();
    press_node_ = {fit_.model.mesh().node(drag_), fit_.model.coeffs()(drag_, 0)};
    Q_EMIT dragStarted(drag_);
  }
  update();
}

void LocalGlobalPlot::mouseMoveEvent(QMouseEvent* e) {
  if (drag_ < 0) return;
  const PlotMapping m = mapping();
  // Within a few pixels of the press an axis stays put: a vertical drag moves only the value,
  // a horizontal one only the position (the moves the polish certifies).
  const QPointF d = e->position() - press_;
  const double x = std::abs(d.x()) < kSnapPixels ? press_node_.x() : m.dataX(e->position().x());
  const double y = std::abs(d.y()) < kSnapPixels ? press_node_.y() : m.dataY(e->position().y());
  Q_EMIT nodeDragged(drag_, x, y);
}

void LocalGlobalPlot::mouseReleaseEvent(QMouseEvent*) {
  if (drag_ < 0) return;
  drag_ = -1;
  update();
  Q_EMIT dragFinished();
}

void LocalGlobalPlot::zoom(QPointF pixel, double factor) {
  const PlotMapping m = mapping();
  const double cx = m.dataX(pixel.x()), cy = m.dataY(pixel.y());
  x0_ = cx + (x0_ - cx) * factor;
  x1_ = cx + (x1_ - cx) * factor;
  y0_ = cy + (y0_ - cy) * factor;
  y1_ = cy + (y1_ - cy) * factor;
  update();
}

void LocalGlobalPlot::wheelEvent(QWheelEvent* e) {
  zoom(e->position(), std::pow(0.85, e->angleDelta().y() / 120.0));
}

void LocalGlobalPlot::mouseDoubleClickEvent(QMouseEvent*) {
  fitWindow();
  setFit(fit_);
}

void LocalGlobalPlot::keyPressEvent(QKeyEvent* e) {
  if (nodeCount() == 0) return QWidget::keyPressEvent(e);
  const QPointF centre = selected_ >= 0 ? nodePixel(selected_) : QPointF(mapping().area.center());
  if (e->key() == Qt::Key_Plus || e->key() == Qt::Key_Equal) return zoom(centre, 0.7);
  if (e->key() == Qt::Key_Minus) return zoom(centre, 1 / 0.7);
  if (e->key() == Qt::Key_0) return mouseDoubleClickEvent(nullptr);
  const bool far = e->modifiers() & Qt::ShiftModifier;
  if (e->key() == Qt::Key_BracketLeft || e->key() == Qt::Key_BracketRight) {
    const int step = e->key() == Qt::Key_BracketLeft ? -1 : 1;
    selectNode(selected_ < 0 ? 0 : (selected_ + step + nodeCount()) % nodeCount());
    return;
  }
  if (selected_ < 0) return QWidget::keyPressEvent(e);
  double dx = 0, dy = 0;
  const double sy = 0.01 * (y1_ - y0_) * (far ? 10 : 1), sx = 0.002 * (x1_ - x0_) * (far ? 10 : 1);
  switch (e->key()) {
    case Qt::Key_Up:
      dy = sy;
      break;
    case Qt::Key_Down:
      dy = -sy;
      break;
    case Qt::Key_Left:
      dx = -sx;
      break;
    case Qt::Key_Right:
      dx = sx;
      break;
    default:
      return QWidget::keyPressEvent(e);
  }
  Q_EMIT dragStarted(selected_);
  Q_EMIT nodeDragged(selected_, fit_.model.mesh().node(selected_) + dx,
                     fit_.model.coeffs()(selected_, 0) + dy);
  Q_EMIT dragFinished();
}

}  // namespace lreg::views
