#pragma once
// The "Mesh 1D" feature's model: owns the data set and the 1D MRC loop (lreg::Mrc1D), runs every
// load, fit and step on a worker thread and publishes immutable frames for the views.
#include <QObject>
#include <QString>
#include <QTimer>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "lreg/data/dataset.h"
#include "lreg/models/lagrange_regressor_1d.h"
#include "lreg/train/mrc_1d.h"
#include "session/job_tracker.h"
#include "session/mesh_source.h"

namespace lreg::views {

// Where the data comes from: a built-in generator or a CSV file (x, y columns).
struct Mesh1DSource : MeshSource {
  Mesh1DSource() { generator = "sin-inv"; }
};

// What does not change between the steps of one run: shared by all of its frames.
struct Mesh1DSetup {
  Mesh1DSource source;
  Mrc1DOptions options;
  std::shared_ptr<const Dataset> data;
  LagrangeRegressor1D baseline;  // equal-DoF least squares on quantile knots
  Metrics baseline_train, baseline_test;
  std::optional<double> noise_ceiling_r2, oracle_r2;  // generated sets only
};

// One published state of the run: the setup plus the latest snapshot and the whole history.
struct Mesh1DFrame {
  std::shared_ptr<const Mesh1DSetup> setup;
  Mrc1DSnapshot snapshot;
  History history;
};
using Mesh1DFramePtr = std::shared_ptr<const Mesh1DFrame>;

class Mesh1DSession : public QObject {
  Q_OBJECT

 public:
  explicit Mesh1DSession(QObject* parent = nullptr);
  ~Mesh1DSession() override;  // joins the worker jobs

  // Loads or generates the data and builds the initial fit on a worker. On success the old run is
  // replaced (a step still in flight on it is dropped); on bad input failed() names the problem
  // and the current data, run and frame stay as they are.
  void setup(const Mesh1DSource& source, const Mrc1DOptions& options);
  // Pauses, then (re)reads a CSV through lreg::loadCsvDataset with the current options and seed.
  void loadCsv(const QString& path);
  // The initial fit again, with the current source and options.
  void reset();

  // One MRC step; ignored while another step runs, a setup is pending or there is no run yet.
  void step();
  void play();  // steps until the options' epochs, then pauses (at once there)
  void playUntil(
      int stepIndex);  // steps until the snapshot reaches stepIndex, then targetReached()
  void pause();
  // Pace of play; <= 0 steps as fast as the worker delivers.
  void setStepsPerSecond(double stepsPerSecond);

  bool isPlaying() const { return playing_; }
  bool isBusy() const { return step_jobs_.isRunning() || setup_jobs_.isRunning(); }
  bool hasRun() const { return static_cast<bool>(mrc_); }
  Mesh1DFramePtr frame() const { return frame_; }
  const Mesh1DSource& source() const { return source_; }
  const Mrc1DOptions& options() const { return options_; }
  // Blocks until the worker jobs finish and their results are delivered (tests, shutdown).
  void waitForIdle();

 Q_SIGNALS:
  void changed(lreg::views::Mesh1DFramePtr frame);
  void progress(int step, int total);
  void failed(const QString& message);
  void playingChanged(bool playing);
  void busyChanged(bool busy);
  void targetReached();

 private:
  struct SetupResult;
  struct StepResult;
  void startSetup(const Mesh1DSource& source, const Mrc1DOptions& options, bool reuseData);
  void onSetupDone(const SetupResult& result);
  void onStepDone(const StepResult& result);
  void install(Mesh1DFramePtr frame);
  void scheduleNext();
  void setPlaying(bool playing);
  void emitBusyIfChanged();

  std::shared_ptr<Mrc1D> mrc_;  // touched by at most one worker job at a time
  Mesh1DFramePtr frame_;
  Mesh1DSource source_;
  Mrc1DOptions options_;
  bool playing_ = false;
  int target_step_ = -1;  // -1: play to the options' epochs
  bool last_busy_ = false;
  QTimer tick_;
  // Last: destroyed (their jobs joined) first. Only the latest setup may install its result;
  // installing a run drops a step still in flight on the old one.
  JobTracker setup_jobs_;
  JobTracker step_jobs_;
};

}  // namespace lreg::views

Q_DECLARE_METATYPE(lreg::views::Mesh1DFramePtr)
