#pragma once
// The "ANMIN vs Adam" feature's model: loads one data set, then trains every chosen method
// (lreg::makeTrainer: anmin, adam, sgd, lbfgs) on its own worker thread, one step at a time, and
// publishes an immutable snapshot per run after every step. On the SDF decoder the workers also
// render the current model's distance field over the whole image now and then. Each run is a job
// of its own JobTracker: cancel works between steps; a cancelled run keeps its partial history;
// the trackers of a superseded race drop what its workers still deliver.
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QVector>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "lreg/common/history.h"
#include "lreg/data/dataset.h"
#include "lreg/train/trainer.h"
#include "session/job_tracker.h"

namespace lreg::views {

// Where the data comes from. The SDF decoder and abalone are embedded and split 80/20 with the
// seed (as `lreg anmin` does); sim draws N training and N/4 test rows of y = sin(||x||^2).
struct RaceSource {
  enum class Kind { Sdf, Abalone, Sim, Csv };
  Kind kind = Kind::Sdf;
  int dim = 3;   // sim: inputs d
  int n = 2000;  // sim: training rows
  std::string csv_path;
  int target_columns = 1;  // CSV: the last columns are targets
  std::uint64_t seed = 1;  // split seed (and the sim draw)
  double test_fraction = 0.2;

  QString label() const;  // "SDF decoder", "sim (d = 3, N = 2000)", the file name, ...
};

// The sim set of a source: N training and N/4 (at least one) test rows of dimension d.
Dataset simDataset(const RaceSource& source);

struct RaceSetup {
  RaceSource source;
  std::vector<std::string> methods{"anmin", "adam"};
  TrainerConfig config;            // hidden, alpha and seed already copied into every method
  bool one_at_a_time = false;      // uncontended timings: the next method starts when one ends
  double image_interval_s = 0.25;  // SDF: least wall time between two rendered predictions
};

// A scalar field on the image grid (row-major), with its zero level set in pixel-centre
// coordinates (x = column, y = row).
struct GridField {
  int rows = 0, cols = 0;
  std::vector<float> values;
  std::vector<std::pair<float, float>> zero_set;  // segment end points, two per segment
  float min = 0, max = 0;
};
using GridFieldPtr = std::shared_ptr<const GridField>;

// One rendering of a run's kept model on the SDF grid.
struct SdfPrediction {
  int step = 0;
  GridFieldPtr field;        // predicted distance
  GridFieldPtr error;        // prediction - truth
  double abs_error_p99 = 0;  // 99th percentile of |error|: a colour range robust to outliers
  double mse = 0;            // over every pixel (train and test), squared pixels
};
using SdfPredictionPtr = std::shared_ptr<const SdfPrediction>;

// Immutable, shared by the session's runs and the views.
struct RaceData {
  RaceSource source;
  std::shared_ptr<const Dataset> data;
  double var_y = 0;        // variance of the training targets (first output)
  Eigen::MatrixXd grid_x;  // SDF: every pixel (row, col), row-major; else empty
  GridFieldPtr truth;      // SDF only
  bool isImage() const { return static_cast<bool>(truth); }
};
using RaceDataPtr = std::shared_ptr<const RaceData>;

enum class RunState { Waiting, Running, Finished, Cancelled, Failed };
QString toString(RunState state);

// What the views see of one method's run. The session updates it in place on the GUI thread
// (points are appended, never copied), so a RaceRunPtr always shows the run's latest state.
struct RaceRun {
  std::string method;
  RunState state = RunState::Waiting;
  int total_steps = 0;
  History history;         // every point delivered so far (kept when cancelled or failed)
  SdfPredictionPtr image;  // latest rendering, SDF only
  QString message;         // why it failed
};
using RaceRunPtr = std::shared_ptr<const RaceRun>;

class RaceSession : public QObject {
  Q_OBJECT

 public:
  explicit RaceSession(QObject* parent = nullptr);
  ~RaceSession() override;  // cancels and joins the workers (through its trackers)

  // Loads the data on a worker; once it is there the current race is cancelled and replaced by
  // one run per method. Bad input (a CSV, an option) is reported by failed() and the current
  // race goes on untouched.
  void start(const RaceSetup& setup);
  void cancel();  // every run (and a race still loading); partial histories stay
  void cancel(const std::string& method);

  bool isBusy() const { return load_jobs_->isRunning() || active_ > 0; }
  RaceDataPtr data() const { return data_; }
  const RaceSetup& setup() const { return setup_; }
  QVector<RaceRunPtr> runs() const;  // in the order of setup().methods
  RaceRunPtr run(const std::string& method) const;
  quint64 generation() const { return generation_; }
  // Blocks until loading and the workers are done and their results delivered (tests, demo).
  void waitForIdle();

 Q_SIGNALS:
  void started(lreg::views::RaceDataPtr data);   // a new race replaced the old one
  void runChanged(lreg::views::RaceRunPtr run);  // a point, a rendering or a state change
  void finished();                               // every run of the race has ended
  void failed(const QString& message);
  void busyChanged(bool busy);

 private:
  struct Update;
  void onLoaded(const RaceSetup& setup, RaceDataPtr data);
  void launch(const std::string& method);
  void deliver(quint64 generation, const std::string& method, const Update& update);
  void stopAll();
  void emitBusyIfChanged();

  RaceSetup setup_;
  RaceDataPtr data_;
  std::map<std::string, std::shared_ptr<RaceRun>> runs_;
  JobTracker* load_jobs_;                         // child; the latest start() wins
  std::map<std::string, JobTracker*> runs_jobs_;  // children: one per run of the current race
  std::vector<JobTracker*> retired_;              // of replaced races, until their workers return
  quint64 generation_ = 0;
  int active_ = 0;  // runs of the current race not yet ended
  bool last_busy_ = false;
};

}  // namespace lreg::views

Q_DECLARE_METATYPE(lreg::views::RaceDataPtr)
Q_DECLARE_METATYPE(lreg::views::RaceRunPtr)
