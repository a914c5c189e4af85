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

const QString kTrainLoss = QStringLiteral("train_loss");
const QString kTestLoss = QStringLiteral("test_loss");

double valueOf(const lreg::HistoryPoint& p, const QString& key) {
  if (key == kTrainLoss) return p.train_loss;
  if (key == kTestLoss) return p.test_loss;
  const auto it = p.extra.find(key.toStdString());
  return it == p.extra.end() ? std::nan("") : it->second;
}

// Whole decades, so that a log axis always has labelled ticks, even for a narrow range.
// (Nudged outwards: a label exactly on the range end may be dropped by rounding.)
std::pair<double, double> decades(double lo, double hi) {
  return {0.999 * std::pow(10.0, std::floor(std::log10(lo))),
          1.001 * std::pow(10.0, std::ceil(std::log10(hi * 1.0001)))};
}

}  // namespace

LossChart::LossChart(QWidget* parent)
    : QChartView(new QChart, parent),
      x_title_(tr("step")),
      first_{kTrainLoss, tr(" train")},
      second_{kTestLoss, tr(" test")} {
  setRenderHint(QPainter::Antialiasing);
  QChart* c = chart();
  c->setMargins(QMargins(4, 4, 8, 4));
  c->setBackgroundRoundness(0);
  c->legend()->setAlignment(Qt::AlignRight);
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.92);
  c->legend()->setFont(small);
  c->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
  loss_name_ = QStringLiteral("MAE");
  rebuildAxes();
}

void LossChart::setTitle(const QString& title) {
  QFont f = font();
  f.setBold(true);
  chart()->setTitleFont(f);
  chart()->setTitle(title);
}

void LossChart::setLossName(const QString& name) {
  loss_name_ = name;
  y_->setTitleText(log_y_ ? name + tr(" (log)") : name);
}

void LossChart::setXAxis(XQuantity quantity, bool log) {
  x_title_ = quantity == XQuantity::Step ? tr("step") : tr("seconds");
  x_quantity_ = quantity;
  log_x_ = log;
  rebuildAxes();
}

void LossChart::setXTitle(const QString& title) {
  x_title_ = title;
  x_->setTitleText(log_x_ ? title + tr(" (log)") : title);
}

void LossChart::setLogY(bool log) {
  log_y_ = log;
  rebuildAxes();
}

void LossChart::setYClamp(double lo, double hi) {
  clamp_lo_ = lo;
  clamp_hi_ = hi;
  updateAxes();
}

void LossChart::setQuantities(const Quantity& first, const Quantity& second) {
  first_ = first;
  second_ = second;
  for (Run& r : runs_) replot(r);
  updateAxes();
}

void LossChart::setSecondPenStyle(Qt::PenStyle style) { second_style_ = style; }

// Qt Charts cannot change an axis' type in place: new axes are made and every series re-attached.
void LossChart::rebuildAxes() {
  QChart* c = chart();
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.92);
  const auto replace = [&](QAbstractAxis*& axis, QAbstractAxis* fresh, Qt::Alignment where) {
    if (axis) {
      c->removeAxis(axis);
      delete axis;
    }
    axis = fresh;
    axis->setLabelsFont(small);
    axis->setTitleFont(small);
    axis->setTruncateLabels(
        false);  // Qt sizes a log axis by its first label: "0.001" became "0...."
    c->addAxis(axis, where);
  };
  if (log_x_) {
    auto* x = new QLogValueAxis;
    x->setBase(10);
    x->setLabelFormat(QStringLiteral("%g"));
    x->setMinorTickCount(8);
    x->setMinorGridLineColor(QColor(246, 246, 246));
    replace(x_, x, Qt::AlignBottom);
  } else {
    auto* x = new QValueAxis;
    x->setLabelFormat(x_quantity_ == XQuantity::Step ? QStringLiteral("%d") : QStringLiteral("%g"));
    replace(x_, x, Qt::AlignBottom);
  }
  x_->setGridLineColor(QColor(232, 232, 232));
  if (log_y_) {
    auto* y = new QLogValueAxis;
    y->setBase(10);
    y->setLabelFormat(QStringLiteral("%g"));
    y->setMinorTickCount(8);
    y->setMinorGridLineColor(QColor(244, 244, 244));
    replace(y_, y, Qt::AlignLeft);
  } else {
    auto* y = new QValueAxis;
    y->setLabelFormat(QStringLiteral("%g"));
    replace(y_, y, Qt::AlignLeft);
  }
  y_->setGridLineColor(QColor(220, 220, 220));
  setXTitle(x_title_);
  setLossName(loss_name_);
  for (QAbstractSeries* s : c->series()) {
    s->attachAxis(x_);
    s->attachAxis(y_);
  }
  for (Run& r : runs_) replot(r);
  updateAxes();
}

QLineSeries* LossChart::addSeries(const QString& name, const QPen& pen) {
  auto* s = new QLineSeries(this);
  s->setName(name);
  s->setPen(pen);
  chart()->addSeries(s);
  s->attachAxis(x_);
  s->attachAxis(y_);
  return s;
}

QList<QPointF> LossChart::toPoints(const lreg::History& h, const QString& key) const {
  QList<QPointF> pts;
  pts.reserve(static_cast<qsizetype>(h.points.size()));
  const bool loss = key == kTrainLoss || key == kTestLoss;
  for (const auto& p : h.points) {
    const double x = x_quantity_ == XQuantity::Step ? p.step : p.seconds;
    double v = valueOf(p, key);
    if (!std::isfinite(v) || !std::isfinite(x) || (log_x_ && x <= 0)) continue;
    if (log_y_) {
      if (loss)
        v = std::max(v, kFloor);
      else if (v <= 0)
        continue;
    }
    pts.append(QPointF(x, v));
  }
  return pts;
}

void LossChart::replot(Run& r) {
  const QList<QPointF> train = toPoints(r.history, first_.key);
  const QList<QPointF> test =
      second_.key.isEmpty() ? QList<QPointF>{} : toPoints(r.history, second_.key);
  // Markers help while a run has few points; on long runs they only clutter.
  r.train->setPointsVisible(train.size() <= 40);
  r.test->setPointsVisible(test.size() <= 40);
  r.train->replace(train);
  r.test->replace(test);
  r.test->setVisible(!test.isEmpty());
  const auto markers = chart()->legend()->markers(r.test);
  for (QLegendMarker* m : markers) m->setVisible(!test.isEmpty());
}

void LossChart::setHistory(const QString& run, const lreg::History& history, QColor trainColor,
                           QColor testColor) {
  Run& r = runs_[run];
  if (!r.train) {
    const auto& pair = kPalette[palette_next_++ % std::size(kPalette)];
    if (!trainColor.isValid()) trainColor = pair.first;
    if (!testColor.isValid()) testColor = pair.second;
    r.train = addSeries(run + first_.suffix, QPen(trainColor, 2));
    r.test = addSeries(run + second_.suffix, QPen(testColor, 2, second_style_));
  }
  r.history = history;
  replot(r);
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
  reference_values_[label] = log_y_ ? std::max(value, kFloor) : value;
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
  double minX = std::numeric_limits<double>::infinity(),
         maxX = x_quantity_ == XQuantity::Step ? 1 : 0;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const Run& r : runs_) {
    for (QLineSeries* s : {r.train, r.test}) {
      for (const QPointF& p : s->points()) {
        minX = std::min(minX, p.x());
        maxX = std::max(maxX, p.x());
        lo = std::min(lo, p.y());
        hi = std::max(hi, p.y());
      }
    }
  }
  if (!(maxX > 0)) maxX = 1;
  if (!(minX < maxX)) minX = log_x_ ? maxX / 10 : 0;
  // A log axis spans at most three decades below the largest x: a run's initial point may sit at
  // microseconds, and that gap says nothing.
  if (log_x_) minX = std::max(minX, maxX * 1e-3);
  const double x0 = log_x_ ? decades(minX, maxX).first : 0.0;
  for (auto it = reference_values_.cbegin(); it != reference_values_.cend(); ++it) {
    lo = std::min(lo, it.value());
    hi = std::max(hi, it.value());
    references_[it.key()]->replace({QPointF(x0, it.value()), QPointF(maxX, it.value())});
  }

  if (auto* y = qobject_cast<QLogValueAxis*>(y_)) {
    if (!(hi >= lo)) {
      lo = 0.01;
      hi = 1;
    }
    const auto [a, b] = decades(lo, hi);
    y->setRange(a, b);
  } else if (auto* y = qobject_cast<QValueAxis*>(y_)) {
    if (!(hi >= lo)) {
      lo = 0;
      hi = 1;
    }
    // The clamp only trims a range that still has data in it.
    const double clo = std::isfinite(clamp_lo_) ? std::max(lo, clamp_lo_) : lo;
    const double chi = std::isfinite(clamp_hi_) ? std::min(hi, clamp_hi_) : hi;
    if (chi > clo) {
      lo = clo;
      hi = chi;
    }
    if (!(hi > lo)) {
      const double pad = std::max(1e-9, std::abs(lo) * 0.05);
      lo -= pad;
      hi += pad;
    }
    y->setRange(lo, hi);
    y->setTickCount(5);
    y->applyNiceNumbers();
  }

  if (auto* x = qobject_cast<QLogValueAxis*>(x_)) {
    const auto [a, b] = decades(minX, maxX);
    x->setRange(a, b);
  } else if (auto* x = qobject_cast<QValueAxis*>(x_)) {
    x->setRange(0, maxX);
    if (x_quantity_ == XQuantity::Step) {
      const int ticks = static_cast<int>(std::min(maxX, 10.0)) + 1;
      x->setTickCount(std::max(2, ticks));
      if (maxX > 10) x->applyNiceNumbers();
    } else {
      x->setTickCount(6);
      x->applyNiceNumbers();
    }
  }
}

}  // namespace lreg::views
