#include "charts/run_curves.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>
#include <cmath>
#include <vector>

#include "lreg/jobs/curve_smoothing.h"

namespace lreg::views {

namespace {

QChart* makeChart(const QString& title) {
  auto* c = new QChart;
  c->setTitle(title);
  c->legend()->setAlignment(Qt::AlignBottom);
  c->setMargins(QMargins(4, 4, 4, 4));
  return c;
}

std::vector<double> toStd(const QVector<double>& v) { return {v.begin(), v.end()}; }

struct Axes {
  QAbstractAxis* x;
  QAbstractAxis* y;
};

}  // namespace

RunCurves::RunCurves(QWidget* parent)
    : QWidget(parent),
      loss_(makeChart(tr("Loss (solid: train, dashed: validation)"))),
      acc_(makeChart(tr("Validation accuracy"))),
      loss_view_(new QChartView(loss_)),
      acc_view_(new QChartView(acc_)) {
  for (QChartView* v : {loss_view_, acc_view_}) {
    v->setRenderHint(QPainter::Antialiasing);
    v->setMinimumSize(260, 200);
  }
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(loss_view_, 1);
  layout->addWidget(acc_view_, 1);
  setRuns({}, {});
}

int RunCurves::seriesCount() const { return int(loss_->series().size() + acc_->series().size()); }

void RunCurves::setRuns(const QVector<CurveRun>& runs, const CurveOptions& o) {
  for (QChart* c : {loss_, acc_}) {
    c->removeAllSeries();
    for (QAbstractAxis* a : c->axes()) {
      c->removeAxis(a);
      delete a;
    }
  }
  const bool wall = o.x == CurveOptions::X::WallTime;
  const auto xAxis = [&]() -> QAbstractAxis* {
    if (wall) {
      auto* a = new QDateTimeAxis;
      a->setFormat(QStringLiteral("HH:mm:ss"));
      a->setTitleText(tr("wall time"));
      return a;
    }
    auto* a = new QValueAxis;
    a->setTitleText(o.x == CurveOptions::X::Epoch ? tr("epoch") : tr("training time (s)"));
    a->setLabelFormat(o.x == CurveOptions::X::Epoch ? QStringLiteral("%.0f")
                                                    : QStringLiteral("%.3g"));
    return a;
  };
  Axes loss{xAxis(), nullptr}, acc{xAxis(), new QValueAxis};
  if (o.log_loss) {
    auto* l = new QLogValueAxis;
    l->setLabelFormat(QStringLiteral("%.3g"));
    loss.y = l;
  } else {
    loss.y = new QValueAxis;
  }
  loss.y->setTitleText(o.log_loss ? tr("cross-entropy (log)") : tr("cross-entropy"));
  acc.y->setTitleText(tr("accuracy"));
  loss_->addAxis(loss.x, Qt::AlignBottom);
  loss_->addAxis(loss.y, Qt::AlignLeft);
  acc_->addAxis(acc.x, Qt::AlignBottom);
  acc_->addAxis(acc.y, Qt::AlignLeft);

  std::vector<double> xs, lossValues, accValues;
  const auto add = [&](QChart* chart, const Axes& axes, const CurveRun& run,
                       const QVector<double>& x, const QVector<double>& y, Qt::PenStyle style,
                       const QString& name, std::vector<double>& range) {
    const std::vector<double> raw = toStd(y);
    const bool smooth = o.smoothing > 0;
    const std::vector<double> shown = smooth ? debiasedEma(raw, o.smoothing) : raw;
    const auto line = [&](const std::vector<double>& v, int alpha, double width) {
      auto* s = new QLineSeries;
      for (qsizetype i = 0; i < x.size() && i < qsizetype(v.size()); ++i) {
        if (!std::isfinite(v[i]) || !std::isfinite(x[i])) continue;
        if (o.log_loss && chart == loss_ && v[i] <= 0) continue;
        s->append(x[i], v[i]);
        range.push_back(v[i]);
        xs.push_back(x[i]);
      }
      QColor c = run.colour;
      c.setAlpha(alpha);
      QPen pen(c, width);
      pen.setStyle(style);
      s->setPen(pen);
      chart->addSeries(s);
      s->attachAxis(axes.x);
      s->attachAxis(axes.y);
      return s;
    };
    if (smooth) {
      QLineSeries* faint = line(raw, 60, 1.0);
      for (QLegendMarker* m : chart->legend()->markers(faint)) m->setVisible(false);
    }
    line(shown, 255, 2.0)->setName(name);
  };
  for (const CurveRun& run : runs) {
    QVector<double> x = run.metrics.column(
        o.x == CurveOptions::X::Epoch ? QStringLiteral("epoch") : QStringLiteral("seconds"));
    if (wall)
      for (double& v : x) v = double(run.started.toMSecsSinceEpoch()) + 1000 * v;
    add(loss_, loss, run, x, run.metrics.column(QStringLiteral("train_loss")), Qt::SolidLine,
        run.label, lossValues);
    add(loss_, loss, run, x, run.metrics.column(QStringLiteral("val_loss")), Qt::DashLine,
        run.label + tr(" val"), lossValues);
    add(acc_, acc, run, x, run.metrics.column(QStringLiteral("val_acc")), Qt::SolidLine, run.label,
        accValues);
  }
  for (QChart* c : {loss_, acc_})
    for (QLegendMarker* m : c->legend()->markers())
      if (m->series() && m->series()->name().endsWith(tr(" val"))) m->setVisible(false);
  auto [x0, x1] = curveRange(xs, false);
  if (xs.empty()) x1 = wall ? x0 : 10;  // no run: a plain empty frame
  if (wall) {
    for (QAbstractAxis* a : {loss.x, acc.x})
      static_cast<QDateTimeAxis*>(a)->setRange(QDateTime::fromMSecsSinceEpoch(qint64(x0)),
                                               QDateTime::fromMSecsSinceEpoch(qint64(x1) + 1000));
  } else {
    for (QAbstractAxis* a : {loss.x, acc.x}) {
      a->setRange(x0, x1 > x0 ? x1 : x0 + 1);
      auto* v = static_cast<QValueAxis*>(a);
      // Whole epochs: ticks on integers (at most 11 of them).
      if (o.x == CurveOptions::X::Epoch && x1 - x0 <= 10)
        v->setTickCount(qMax(2, int(x1 - x0) + 1));
      if (o.x == CurveOptions::X::Epoch && x1 - x0 > 10) v->applyNiceNumbers();
    }
  }
  auto [l0, l1] = curveRange(lossValues, o.ignore_outliers);
  if (o.log_loss) {
    l0 = l0 > 0 ? l0 * 0.9 : 1e-3;
    l1 = l1 > l0 ? l1 * 1.1 : l0 * 10;
  } else {
    const double pad = 0.05 * (l1 - l0 > 0 ? l1 - l0 : 1);
    l0 -= pad;
    l1 += pad;
  }
  loss.y->setRange(l0, l1);
  auto [a0, a1] = curveRange(accValues, o.ignore_outliers);
  const double pad = 0.05 * (a1 - a0 > 0 ? a1 - a0 : 1);
  acc.y->setRange(qMax(0.0, a0 - pad), qMin(1.0, a1 + pad));
}

}  // namespace lreg::views
