#include "charts/loss_chart.h"

#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace lreg::views {

namespace {

// Train/test colour pairs, one per run: the tab10 palette.
const std::pair<QColor, QColor> kPalette[] = {
    {QColor(31, 119, 180), QColor(255, 127, 14)},
    {QColor(44, 160, 44), QColor(214, 39, 40)},
    {QColor(148, 103, 189), QColor(140, 86, 75)},
    {QColor(23, 190, 207), QColor(188, 189, 34)},
};

// A log axis cannot show zero; the smallest loss drawn is this.
constexpr double kFloor = 1e-12;

QList<QPointF> toPoints(const lreg::History& h, bool test) {
  QList<QPointF> pts;
  pts.reserve(static_cast<qsizetype>(h.points.size()));
  for (const auto& p : h.points) {
    const double v = test ? p.test_loss : p.train_loss;
    if (std::isfinite(v)) pts.append(QPointF(p.step, std::max(v, kFloor)));
  }
  return pts;
}

}  // namespace

LossChart::LossChart(QWidget* parent) : QChartView(new QChart, parent) {
  setRenderHint(QPainter::Antialiasing);
  QChart* c = chart();
  c->setMargins(QMargins(4, 4, 8, 4));
  c->setBackgroundRoundness(0);
  c->legend()->setAlignment(Qt::AlignRight);
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.92);
  c->legend()->setFont(small);
  c->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);

  x_ = new QValueAxis;
  x_->setTitleText(tr("step"));
  x_->setLabelFormat(QStringLiteral("%d"));
  x_->setLabelsFont(small);
  x_->setTitleFont(small);
  x_->setGridLineColor(QColor(232, 232, 232));
  y_ = new QLogValueAxis;
  y_->setBase(10);
  y_->setLabelFormat(QStringLiteral("%g"));
  y_->setMinorTickCount(8);
  y_->setLabelsFont(small);
  y_->setTitleFont(small);
  y_->setGridLineColor(QColor(220, 220, 220));
  y_->setMinorGridLineColor(QColor(244, 244, 244));
  c->addAxis(x_, Qt::AlignBottom);
  c->addAxis(y_, Qt::AlignLeft);
  setLossName(QStringLiteral("MAE"));
  updateAxes();
}

void LossChart::setTitle(const QString& title) {
  QFont f = font();
  f.setBold(true);
  chart()->setTitleFont(f);
  chart()->setTitle(title);
}

void LossChart::setLossName(const QString& name) { y_->setTitleText(name + tr(" (log)")); }

QLineSeries* LossChart::addSeries(const QString& name, const QPen& pen) {
  auto* s = new QLineSeries(this);
  s->setName(name);
  s->setPen(pen);
  chart()->addSeries(s);
  s->attachAxis(x_);
  s->attachAxis(y_);
  return s;
}

void LossChart::setHistory(const QString& run, const lreg::History& history, QColor trainColor,
                           QColor testColor) {
  Run& r = runs_[run];
  if (!r.train) {
    const auto& pair = kPalette[palette_next_++ % std::size(kPalette)];
    if (!trainColor.isValid()) trainColor = pair.first;
    if (!testColor.isValid()) testColor = pair.second;
    r.train = addSeries(run + tr(" train"), QPen(trainColor, 2));
    r.test = addSeries(run + tr(" test"), QPen(testColor, 2, Qt::SolidLine));
  }
  const QList<QPointF> train = toPoints(history, false), test = toPoints(history, true);
  // Markers help while a run has few points; on long runs they only clutter.
  r.train->setPointsVisible(train.size() <= 40);
  r.test->setPointsVisible(test.size() <= 40);
  r.train->replace(train);
  r.test->replace(test);
  r.test->setVisible(!test.isEmpty());
  const auto markers = chart()->legend()->markers(r.test);
  for (QLegendMarker* m : markers) m->setVisible(!test.isEmpty());
  updateAxes();
}

void LossChart::removeRun(const QString& run) {
  const auto it = runs_.find(run);
  if (it == runs_.end()) return;
  for (QLineSeries* s : {it->train, it->test}) {
    chart()->removeSeries(s);
    delete s;
  }
  runs_.erase(it);
  updateAxes();
}

void LossChart::setReference(const QString& label, double value, QColor color) {
  if (!std::isfinite(value)) {
    if (QLineSeries* s = references_.take(label)) {
      chart()->removeSeries(s);
      delete s;
    }
    reference_values_.remove(label);
    updateAxes();
    return;
  }
  if (!references_.contains(label)) {
    QPen pen(color, 1.6, Qt::DashLine);
    references_[label] = addSeries(label, pen);
  }
  reference_values_[label] = std::max(value, kFloor);
  updateAxes();
}

void LossChart::clear() {
  for (const QString& run : runs_.keys()) removeRun(run);
  for (const QString& label : references_.keys()) setReference(label, std::nan(""));
  palette_next_ = 0;
}

int LossChart::pointCount(const QString& run) const {
  const auto it = runs_.find(run);
  return it == runs_.end() ? 0 : static_cast<int>(it->train->count());
}

void LossChart::updateAxes() {
  double maxStep = 1;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const Run& r : runs_) {
    for (QLineSeries* s : {r.train, r.test}) {
      for (const QPointF& p : s->points()) {
        maxStep = std::max(maxStep, p.x());
        lo = std::min(lo, p.y());
        hi = std::max(hi, p.y());
      }
    }
  }
  for (auto it = reference_values_.cbegin(); it != reference_values_.cend(); ++it) {
    lo = std::min(lo, it.value());
    hi = std::max(hi, it.value());
    references_[it.key()]->replace({QPointF(0, it.value()), QPointF(maxStep, it.value())});
  }
  if (!(hi >= lo)) {
    lo = 0.01;
    hi = 1;
  }
  // Whole decades, so that a log axis always has labelled ticks, even for a narrow range.
  // (Nudged outwards: a label exactly on the range end may be dropped by rounding.)
  y_->setRange(0.999 * std::pow(10.0, std::floor(std::log10(lo))),
               1.001 * std::pow(10.0, std::ceil(std::log10(hi * 1.0001))));
  x_->setRange(0, maxStep);
  const int ticks = static_cast<int>(std::min(maxStep, 10.0)) + 1;
  x_->setTickCount(std::max(2, ticks));
  if (maxStep > 10) x_->applyNiceNumbers();
}

}  // namespace lreg::views
