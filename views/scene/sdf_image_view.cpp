#include "scene/sdf_image_view.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "util/colormap.h"
#include "util/method_style.h"

namespace lreg::views {

namespace {

constexpr double kGap = 10;
constexpr double kBarWidth = 70;

// 1, 2 or 5 times a power of ten, so that about `count` ticks fit in [0, range].
double niceStep(double range, int count) {
  const double raw = range / std::max(1, count);
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * p >= raw) return m * p;
  return 10 * p;
}

}  // namespace

SdfImageView::SdfImageView(QWidget* parent) : QWidget(parent) {
  setAttribute(Qt::WA_OpaquePaintEvent);
  distance_bar_ = ColorMap::redBlue().bar(1, 256);
  error_bar_ = ColorMap::purpleOrange().bar(1, 256);
}

void SdfImageView::setTruth(GridFieldPtr truth) {
  truth_ = std::move(truth);
  shown_.clear();
  truth_image_ = {};
  refreshImages();
  update();
}

void SdfImageView::setRun(const RaceRunPtr& run) {
  if (!run || !run->image) return;
  auto it = std::find_if(shown_.begin(), shown_.end(),
                         [&](const Shown& s) { return s.method == run->method; });
  if (it == shown_.end()) {
    shown_.push_back({run->method, nullptr, {}, {}, -1, -1});
    // Rows follow the race's method order, not the order in which the first renderings arrive.
    const auto rank = [this](const Shown& s) {
      return std::find(order_.begin(), order_.end(), s.method) - order_.begin();
    };
    std::stable_sort(shown_.begin(), shown_.end(),
                     [&](const Shown& a, const Shown& b) { return rank(a) < rank(b); });
    it = std::find_if(shown_.begin(), shown_.end(),
                      [&](const Shown& s) { return s.method == run->method; });
  }
  if (it->prediction == run->image) return;
  it->prediction = run->image;
  it->field_range = it->error_range = -1;  // re-render
  refreshImages();
  update();
}

void SdfImageView::setMethodOrder(std::vector<std::string> methods) { order_ = std::move(methods); }

void SdfImageView::clear() {
  shown_.clear();
  update();
}

QImage SdfImageView::predictionImage(const std::string& method) const {
  for (const Shown& s : shown_)
    if (s.method == method) return s.field;
  return {};
}

int SdfImageView::predictionStep(const std::string& method) const {
  for (const Shown& s : shown_)
    if (s.method == method && s.prediction) return s.prediction->step;
  return -1;
}

// Truth and predictions share one symmetric range, so equal colours mean equal distances.
double SdfImageView::distanceRange() const {
  if (!truth_) return 1;
  return std::max({std::abs(double(truth_->min)), std::abs(double(truth_->max)), 1e-9});
}

// Shared by all methods (the largest 99th percentile), so their errors compare by colour.
double SdfImageView::errorRange() const {
  double e = 1e-9;
  for (const Shown& s : shown_)
    if (s.prediction) e = std::max(e, s.prediction->abs_error_p99);
  return e;
}

void SdfImageView::refreshImages() {
  if (!truth_) return;
  const double d = distanceRange(), e = errorRange();
  if (truth_image_.isNull())
    truth_image_ = ColorMap::redBlue().render(truth_->values.data(), truth_->rows, truth_->cols, d);
  for (Shown& s : shown_) {
    if (!s.prediction) continue;
    const GridField& f = *s.prediction->field;
    const GridField& err = *s.prediction->error;
    if (s.field_range != d) {
      s.field = ColorMap::redBlue().render(f.values.data(), f.rows, f.cols, d);
      s.field_range = d;
    }
    if (s.error_range != e) {
      s.error = ColorMap::purpleOrange().render(err.values.data(), err.rows, err.cols, e);
      s.error_range = e;
    }
  }
}

void SdfImageView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().window());
  p.setRenderHint(QPainter::Antialiasing);
  p.setRenderHint(QPainter::SmoothPixmapTransform);
  if (!truth_) {
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(rect(), Qt::AlignCenter,
               tr("Distance-field images appear for the SDF decoder data set."));
    return;
  }
  const QFontMetricsF fm(font());
  const double titleH = fm.height() + 4;
  const double aspect = double(truth_->cols) / truth_->rows;
  // The truth spans two rows; each method is a (prediction, error) pair, two methods to a block
  // of columns. Height first, then everything shrinks if the width does not allow that.
  const int n = static_cast<int>(shown_.size());
  const int rows = n <= 1 ? 1 : 2;
  const int blocks = (n + 1) / 2;
  const double H = height() - 8, W = width() - 8 - 2 * (kBarWidth + kGap);
  double truthH = H - titleH;
  double cellH = (H - (rows - 1) * kGap) / rows - titleH;
  const double imagesWidth = aspect * (truthH + 2 * blocks * cellH);
  if (imagesWidth + blocks * 3 * kGap > W) {
    const double f = std::max(0.1, (W - blocks * 3 * kGap) / imagesWidth);
    truthH *= f;
    cellH *= f;
  }
  const double top = 4, cellW = cellH * aspect;
  drawPanel(p, QRectF(4, top, truthH * aspect, truthH + titleH), tr("Truth (signed distance)"),
            truth_image_, truth_.get(), nullptr);
  const double x0 = 4 + truthH * aspect + 2 * kGap;
  for (int i = 0; i < n; ++i) {
    const Shown& s = shown_[static_cast<size_t>(i)];
    const double x = x0 + (i / 2) * (2 * cellW + 3 * kGap);
    const double y = top + (i % 2) * (cellH + titleH + kGap);
    const QString name = methodLabel(s.method);
    const SdfPrediction& pr = *s.prediction;
    drawPanel(p, QRectF(x, y, cellW, cellH + titleH),
              tr("%1 · %2 %3").arg(name, stepNoun(s.method)).arg(pr.step), s.field, pr.field.get(),
              truth_.get());
    drawPanel(p, QRectF(x + cellW + kGap, y, cellW, cellH + titleH),
              tr("error · MSE %1 px²").arg(pr.mse, 0, 'g', 3), s.error, nullptr, truth_.get());
    // A swatch of the method's colour ties the row to its curves in the charts.
    p.fillRect(QRectF(x - kGap + 1, y + titleH, 5, cellH), methodColor(s.method));
  }
  const double barX = x0 + blocks * (2 * cellW + 3 * kGap) - kGap;
  const double barH = std::max(truthH, rows * cellH + (rows - 1) * (kGap + titleH));
  drawBar(p, QRectF(barX, top + titleH, kBarWidth, barH), distance_bar_, distanceRange(),
          tr("distance (px)"));
  if (n > 0)
    drawBar(p, QRectF(barX + kBarWidth + kGap, top + titleH, kBarWidth, barH), error_bar_,
            errorRange(), tr("error (px)"));
}

void SdfImageView::drawPanel(QPainter& p, const QRectF& box, const QString& title,
                             const QImage& image, const GridField* solid,
                             const GridField* dashed) const {
  const QFontMetricsF fm(font());
  const double titleH = fm.height() + 4;
  p.setPen(palette().color(QPalette::WindowText));
  p.drawText(QRectF(box.left(), box.top(), box.width(), titleH), Qt::AlignLeft | Qt::AlignVCenter,
             fm.elidedText(title, Qt::ElideRight, box.width()));
  const QRectF target(box.left(), box.top() + titleH, box.width(), box.height() - titleH);
  if (image.isNull()) return;
  p.drawImage(target, image);
  p.save();
  p.setClipRect(target);
  p.translate(target.topLeft());
  p.scale(target.width() / image.width(), target.height() / image.height());
  p.translate(0.5, 0.5);  // level-set points are pixel centres
  const auto drawSet = [&p](const GridField* f, const QPen& pen) {
    if (!f) return;
    p.setPen(pen);
    QVector<QLineF> lines;
    lines.reserve(static_cast<qsizetype>(f->zero_set.size() / 2));
    for (size_t k = 0; k + 1 < f->zero_set.size(); k += 2)
      lines.append(QLineF(f->zero_set[k].first, f->zero_set[k].second, f->zero_set[k + 1].first,
                          f->zero_set[k + 1].second));
    p.drawLines(lines);
  };
  QPen truthPen(QColor(40, 40, 40), 1.2, Qt::DashLine);
  truthPen.setCosmetic(true);
  QPen predPen(Qt::black, 1.8);
  predPen.setCosmetic(true);
  drawSet(dashed, truthPen);
  drawSet(solid, predPen);
  p.restore();
  p.setPen(QColor(150, 150, 150));
  p.setBrush(Qt::NoBrush);
  p.drawRect(target);
}

void SdfImageView::drawBar(QPainter& p, const QRectF& box, const QImage& bar, double range,
                           const QString& title) const {
  const QFontMetricsF fm(font());
  const QRectF strip(box.left(), box.top(), 14, box.height());
  p.drawImage(strip, bar);
  p.setPen(QColor(150, 150, 150));
  p.drawRect(strip);
  p.setPen(palette().color(QPalette::WindowText));
  const double step = niceStep(range, 2);
  double labelWidth = 0;
  for (double v = -std::floor(range / step) * step; v <= range + 1e-9; v += step) {
    const double y = strip.center().y() - v / range * strip.height() / 2;
    const QString label = QString::number(std::abs(v) < 1e-12 ? 0.0 : v, 'g', 3);
    labelWidth = std::max(labelWidth, fm.horizontalAdvance(label));
    p.drawLine(QPointF(strip.right(), y), QPointF(strip.right() + 4, y));
    p.drawText(QRectF(strip.right() + 6, y - fm.height() / 2, box.width(), fm.height()),
               Qt::AlignLeft | Qt::AlignVCenter, label);
  }
  // The title runs up along the labels, so that two bars fit side by side.
  p.save();
  p.translate(strip.right() + 10 + labelWidth + fm.ascent(), strip.center().y());
  p.rotate(-90);
  p.drawText(QRectF(-strip.height() / 2, -fm.ascent(), strip.height(), fm.height()),
             Qt::AlignCenter, title);
  p.restore();
}

}  // namespace lreg::views
