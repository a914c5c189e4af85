#pragma once
// The race as charts, one LossChart each: MSE against training seconds and against the step
// (log y; train solid, test dashed, one colour per method), R^2, and for ANMIN the log-det of
// the hidden-layer system per iteration (Barbu's Fig. 10) and the firing-pattern flips.
#include <QWidget>
#include <limits>
#include <string>

#include "session/race_session.h"

class QCheckBox;

namespace lreg::views {

class LossChart;

class RaceCharts : public QWidget {
  Q_OBJECT

 public:
  explicit RaceCharts(QWidget* parent = nullptr);

  void setRun(const RaceRun& run);
  void clear();  // also removes the log-det floor
  // Draws the floor n ln(lambda) of ln|M + lambda I| on the log-det chart (M is n x n and
  // positive semi-definite, so the log-det never falls below it) and says in the title and tool
  // tip whether ANMIN's tau test can trigger at all. lambda <= 0: no floor.
  void setLogDetFloor(int n, double lambda, double tau);
  double logDetFloor() const { return logdet_floor_; }  // NaN when none is drawn

  bool logTime() const;
  bool logSteps() const;
  void setLogTime(bool log);
  void setLogSteps(bool log);

  LossChart* mseVsTime() const { return mse_time_; }
  LossChart* mseVsStep() const { return mse_step_; }
  LossChart* r2() const { return r2_; }
  LossChart* logdet() const { return logdet_; }
  LossChart* flips() const { return flips_; }

 private:
  void applyAxes();

  LossChart* mse_time_ = nullptr;
  LossChart* mse_step_ = nullptr;
  LossChart* r2_ = nullptr;
  LossChart* logdet_ = nullptr;
  LossChart* flips_ = nullptr;
  QCheckBox* log_time_ = nullptr;
  QCheckBox* log_steps_ = nullptr;
  double r2_floor_ = 1;  // least R^2 after the first step, over every run shown
  double logdet_floor_ = std::numeric_limits<double>::quiet_NaN();
};

}  // namespace lreg::views
