#pragma once
// The "Mesh 2D" feature's model: owns the data set and the 2D MRC loop (lreg::Mrc2D). Every
// load, step and manual edit runs on a worker, one at a time and in the order asked for, and is
// published as an immutable frame. Manual edits (insert, move, delete a vertex) refit at once and
// go on an undo stack of mesh states; an MRC step or a new run clears that stack, because the
// loss history is a history of steps and undoing across one would leave it wrong.
#include <Eigen/Core>
#include <QObject>
#include <QPointF>
#include <QString>
#include <QTimer>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "lreg/data/dataset.h"
#include "lreg/train/mrc_2d.h"
#include "session/job_tracker.h"
#include "session/mesh_source.h"

class QUndoStack;

namespace lreg::views {

// Where the data comes from: a 2D generator, the embedded SDF decoder image ("sdf") or a CSV
// file with two input columns and the targets last.
struct Mesh2DSource : MeshSource {
  Mesh2DSource() { generator = "sin-inv-2d"; }
};

// The fit on a regular grid over the domain, for the 3D surface: values(iy * nx + ix, output).
struct Mesh2DGrid {
  int nx = 0, ny = 0;
  Eigen::Vector2d lo{0, 0}, hi{1, 1};
  Eigen::MatrixXd values;
};

// What does not change between the steps and edits of one run: shared by all of its frames.
struct Mesh2DSetup {
  Mesh2DSource source;
  Mrc2DOptions options;
  std::shared_ptr<const Dataset> data;
  Metrics baseline_train, baseline_test;  // equal-DoF least squares on a quantile grid
  int baseline_dof = 0;
  std::optional<double> noise_ceiling_r2, oracle_r2;  // generated sets only
  Eigen::VectorXd value_lo, value_hi;  // per output: the colour range (2-98 % of the targets)
};

// One published state: the setup, the current snapshot, the one before it (the animation draws
// what a step refined and removed on it) and the history of steps.
struct Mesh2DFrame {
  std::shared_ptr<const Mesh2DSetup> setup;
  Mrc2DSnapshotPtr snapshot;
  Mrc2DSnapshotPtr previous;  // null for the first frame of a run
  History history;
  Mesh2DGrid grid;
};
using Mesh2DFramePtr = std::shared_ptr<const Mesh2DFrame>;

class Mesh2DSession : public QObject {
  Q_OBJECT

 public:
  static constexpr int kGridSide = 72;  // 3D surface samples per axis

  explicit Mesh2DSession(QObject* parent = nullptr);
  ~Mesh2DSession() override;  // waits for the worker

  // Loads or generates the data and builds the initial fit on a worker. On success the old run is
  // replaced (its queued work is dropped); on bad input failed() names the problem and the
  // current run and frame stay as they are.
  void setup(const Mesh2DSource& source, const Mrc2DOptions& options);
  void loadCsv(const QString& path);  // pauses, then reads the file with the current options
  void reset();                       // the initial fit again

  void step();  // one MRC step; ignored while another step is queued or there is no run
  void play();  // steps until the options' epochs (or on, if reached), then pauses
  void playUntil(
      int stepIndex);  // steps until the snapshot reaches stepIndex, then targetReached()
  void pause();
  void setStepsPerSecond(double stepsPerSecond);  // <= 0: as fast as the worker delivers

  // Manual edits in model coordinates, each refit at once; a refused edit (outside the domain,
  // a corner, on an existing vertex) reports failed() and leaves the mesh.
  void insertVertex(QPointF p);
  void moveVertex(int vertex, QPointF p);
  void removeVertex(int vertex);
  QUndoStack* undoStack() const { return undo_; }

  bool isPlaying() const { return playing_; }
  bool isBusy() const { return op_jobs_.isRunning() || !queue_.empty() || setup_jobs_.isRunning(); }
  bool hasRun() const { return static_cast<bool>(mrc_); }
  Mesh2DFramePtr frame() const { return frame_; }
  const Mesh2DSource& source() const { return source_; }
  const Mrc2DOptions& options() const { return options_; }
  void waitForIdle();  // blocks until the worker is done and its results delivered (tests)

 Q_SIGNALS:
  void changed(lreg::views::Mesh2DFramePtr frame);
  void failed(const QString& message);
  void playingChanged(bool playing);
  void busyChanged(bool busy);
  void targetReached();

 private:
  class RestoreCommand;
  struct SetupResult;
  struct OpResult {
    Mesh2DFramePtr frame;
    QString error;
  };
  enum class OpKind { Step, Edit, Restore };
  // A job on the run's Mrc2D; returns the new snapshot or throws / sets the error.
  using Op = std::function<Mrc2DEdit(Mrc2D&)>;
  struct Queued {
    OpKind kind;
    Op op;
    QString label;
    quint64 epoch;  // step_epoch_ when queued
  };

  void startSetup(const Mesh2DSource& source, const Mrc2DOptions& options, bool reuseData);
  void onSetupDone(const SetupResult& result);
  void enqueue(OpKind kind, Op op, QString label);  // runs after the work queued before it
  void runNext();
  void onOpDone(const Queued& op, const OpResult& result);
  void restoreTo(Mrc2DSnapshotPtr snapshot);  // undo / redo
  void install(Mesh2DFramePtr frame);
  void scheduleNext();
  void setPlaying(bool playing);
  void emitBusyIfChanged();

  std::shared_ptr<Mrc2D> mrc_;  // touched by at most one worker job at a time
  Mesh2DFramePtr frame_;
  Mesh2DSource source_;
  Mrc2DOptions options_;
  QUndoStack* undo_ = nullptr;
  std::deque<Queued> queue_;
  bool step_pending_ = false;  // a step is queued or running
  quint64 step_epoch_ = 0;     // steps asked for; an edit queued before one is not undoable
  bool playing_ = false;
  bool restoring_ = false;  // set while QUndoStack calls back into restoreTo
  int target_step_ = -1;
  bool last_busy_ = false;
  QTimer tick_;
  // Last: destroyed (their jobs joined) first. Only the latest setup may install its result;
  // installing a run drops the work still in flight on the old one.
  JobTracker setup_jobs_;
  JobTracker op_jobs_;  // one queued op at a time
};

}  // namespace lreg::views

Q_DECLARE_METATYPE(lreg::views::Mesh2DFramePtr)
