#include "scene/mesh1d_plot.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <algorithm>
#include <cmath>

#include "lreg/data/generators.h"
#include "scene/mesh1d_marks.h"
#include "scene/pan_zoom_tool.h"

namespace lreg::views {

namespace {

constexpr int kHighlightMs = 700;
const QColor kData = Mesh1DColors::data();
const QColor kTruth = Mesh1DColors::truth();
const QColor kFit = Mesh1DColors::fit();
const QColor kError = Mesh1DColors::error();
const QColor kGrid(232, 232, 232);
const QColor kAxis(120, 120, 120);

}  // namespace

Mesh1DPlot::Mesh1DPlot(QWidget* parent) : QWidget(parent) {
  setAttribute(Qt::WA_OpaquePaintEvent);
  setFocusPolicy(Qt::ClickFocus);
  highlight_timer_.setInterval(30);
  connect(&highlight_timer_, &QTimer::timeout, this, [this] {
    if (highlight_clock_.elapsed() > kHighlightMs) highlight_timer_.stop();
    update();
  });
  auto* tool = new PanZoomTool(this);
  connect(tool, &PanZoomTool::zoomRequested, this, &Mesh1DPlot::zoom);
  connect(tool, &PanZoomTool::panRequested, this, &Mesh1DPlot::pan);
  connect(tool, &PanZoomTool::resetRequested, this, &Mesh1DPlot::resetView);
  connect(tool, &PanZoomTool::hovered, this, &Mesh1DPlot::hover);
  connect(tool, &PanZoomTool::left, this, [this] {
    hover_on_ = false;
    update();
  });
}

void Mesh1DPlot::setFrame(Mesh1DFramePtr frame) {
  const bool newData = !frame_ || !frame || frame_->setup->data != frame->setup->data;
  const bool newStep = frame && (!frame_ || frame_->snapshot.step != frame->snapshot.step ||
                                 frame_->setup != frame->setup);
  frame_ = std::move(frame);
  if (newData) resetView();
  if (newStep && frame_->snapshot.step > 0) {
    highlight_clock_.start();
    highlight_timer_.start();
  }
  update();
}

void Mesh1DPlot::resetView() {
  if (!frame_) return;
  const Dataset& d = *frame_->setup->data;
  double lo = d.domain_lo.size() ? d.domain_lo(0) : 0.0;
  double hi = d.domain_hi.size() ? d.domain_hi(0) : 1.0;
  if (!(hi > lo)) hi = lo + 1;
  double ylo = d.y_train.rows() ? d.y_train.col(0).minCoeff() : -1.0;
  double yhi = d.y_train.rows() ? d.y_train.col(0).maxCoeff() : 1.0;
  if (!(yhi > ylo)) {
    ylo -= 1;
    yhi += 1;
  }
  const double px = 0.02 * (hi - lo), py = 0.07 * (yhi - ylo);
  x0_ = lo - px;
  x1_ = hi + px;
  y0_ = ylo - py;
  y1_ = yhi + py;
  update();
}

double Mesh1DPlot::fitAt(double x) const {
  if (!frame_ || frame_->snapshot.nodes.size() < 2) return std::nan("");
  const auto& n = frame_->snapshot.nodes;
  const auto& c = frame_->snapshot.coeffs;
  const auto it = std::upper_bound(n.begin(), n.end(), x);
  const auto e = std::clamp<std::ptrdiff_t>(it - n.begin() - 1, 0, std::ssize(n) - 2);
  const double t = (x - n[e]) / (n[e + 1] - n[e]);
  return (1 - t) * c(e, 0) + t * c(e + 1, 0);
}

QString Mesh1DPlot::caption() const {
  return frame_ ? stepCaption(frame_->snapshot, frame_->setup->options) : QString();
}

double Mesh1DPlot::captionHeight(const QFontMetricsF& fm) const {
  // Up to two wrapped lines: long enough for the sentence, short enough to leave the plot room.
  const double w = captionWidth();
  const QRectF r = fm.boundingRect(QRectF(0, 0, w, 1e4), Qt::TextWordWrap, caption());
  return std::min(r.height(), 2 * fm.height()) + 4;
}

PlotMapping Mesh1DPlot::mapping(const QFontMetricsF& fm, int legendRows) const {
  double labelWidth = 0;
  const auto yt = niceTicks(y0_, y1_, std::max(3, height() / 60));
  const double spacing = yt.size() > 1 ? yt[1] - yt[0] : 1;
  for (double t : yt)
    labelWidth = std::max(labelWidth, fm.horizontalAdvance(tickLabel(t, spacing)));
  const double line = fm.height();
  const double top = 12 + line * 1.3 + captionHeight(fm) + legendRows * (line + 6) + 6;
  PlotMapping m;
  m.area = QRectF(QPointF(20 + line + labelWidth, top),
                  QPointF(width() - 18, height() - (16 + 2 * line)));
  m.x0 = x0_;
  m.x1 = x1_;
  m.y0 = y0_;
  m.y1 = y1_;
  return m;
}

const Mesh1DPlot::Reference& Mesh1DPlot::reference(const PlotMapping& m) {
  const Dataset* data = frame_->setup->data.get();
  const QRectF window = viewWindow();
  if (reference_key_data_ == data && reference_key_window_ == window &&
      reference_key_width_ == m.area.width())
    return reference_;
  reference_key_data_ = data;
  reference_key_window_ = window;
  reference_key_width_ = m.area.width();
  reference_ = {};
  const double lo = std::max(x0_, data->domain_lo(0)), hi = std::min(x1_, data->domain_hi(0));
  if (!(hi > lo)) return reference_;
  const Mesh1DSource& source = frame_->setup->source;
  if (!source.isCsv()) {
    // Two samples per pixel resolve the truth as far as the screen can show it.
    const int n = std::max(200, static_cast<int>(2 * m.area.width() * (hi - lo) / (x1_ - x0_)));
    Eigen::MatrixXd x(n, 1);
    for (int i = 0; i < n; ++i) x(i, 0) = lo + (hi - lo) * i / (n - 1);
    const Eigen::MatrixXd y = generatorTruth(source.generator, x);
    reference_.x.assign(x.data(), x.data() + n);
    reference_.y.resize(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) reference_.y[static_cast<size_t>(i)] = y(i, 0);
  } else {
    // Files have no truth: the mean of the training targets in bins a few pixels wide.
    const int bins = std::max(20, static_cast<int>(m.area.width() / 4));
    std::vector<double> sum(static_cast<size_t>(bins), 0.0);
    std::vector<int> count(static_cast<size_t>(bins), 0);
    for (Eigen::Index r = 0; r < data->x_train.rows(); ++r) {
      const double x = data->x_train(r, 0);
      if (x < lo || x > hi) continue;
      const auto b = std::min(bins - 1, static_cast<int>((x - lo) / (hi - lo) * bins));
      sum[static_cast<size_t>(b)] += data->y_train(r, 0);
      ++count[static_cast<size_t>(b)];
    }
    for (int b = 0; b < bins; ++b) {
      if (count[static_cast<size_t>(b)] == 0) continue;
      reference_.x.push_back(lo + (hi - lo) * (b + 0.5) / bins);
      reference_.y.push_back(sum[static_cast<size_t>(b)] / count[static_cast<size_t>(b)]);
    }
  }
  return reference_;
}

void Mesh1DPlot::zoom(QPointF pixel, double fx, double fy) {
  const PlotMapping& m = last_mapping_;
  if (m.area.isEmpty()) return;
  const double cx = m.dataX(pixel.x()), cy = m.dataY(pixel.y());
  x0_ = cx - (cx - x0_) * fx;
  x1_ = cx + (x1_ - cx) * fx;
  y0_ = cy - (cy - y0_) * fy;
  y1_ = cy + (y1_ - cy) * fy;
  update();
}

void Mesh1DPlot::pan(QPointF delta) {
  const PlotMapping& m = last_mapping_;
  if (m.area.isEmpty()) return;
  const double dx = delta.x() / m.area.width() * (x1_ - x0_);
  const double dy = delta.y() / m.area.height() * (y1_ - y0_);
  x0_ -= dx;
  x1_ -= dx;
  y0_ += dy;
  y1_ += dy;
  update();
}

void Mesh1DPlot::hover(QPointF pixel) {
  const PlotMapping& m = last_mapping_;
  hover_on_ = frame_ && m.area.contains(pixel);
  if (!hover_on_) {
    QToolTip::hideText();
    update();
    return;
  }
  hover_x_ = m.dataX(pixel.x());
  QString text =
      QStringLiteral("x = %1\nf(x) = %2").arg(hover_x_, 0, 'g', 6).arg(fitAt(hover_x_), 0, 'g', 6);
  const Mesh1DSource& source = frame_->setup->source;
  if (!source.isCsv()) {
    Eigen::MatrixXd x(1, 1);
    x(0, 0) = hover_x_;
    text +=
        QStringLiteral("\ntruth = %1").arg(generatorTruth(source.generator, x)(0, 0), 0, 'g', 6);
  }
  QToolTip::showText(mapToGlobal(pixel.toPoint() + QPoint(16, 16)), text, this);
  update();
}

void Mesh1DPlot::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), Qt::white);
  p.setRenderHint(QPainter::Antialiasing);
  const QFontMetricsF fm(font());
  if (!frame_) {
    p.setPen(kAxis);
    p.drawText(rect(), Qt::AlignCenter, tr("Fitting..."));
    return;
  }
  const int legendRows = drawLegend(nullptr, 0, width() - 40);
  const PlotMapping m = mapping(fm, legendRows);
  last_mapping_ = m;
  if (m.area.width() < 20 || m.area.height() < 20) return;

  drawAxes(p, m);
  p.save();
  p.setClipRect(m.area);
  drawRefinedBands(p, m, frame_->snapshot);
  drawDataLayer(p, m);
  const Reference& ref = reference(m);
  drawErrorArea(p, m, ref);
  if (!ref.x.empty()) {
    QPolygonF truth;
    truth.reserve(static_cast<int>(ref.x.size()));
    for (size_t i = 0; i < ref.x.size(); ++i) truth << m.toPixel(ref.x[i], ref.y[i]);
    p.setPen(QPen(kTruth, 1.2));
    p.setBrush(Qt::NoBrush);
    p.drawPolyline(truth);
  }
  drawFit(p, m);
  drawMarkers(p, m);
  if (hover_on_) {
    p.setPen(QPen(kAxis, 1, Qt::DashLine));
    p.drawLine(QPointF(m.px(hover_x_), m.area.top()), QPointF(m.px(hover_x_), m.area.bottom()));
    p.setPen(QPen(kFit, 1.5));
    p.setBrush(Qt::white);
    p.drawEllipse(m.toPixel(hover_x_, fitAt(hover_x_)), 4.5, 4.5);
  }
  p.restore();
  p.setPen(kAxis);
  p.setBrush(Qt::NoBrush);
  p.drawRect(m.area);

  // Title row: what is shown, and how much data it rests on.
  const Mesh1DSetup& s = *frame_->setup;
  QFont bold = font();
  bold.setBold(true);
  p.setFont(bold);
  p.setPen(QColor(30, 30, 30));
  const QString title = tr("%1  ·  step %2  ·  %3 nodes")
                            .arg(s.source.label())
                            .arg(frame_->snapshot.step)
                            .arg(frame_->snapshot.nodes.size());
  const QRectF titleBox(m.area.left(), 8, m.area.width(), fm.height() * 1.3);
  p.drawText(titleBox, Qt::AlignLeft | Qt::AlignVCenter, title);
  p.setFont(font());
  p.setPen(kAxis);
  p.drawText(titleBox, Qt::AlignRight | Qt::AlignVCenter,
             tr("%1 training points (shown) · %2 test points")
                 .arg(s.data->x_train.rows())
                 .arg(s.data->x_test.rows()));
  // The caption narrates the step, as under the paper's Figure 1.
  const QRectF captionBox(m.area.left(), titleBox.bottom(), captionWidth(), captionHeight(fm));
  p.setPen(QColor(50, 50, 50));
  p.drawText(captionBox, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, caption());
  drawLegend(&p, captionBox.bottom() + 4, width() - 40);
}

void Mesh1DPlot::drawDataLayer(QPainter& p, const PlotMapping& m) {
  const Dataset* data = frame_->setup->data.get();
  const qreal dpr = devicePixelRatioF();
  const QSize size = (m.area.size() * dpr).toSize();
  if (data_layer_key_data_ != data || data_layer_key_window_ != viewWindow() ||
      data_layer_key_size_ != size) {
    data_layer_key_data_ = data;
    data_layer_key_window_ = viewWindow();
    data_layer_key_size_ = size;
    data_layer_ = QImage(size, QImage::Format_ARGB32_Premultiplied);
    data_layer_.setDevicePixelRatio(dpr);
    data_layer_.fill(Qt::transparent);
    QPainter lp(&data_layer_);
    const Eigen::Index n = data->x_train.rows();
    // Fewer, larger, darker dots for small sets; many faint ones show density for large sets.
    const double radius = n <= 3000 ? 2.4 : (n <= 20000 ? 1.6 : 1.2);
    QColor c = kData;
    c.setAlpha(std::clamp(static_cast<int>(2600 / std::sqrt(static_cast<double>(n) + 1)), 35, 120));
    lp.setRenderHint(QPainter::Antialiasing, n <= 3000);
    lp.setPen(QPen(c, radius * 2, Qt::SolidLine, Qt::RoundCap));
    QPolygonF pts;
    pts.reserve(static_cast<int>(n));
    for (Eigen::Index r = 0; r < n; ++r)
      pts << QPointF(m.px(data->x_train(r, 0)) - m.area.left(),
                     m.py(data->y_train(r, 0)) - m.area.top());
    lp.drawPoints(pts);
  }
  p.drawImage(m.area.topLeft(), data_layer_);
}

void Mesh1DPlot::drawErrorArea(QPainter& p, const PlotMapping& m, const Reference& ref) const {
  if (ref.x.size() < 2) return;
  // Forward along the reference, back along the fit: with odd-even filling every lobe between
  // the two curves is filled once, wherever they cross.
  QPolygonF area;
  area.reserve(static_cast<int>(2 * ref.x.size()));
  for (size_t i = 0; i < ref.x.size(); ++i) area << m.toPixel(ref.x[i], ref.y[i]);
  for (size_t i = ref.x.size(); i-- > 0;) area << m.toPixel(ref.x[i], fitAt(ref.x[i]));
  p.setPen(Qt::NoPen);
  p.setBrush(kError);
  p.drawPolygon(area, Qt::OddEvenFill);
}

void Mesh1DPlot::drawFit(QPainter& p, const PlotMapping& m) const {
  const auto& nodes = frame_->snapshot.nodes;
  const auto& c = frame_->snapshot.coeffs;
  if (nodes.size() < 2 || c.rows() != std::ssize(nodes)) return;
  QPolygonF line;
  line.reserve(static_cast<int>(nodes.size()));
  for (size_t i = 0; i < nodes.size(); ++i)
    line << m.toPixel(nodes[i], c(static_cast<Eigen::Index>(i), 0));
  p.setPen(QPen(kFit, 2.2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
  p.setBrush(Qt::NoBrush);
  p.drawPolyline(line);
  // Node markers shrink when the nodes crowd together, so the fit stays visible.
  const double spacing =
      m.area.width() * (nodes.back() - nodes.front()) / (x1_ - x0_) / nodes.size();
  const double r = spacing > 10 ? 3.2 : 2.0;
  p.setPen(QPen(kFit, 1.3));
  p.setBrush(Qt::white);
  for (const QPointF& q : line) p.drawEllipse(q, r, r);
  // A rug of node positions along the x axis: the mesh density at a glance.
  p.setPen(QPen(QColor(kFit.red(), kFit.green(), kFit.blue(), 170), 1.2));
  for (double x : nodes)
    p.drawLine(QPointF(m.px(x), m.area.bottom()), QPointF(m.px(x), m.area.bottom() - 8));
}

void Mesh1DPlot::drawMarkers(QPainter& p, const PlotMapping& m) const {
  // Just after a step the markers are larger and haloed, then settle to their resting size.
  const double fade =
      highlight_clock_.isValid()
          ? 1.0 - std::clamp(highlight_clock_.elapsed() / double(kHighlightMs), 0.0, 1.0)
          : 0.0;
  drawStepMarks(
      p, m, frame_->snapshot, [this](double x) { return fitAt(x); }, fade);
}

void Mesh1DPlot::drawAxes(QPainter& p, const PlotMapping& m) const {
  const QFontMetricsF fm(font());
  const auto xt = niceTicks(x0_, x1_, std::max(2, static_cast<int>(m.area.width() / 90)));
  const auto yt = niceTicks(y0_, y1_, std::max(3, height() / 60));
  const double xs = xt.size() > 1 ? xt[1] - xt[0] : 1, ys = yt.size() > 1 ? yt[1] - yt[0] : 1;
  p.setPen(QPen(kGrid, 1));
  for (double t : xt) p.drawLine(QPointF(m.px(t), m.area.top()), QPointF(m.px(t), m.area.bottom()));
  for (double t : yt) p.drawLine(QPointF(m.area.left(), m.py(t)), QPointF(m.area.right(), m.py(t)));
  p.setPen(QColor(60, 60, 60));
  for (double t : xt) {
    const double x = m.px(t);
    p.drawLine(QPointF(x, m.area.bottom()), QPointF(x, m.area.bottom() + 4));
    p.drawText(QRectF(x - 60, m.area.bottom() + 6, 120, fm.height()),
               Qt::AlignHCenter | Qt::AlignTop, tickLabel(t, xs));
  }
  for (double t : yt) {
    const double y = m.py(t);
    p.drawLine(QPointF(m.area.left() - 4, y), QPointF(m.area.left(), y));
    p.drawText(QRectF(0, y - fm.height() / 2, m.area.left() - 7, fm.height()),
               Qt::AlignRight | Qt::AlignVCenter, tickLabel(t, ys));
  }
  const Dataset& d = *frame_->setup->data;
  const QString xName =
      d.input_names.empty() ? QStringLiteral("x") : QString::fromStdString(d.input_names[0]);
  const QString yName =
      d.output_names.empty() ? QStringLiteral("y") : QString::fromStdString(d.output_names[0]);
  p.drawText(
      QRectF(m.area.left(), m.area.bottom() + 8 + fm.height(), m.area.width(), fm.height() + 4),
      Qt::AlignHCenter | Qt::AlignTop, xName);
  p.save();
  p.translate(6, m.area.center().y());
  p.rotate(-90);
  p.drawText(QRectF(-100, 0, 200, fm.height()), Qt::AlignHCenter | Qt::AlignTop, yName);
  p.restore();
}

int Mesh1DPlot::drawLegend(QPainter* p, double top, double width) const {
  if (!frame_) return 0;
  const bool csv = frame_->setup->source.isCsv();
  const Mesh1DMarkCounts n = markCounts(frame_->snapshot);
  using G = Mesh1DGlyph;
  const std::vector<std::pair<G, QString>> items = {
      {G::Dot, tr("training data")},
      {G::Line, csv ? tr("binned data mean") : tr("truth")},
      {G::FitLine, tr("LReg fit and nodes")},
      {G::Area, csv ? tr("|fit − data mean|") : tr("|fit − truth|")},
      {G::Band, tr("refined elements (%1)").arg(n.refined)},
      {G::Triangle, tr("inserted nodes (%1)").arg(n.inserted)},
      {G::Cross, tr("removed nodes (%1)").arg(n.removed)},
      {G::Trail, tr("moved nodes (%1)").arg(n.moved)},
  };
  const double left = last_mapping_.area.isEmpty() ? 60 : last_mapping_.area.left();
  return drawLegendItems(p, font(), items, left, top, width);
}

}  // namespace lreg::views
