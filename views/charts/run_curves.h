#pragma once
// The curves of one or more job runs (Qt Charts): train / validation loss and validation
// accuracy from each run's metrics.csv, x by epoch, training time or wall time. With smoothing
// the debiased EMA (lreg/jobs/curve_smoothing.h) is drawn bold over a faint raw curve; loss may
// use a log axis and "ignore outliers" scales the y axes to the 5th-95th percentiles.
#include <QColor>
#include <QDateTime>
#include <QVector>
#include <QWidget>

#include "jobs/run_files.h"

class QChart;
class QChartView;

namespace lreg::views {

struct CurveRun {
  QString label;
  QColor colour;
  RunMetrics metrics;
  QDateTime started;  // for x = wall time
};

struct CurveOptions {
  enum class X { Epoch, TrainingTime, WallTime };
  X x = X::Epoch;
  double smoothing = 0;  // EMA beta in [0, 1)
  bool log_loss = false;
  bool ignore_outliers = false;
};

class RunCurves : public QWidget {
  Q_OBJECT

 public:
  explicit RunCurves(QWidget* parent = nullptr);

  void setRuns(const QVector<CurveRun>& runs, const CurveOptions& options);
  int seriesCount() const;  // every line drawn, raw and smoothed (tests)
  QChart* lossChart() const { return loss_; }
  QChart* accuracyChart() const { return acc_; }

 private:
  QChart* loss_;
  QChart* acc_;
  QChartView* loss_view_;
  QChartView* acc_view_;
};

}  // namespace lreg::views
