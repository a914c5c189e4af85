#include "charts/repro_chart.h"

#include <QChart>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <limits>

#include "util/figure_export.h"

namespace lreg::views {

namespace {

// tab10, as the studio's other charts.
const QColor kPalette[] = {{31, 119, 180},  {214, 39, 40}, {44, 160, 44},   {255, 127, 14},
                           {148, 103, 189}, {140, 86, 75}, {227, 119, 194}, {127, 127, 127},
                           {188, 189, 34},  {23, 190, 207}};

struct Range {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  void add(double v) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  bool empty() const { return !(lo <= hi); }
};

// The range padded by 4% of its width (of its decades on a log axis); a single value gets a
// unit (a decade) around it.
Range padded(Range r, bool log) {
  if (r.empty()) return log ? Range{1, 10} : Range{0, 1};
  if (log) {
    double a = std::log10(r.lo), b = std::log10(r.hi);
    const double pad = b > a ? 0.04 * (b - a) : 0.5;
    return {std::pow(10.0, a - pad), std::pow(10.0, b + pad)};
  }
  const double pad = r.hi > r.lo ? 0.04 * (r.hi - r.lo) : std::max(1.0, std::abs(r.lo) * 0.1);
  return {r.lo - pad, r.hi + pad};
}

// A log axis labels the powers of its base only: base 10 from a decade up, base 2 (4, 8, 16)
// below it, and under a factor of 2, where log and linear look alike, a linear axis with labels.
QAbstractAxis* makeAxis(bool log, const QString& title, Range r) {
  QAbstractAxis* axis;
  if (log && r.hi >= 2 * r.lo) {
    const bool decades = r.hi >= 10 * r.lo;
    auto* a = new QLogValueAxis;
    a->setBase(decades ? 10 : 2);
    a->setLabelFormat(QStringLiteral("%g"));
    a->setMinorTickCount(decades ? 8 : 1);
    a->setMinorGridLineColor(QColor(244, 244, 244));
    a->setRange(r.lo, r.hi);
    axis = a;
  } else {
    // Ticks at multiples of a 1-2-5 step from 0, so that 0 is "0" and not "-2.77556e-17".
    auto* a = new QValueAxis;
    a->setLabelFormat(QStringLiteral("%g"));
    a->setRange(r.lo, r.hi);
    const double raw = (r.hi - r.lo) / 5, decade = std::pow(10.0, std::floor(std::log10(raw)));
    const double step = raw / decade < 1.5   ? decade
                        : raw / decade < 3.5 ? 2 * decade
                        : raw / decade < 7.5 ? 5 * decade
                                             : 10 * decade;
    a->setTickType(QValueAxis::TicksDynamic);
    a->setTickAnchor(0);
    a->setTickInterval(step);
    axis = a;
  }
  axis->setTitleText(title);
  axis->setGridLineColor(QColor(225, 225, 225));
  axis->setTruncateLabels(false);  // Qt sizes a log axis by its first label
  return axis;
}

}  // namespace

QChart* buildReproChart(const ReproFigure& f, int* dropped) {
  const auto shown = [&](double x, double y) {
    return std::isfinite(x) && std::isfinite(y) && (!f.log_x || x > 0) && (!f.log_y || y > 0);
  };
  // The axes hold every shown point and the ends of its error bar a log axis can show.
  Range xr, yr;
  int left_out = 0;
  for (const ReproSeries& s : f.series) {
    const size_t n = std::min(s.x.size(), s.y.size());
    left_out += static_cast<int>(std::max(s.x.size(), s.y.size()) - n);
    for (size_t i = 0; i < n; ++i) {
      if (!shown(s.x[i], s.y[i])) {
        ++left_out;
        continue;
      }
      xr.add(s.x[i]);
      yr.add(s.y[i]);
      const double e = i < s.y_err.size() ? s.y_err[i] : 0;
      if (!(std::isfinite(e) && e > 0)) continue;
      yr.add(s.y[i] + e);
      if (!f.log_y || s.y[i] - e > 0) yr.add(s.y[i] - e);
    }
  }
  if (dropped) *dropped = left_out;
  xr = padded(xr, f.log_x);
  yr = padded(yr, f.log_y);
  const double cap =
      f.log_x ? std::pow(10.0, 0.007 * std::log10(xr.hi / xr.lo)) : 0.007 * (xr.hi - xr.lo);

  auto* chart = new QChart;
  chart->setTitle(QString::fromStdString(f.title));
  QFont title = chart->titleFont();
  title.setBold(true);
  chart->setTitleFont(title);
  // One row at the bottom cuts labels short when there are many: then a column on the right.
  int label_chars = 0;
  for (const ReproSeries& s : f.series) label_chars += static_cast<int>(s.name.size()) + 4;
  chart->legend()->setAlignment(label_chars > 60 ? Qt::AlignRight : Qt::AlignBottom);
  chart->legend()->setShowToolTips(true);
  chart->setMargins(QMargins(6, 6, 6, 6));
  QAbstractAxis* x = makeAxis(f.log_x, QString::fromStdString(f.x_label), xr);
  QAbstractAxis* y = makeAxis(f.log_y, QString::fromStdString(f.y_label), yr);
  chart->addAxis(x, Qt::AlignBottom);
  chart->addAxis(y, Qt::AlignLeft);
  const auto add = [&](QXYSeries* s) {
    chart->addSeries(s);
    s->attachAxis(x);
    s->attachAxis(y);
  };

  int k = 0;
  for (const ReproSeries& s : f.series) {
    const QColor colour = kPalette[k++ % std::size(kPalette)];
    QXYSeries* data;
    if (s.style == ReproSeries::Style::Points) {
      // A cloud of samples (Figure 4's training points) stays light under the fits.
      const bool cloud = s.x.size() > 100;
      auto* p = new QScatterSeries;
      p->setMarkerSize(cloud ? 4 : s.bold ? 10 : 8);
      p->setBorderColor(cloud ? Qt::transparent : colour.darker(130));
      data = p;
    } else {
      data = new QLineSeries;
      data->setPen(QPen(colour, s.bold ? 3.0 : 1.8));
      data->setPointsVisible(s.style == ReproSeries::Style::LinePoints);
      data->setMarkerSize(s.bold ? 8 : 6);
    }
    data->setName(QString::fromStdString(s.name));
    QColor fill = colour;
    if (s.style == ReproSeries::Style::Points && s.x.size() > 100) fill.setAlpha(110);
    data->setColor(fill);
    const size_t n = std::min(s.x.size(), s.y.size());
    for (size_t i = 0; i < n; ++i)
      if (shown(s.x[i], s.y[i])) data->append(s.x[i], s.y[i]);
    add(data);
    // Error bars after the data, each its own polyline "I": lower cap, stem, upper cap.
    for (size_t i = 0; i < n && i < s.y_err.size(); ++i) {
      const double e = s.y_err[i];
      if (!shown(s.x[i], s.y[i]) || !(std::isfinite(e) && e > 0)) continue;
      const double xi = s.x[i], lo = f.log_y && s.y[i] - e <= 0 ? yr.lo : s.y[i] - e;
      const double hi = s.y[i] + e;
      const double xl = f.log_x ? xi / cap : xi - cap, xh = f.log_x ? xi * cap : xi + cap;
      auto* bar = new QLineSeries;
      bar->setProperty(kErrorBarProperty, true);
      bar->setPen(QPen(colour, 1.2));
      bar->append({{xl, lo}, {xh, lo}, {xi, lo}, {xi, hi}, {xl, hi}, {xh, hi}});
      add(bar);
      for (QLegendMarker* m : chart->legend()->markers(bar)) m->setVisible(false);
    }
  }
  return chart;
}

QList<QXYSeries*> dataSeries(const QChart* chart) {
  QList<QXYSeries*> out;
  for (QAbstractSeries* s : chart->series())
    if (!s->property(kErrorBarProperty).toBool())
      if (auto* xy = qobject_cast<QXYSeries*>(s)) out << xy;
  return out;
}

ReproChartView::ReproChartView(QWidget* parent) : QChartView(parent) {
  setRenderHint(QPainter::Antialiasing);
  setMinimumSize(320, 240);
  setFigure(nullptr);
}

void ReproChartView::setFigure(const ReproFigure* f) {
  QChart* chart;
  dropped_ = 0;
  if (f) {
    chart = buildReproChart(*f, &dropped_);
  } else {
    chart = new QChart;
    chart->setTitle(tr("No figure to show"));
    chart->legend()->hide();
  }
  QChart* old = this->chart();
  setChart(chart);  // the view takes the new chart and lets the old one go
  delete old;
}

QString saveReproFigure(const ReproFigure& f, const QString& path, QSize size) {
  ReproChartView view;
  view.resize(size);
  view.setFigure(&f);
  return saveWidgetFigure(&view, path);
}

}  // namespace lreg::views
