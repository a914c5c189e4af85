#pragma once
// The "Minima" feature's model: a handful of (x, y) samples, h and lambda; enumerates every local
// minimum of the minimal ReLU net (lreg/minima/enumerate.h) on a worker whenever one of them
// changes, then the pictures of its parameter space (the reduced-loss slice and the basin map,
// lreg/minima/validation.h) and, on request, the basin shares per trainer. Each kind of work has
// its own JobTracker: a newer problem supersedes the enumeration, map and basins in flight, so a
// dragged point only ever shows the minima of where it is now.
#include <Eigen/Core>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <cstdint>
#include <memory>
#include <vector>

#include "lreg/minima/enumerate.h"
#include "lreg/minima/validation.h"
#include "session/job_tracker.h"

namespace lreg::views {

struct MinimaProblem {
  QString data = QStringLiteral("tiny");  // "tiny", "tiny-kink" or a headerless x,y CSV path
  Eigen::VectorXd x, y;
  int hidden = 1;
  double lambda = 1e-2;
};

// The samples of a built-in set or of a CSV file; throws InputError naming the file and row.
void loadMinimaData(const QString& data, Eigen::VectorXd& x, Eigen::VectorXd& y);

// One enumeration, immutable once published; basins are attached by a later frame.
struct MinimaFrame {
  quint64 id = 0;  // increases with every enumeration the session installs
  MinimaProblem problem;
  minima::MinimaReport report;
  std::vector<minima::BasinShare> basins;  // per trainer; empty until runBasins()
  QString caption;                         // what changed from the frame before
};
using MinimaFramePtr = std::shared_ptr<const MinimaFrame>;

// The slice over (w, c) of spec.unit through base (the global minimum), and the basin map.
struct MinimaMap {
  quint64 frame_id = 0;
  minima::SliceSpec spec;
  minima::TinyNet base;
  Eigen::MatrixXd loss;   // spec.nw x spec.nc
  Eigen::MatrixXi basin;  // matchPoint codes: >= 0 minimum, -2 - k critical k, -1 none
};
using MinimaMapPtr = std::shared_ptr<const MinimaMap>;

// "2 minima -> 3: a new isolated minimum at L = 0.41": how after differs from before.
QString describeChange(const minima::MinimaReport* before, const minima::MinimaReport& after);
// A square window over (w, c) that holds every minimum's units with a margin.
minima::SliceSpec defaultSlice(const minima::MinimaReport& report, int unit, int points);

class MinimaSession : public QObject {
  Q_OBJECT

 public:
  explicit MinimaSession(QObject* parent = nullptr);
  ~MinimaSession() override;

  // Loads a built-in set or a CSV and enumerates; bad input: failed(), the problem stays.
  void load(const QString& data);
  void setProblem(const MinimaProblem& problem);  // enumerates (superseding the one in flight)
  void movePoint(int index, double x, double y);
  void setHidden(int hidden);
  void setLambda(double lambda);
  void setMapPoints(int points);  // grid points per axis of slice and basin map; 0: no map
  void setSliceUnit(int unit);
  void runBasins(long runs, std::uint64_t seed = 1);
  void cancel();  // every job; what was shown stays

  const MinimaProblem& problem() const { return problem_; }
  MinimaFramePtr frame() const { return frame_; }
  MinimaMapPtr map() const { return map_; }
  int mapPoints() const { return map_points_; }
  int sliceUnit() const { return slice_unit_; }
  bool isBusy() const;
  JobTracker& enumerationJobs() { return enum_jobs_; }
  JobTracker& mapJobs() { return map_jobs_; }
  void waitForIdle();  // blocks until every job ended and was delivered (tests, demo)

 Q_SIGNALS:
  void problemChanged();
  void changed(lreg::views::MinimaFramePtr frame);
  void mapChanged(lreg::views::MinimaMapPtr map);
  void progress(const QString& what, int step, int total);
  void failed(const QString& message);
  void cancelled();
  void busyChanged(bool busy);

 private:
  void enumerate();
  void startMap();
  void install(minima::MinimaReport&& report, const MinimaProblem& problem);
  void emitBusyIfChanged();

  MinimaProblem problem_;
  MinimaFramePtr frame_;
  MinimaMapPtr map_;
  int map_points_ = 48;
  int slice_unit_ = 0;
  quint64 next_id_ = 0;
  bool last_busy_ = false;
  // Last: destroyed (their jobs joined) first.
  JobTracker enum_jobs_;
  JobTracker map_jobs_;
  JobTracker basin_jobs_;
};

}  // namespace lreg::views

Q_DECLARE_METATYPE(lreg::views::MinimaFramePtr)
Q_DECLARE_METATYPE(lreg::views::MinimaMapPtr)
