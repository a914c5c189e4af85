#pragma once
// The "Local vs global" feature's model (issue 10): an MLP trained by Adam to its plateau and
// converted exactly to an LReg, polished to a minimum of the training MAE (Figure 1 you can
// drag), the escape race and the loss landscape. Every computation runs on a worker through a
// JobTracker of its kind (setup, step, race, landscape); the fit shown after a drag is
// re-evaluated at once (one pass over the samples), and each drag can be undone.
#include <QObject>
#include <QString>
#include <cmath>
#include <memory>
#include <vector>

#include "lreg/common/metrics.h"
#include "lreg/models/lagrange_regressor_1d.h"
#include "session/job_tracker.h"
#include "session/local_global_work.h"
#include "session/step_gate.h"

namespace lreg::views {

// What Figure 1 shows now: the fit, its training metrics and a sentence about how it got there.
struct LocalGlobalFit {
  LagrangeRegressor1D model;
  Metrics train;
  QString caption;
  std::vector<std::pair<double, double>> refined;  // intervals the last MRC step split
  bool polished = false;                           // at the certified MAE minimum
  // After an MRC step: the train MSE before it and after its refinement (least squares).
  double step_mse_before = NAN, step_mse_refined = NAN;
};

class LocalGlobalSession : public QObject {
  Q_OBJECT

 public:
  explicit LocalGlobalSession(QObject* parent = nullptr);
  ~LocalGlobalSession() override;

  void setup(const LocalGlobalOptions& options);  // trains, converts, polishes (supersedes all)
  // Figure 1 (1D): node i to (x, y); x stays strictly between the neighbours, end nodes keep x.
  void beginDrag();  // the next moveNode() opens one undo entry for the whole drag
  void moveNode(int i, double x, double y);
  void undo();
  // Shows a saved fit (a session file's) on the current setup; false when it does not fit it
  // (no 1D setup, or nodes outside the domain).
  bool restoreFit(const LagrangeRegressor1D& model);
  void polish();   // polishes the fit shown
  void mrcStep();  // one refine-refit-coarsen step from the fit shown
  void runRace();  // plays at the pace set; starts paused when the race is paused
  // Play / pause / step of the race: play and step start one when none runs.
  void playRace();
  void pauseRace();
  void stepRace();
  void setRaceInterval(int millis);  // least time between steps while playing (0: full speed)
  bool racePaused() const { return race_paused_; }
  bool raceRunning() const { return race_jobs_.isRunning(); }
  void computeLandscape();
  void setLandscapeOptions(int grid, bool random_plane);  // for the next computeLandscape()
  void cancel();                                          // every job; what is shown stays

  const LocalGlobalOptions& options() const { return options_; }
  LocalGlobalSetupPtr setupResult() const { return setup_; }
  const LocalGlobalFit& fit() const { return fit_; }
  bool hasFit() const { return setup_ && setup_->data->inputs() == 1; }
  LocalGlobalRacePtr race() const { return race_; }
  LocalGlobalLandscapePtr landscape() const { return landscape_; }
  int undoDepth() const { return static_cast<int>(undo_.size()); }
  bool isBusy() const;
  void waitForIdle();  // blocks until every job ended and was delivered (tests)

 Q_SIGNALS:
  void setupChanged(lreg::views::LocalGlobalSetupPtr setup);
  void fitChanged();
  void raceChanged(lreg::views::LocalGlobalRacePtr race);
  void landscapeChanged(lreg::views::LocalGlobalLandscapePtr landscape);
  void progress(const QString& what, int step, int total, double seconds);
  void failed(const QString& message);
  void busyChanged(bool busy);

 private:
  void setFit(LagrangeRegressor1D model, const QString& caption, bool polished);
  void emitBusyIfChanged();
  static QString staleResult();

  LocalGlobalOptions options_;
  LocalGlobalSetupPtr setup_;
  LocalGlobalFit fit_;
  std::vector<LocalGlobalFit> undo_;
  LocalGlobalRacePtr race_;
  LocalGlobalLandscapePtr landscape_;
  bool last_busy_ = false;
  quint64 fit_id_ = 0;  // changes with every fit shown: a step's result for an older one is dropped
  bool drag_pending_ = false;
  bool race_paused_ = false;
  int race_interval_ = 0;
  std::shared_ptr<StepGate> race_gate_;
  // Last: destroyed (their jobs joined) first.
  JobTracker setup_jobs_;
  JobTracker step_jobs_;
  JobTracker race_jobs_;
  JobTracker landscape_jobs_;
};

}  // namespace lreg::views
