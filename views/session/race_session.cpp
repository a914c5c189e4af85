#include "session/race_session.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <optional>

#include "lreg/common/status.h"
#include "lreg/data/data_source.h"
#include "lreg/data/embedded.h"
#include "lreg/data/generators.h"
#include "util/level_set.h"
#include "util/method_style.h"

namespace lreg::views {

namespace {

GridFieldPtr makeField(const Eigen::VectorXd& v, int rows, int cols, bool levelSet) {
  auto f = std::make_shared<GridField>();
  f->rows = rows;
  f->cols = cols;
  f->values.assign(v.data(), v.data() + v.size());
  const auto [lo, hi] = std::minmax_element(f->values.begin(), f->values.end());
  f->min = *lo;
  f->max = *hi;
  if (levelSet) f->zero_set = zeroLevelSet(f->values.data(), rows, cols);
  return f;
}

// The kept model over every pixel, and its error against the truth.
SdfPredictionPtr render(const TwoLayerRelu& model, const RaceData& d, int step) {
  const Eigen::VectorXd pred = model.predict(d.grid_x).col(0);
  Eigen::VectorXd truth(pred.size());
  for (Eigen::Index i = 0; i < truth.size(); ++i)
    truth(i) = d.truth->values[static_cast<size_t>(i)];
  const Eigen::VectorXd err = pred - truth;
  auto p = std::make_shared<SdfPrediction>();
  p->step = step;
  p->field = makeField(pred, d.truth->rows, d.truth->cols, true);
  p->error = makeField(err, d.truth->rows, d.truth->cols, false);
  p->mse = err.squaredNorm() / static_cast<double>(err.size());
  std::vector<double> abs(err.data(), err.data() + err.size());
  for (double& a : abs) a = std::abs(a);
  const auto k = static_cast<std::ptrdiff_t>(0.99 * static_cast<double>(abs.size() - 1));
  std::nth_element(abs.begin(), abs.begin() + k, abs.end());
  p->abs_error_p99 = abs[static_cast<size_t>(k)];
  return p;
}

DataSource dataSource(const RaceSource& s) {
  DataSource src;
  src.seed = s.seed;
  src.test_fraction = s.test_fraction;
  switch (s.kind) {
    case RaceSource::Kind::Sdf:
      src.data = "sdf";
      break;
    case RaceSource::Kind::Abalone:
      src.data = "abalone";
      break;
    case RaceSource::Kind::Sim:
      src.data = "sim";
      src.sim_dim = s.dim;
      src.n_train = s.n;
      src.n_test = std::max(1, s.n / 4);
      break;
    case RaceSource::Kind::Csv:
      src.data = s.csv_path;
      src.target_columns = s.target_columns;
      break;
  }
  return src;
}

RaceDataPtr loadRaceData(const RaceSetup& setup) {
  const RaceSource& s = setup.source;
  if (setup.methods.empty()) throw InputError("choose at least one method to race");
  auto rd = std::make_shared<RaceData>();
  rd->source = s;
  Dataset d = resolveData(dataSource(s));
  if (s.kind == RaceSource::Kind::Sdf) {  // every pixel, to draw the prediction as an image
    const Dataset all = sdfDecoder();
    rd->grid_x = all.x_train;
    rd->truth = makeField(all.y_train.col(0), kSdfRows, kSdfCols, true);
  }
  const Eigen::VectorXd y = d.y_train.col(0);
  rd->var_y = (y.array() - y.mean()).square().mean();
  rd->data = std::make_shared<const Dataset>(std::move(d));
  return rd;
}

}  // namespace

QString RaceSource::label() const {
  switch (kind) {
    case Kind::Sdf:
      return QObject::tr("SDF decoder");
    case Kind::Abalone:
      return QObject::tr("abalone");
    case Kind::Sim:
      return QObject::tr("sim (d = %1, N = %2)").arg(dim).arg(n);
    case Kind::Csv:
      return QFileInfo(QString::fromStdString(csv_path)).fileName();
  }
  return {};
}

Dataset simDataset(const RaceSource& source) {
  RaceSource sim = source;
  sim.kind = RaceSource::Kind::Sim;
  return resolveData(dataSource(sim));
}

QString toString(RunState state) {
  switch (state) {
    case RunState::Waiting:
      return QObject::tr("waiting");
    case RunState::Running:
      return QObject::tr("running");
    case RunState::Finished:
      return QObject::tr("finished");
    case RunState::Cancelled:
      return QObject::tr("cancelled");
    case RunState::Failed:
      return QObject::tr("failed");
  }
  return {};
}

// What a worker sends after each step; only the set fields change the run.
struct RaceSession::Update {
  std::optional<History> history;  // the first delivery: point 0 of the new trainer
  std::optional<HistoryPoint> point;
  int total_steps = -1;
  SdfPredictionPtr image;
  std::optional<RunState> state;
  QString message;
};

RaceSession::RaceSession(QObject* parent) : QObject(parent), load_jobs_(new JobTracker(this)) {
  qRegisterMetaType<RaceDataPtr>();
  qRegisterMetaType<RaceRunPtr>();
  connect(load_jobs_, &JobTracker::failed, this, [this](const QString& message) {
    emitBusyIfChanged();
    Q_EMIT failed(message);
  });
}

// The trackers are children: ~QObject cancels and joins their workers.
RaceSession::~RaceSession() = default;

void RaceSession::start(const RaceSetup& setup) {
  // A newer start supersedes this one while it loads: the tracker drops the older data.
  load_jobs_->run<RaceDataPtr>(
      [setup](const JobContext&) { return loadRaceData(setup); },
      [this, setup](RaceDataPtr&& data) { onLoaded(setup, std::move(data)); });
  emitBusyIfChanged();
}

void RaceSession::onLoaded(const RaceSetup& setup, RaceDataPtr data) {
  stopAll();
  ++generation_;
  setup_ = setup;
  // Fair time axis: raced together, each trainer gets one thread (a core each on two cores); one
  // at a time, each gets all cores. Both are timed by wall clock.
  setup_.config.setThreads(setup_.one_at_a_time ? 0 : 1);
  data_ = std::move(data);
  runs_.clear();
  for (const std::string& m : setup_.methods) {
    auto run = std::make_shared<RaceRun>();
    run->method = m;
    runs_[m] = run;
  }
  active_ = static_cast<int>(setup_.methods.size());
  Q_EMIT started(data_);
  for (const std::string& m : setup_.methods) Q_EMIT runChanged(runs_[m]);
  if (setup_.one_at_a_time)
    launch(setup_.methods.front());
  else
    for (const std::string& m : setup_.methods) launch(m);
  emitBusyIfChanged();
}

void RaceSession::launch(const std::string& method) {
  auto* tracker = new JobTracker(this);
  runs_jobs_[method] = tracker;
  const quint64 gen = generation_;
  JobHandlers h;
  h.update = [this, gen, method](std::any& v) { deliver(gen, method, std::any_cast<Update&>(v)); };
  // The last update ends the run, also when it stopped for a cancel.
  h.result = h.cancelled = [this, gen, method](std::any& v) {
    if (auto* u = std::any_cast<Update>(&v)) deliver(gen, method, *u);
  };
  const double interval = setup_.image_interval_s;
  auto work = [method, config = setup_.config, data = data_,
               interval](const JobContext& job) -> std::any {
    using Clock = std::chrono::steady_clock;
    try {
      auto trainer = makeTrainer(method, data->data, config);
      trainer->setStopCheck([&job] { return job.cancelled(); });  // inside long steps too
      Update first;
      first.history = trainer->history();
      first.total_steps = trainer->totalSteps();
      first.state = RunState::Running;
      int rendered = -1;
      if (data->isImage()) {
        first.image = render(trainer->model(), *data, 0);
        rendered = 0;
      }
      job.update(std::move(first));
      auto lastImage = Clock::now();
      while (!trainer->done() && !job.cancelled()) {
        const HistoryPoint p = trainer->step();
        if (!trainer->status().ok()) break;
        Update u;
        u.point = p;
        const std::chrono::duration<double> since = Clock::now() - lastImage;
        if (data->isImage() && (trainer->done() || since.count() >= interval)) {
          u.image = render(trainer->model(), *data, p.step);
          rendered = p.step;
          lastImage = Clock::now();
        }
        job.update(std::move(u));
      }
      Update end;
      if (!trainer->status().ok()) {
        end.state = RunState::Failed;
        end.message = tr("numerical failure at step %1: %2")
                          .arg(trainer->completedSteps() + 1)
                          .arg(QString::fromStdString(trainer->status().message));
      } else {
        end.state = trainer->done() ? RunState::Finished : RunState::Cancelled;
      }
      // The picture shows the model the run ends with, also when cancelled between renderings.
      if (data->isImage() && rendered != trainer->completedSteps())
        end.image = render(trainer->model(), *data, trainer->completedSteps());
      return end;
    } catch (const std::exception& e) {
      Update u;
      u.state = RunState::Failed;
      u.message = QString::fromStdString(e.what());
      return u;
    }
  };
  tracker->start(std::make_unique<InThreadJob>(std::move(work)), std::move(h));
}

void RaceSession::deliver(quint64 generation, const std::string& method, const Update& u) {
  if (generation != generation_) return;  // from a race that has been replaced
  const auto it = runs_.find(method);
  if (it == runs_.end()) return;
  // In place: a point is appended, the history is never copied (runs are GUI-thread only).
  RaceRun* run = it->second.get();
  if (u.history) run->history = *u.history;
  if (u.point) run->history.points.push_back(*u.point);
  if (u.total_steps >= 0) run->total_steps = u.total_steps;
  if (u.image) run->image = u.image;
  const bool ends = u.state && *u.state != RunState::Running && run->state != RunState::Cancelled;
  if (u.state && run->state != RunState::Cancelled) run->state = *u.state;
  if (!u.message.isEmpty()) run->message = u.message;
  Q_EMIT runChanged(it->second);
  if (!ends) return;
  --active_;
  if (run->state == RunState::Failed)
    Q_EMIT failed(methodLabel(method) + QStringLiteral(": ") + run->message);
  if (setup_.one_at_a_time) {
    for (const std::string& m : setup_.methods) {
      if (runs_[m]->state != RunState::Waiting) continue;
      launch(m);
      break;
    }
  }
  emitBusyIfChanged();
  if (active_ == 0) Q_EMIT finished();
}

void RaceSession::cancel() {
  load_jobs_->reset();  // a race still loading its data never starts
  emitBusyIfChanged();
  for (const std::string& m : setup_.methods) cancel(m);
}

void RaceSession::cancel(const std::string& method) {
  const auto it = runs_.find(method);
  if (it == runs_.end()) return;
  if (it->second->state == RunState::Waiting) {  // queued behind another run: never starts
    it->second->state = RunState::Cancelled;
    Q_EMIT runChanged(it->second);
    --active_;
    emitBusyIfChanged();
    if (active_ == 0) Q_EMIT finished();
    return;
  }
  if (const auto job = runs_jobs_.find(method); job != runs_jobs_.end()) job->second->cancel();
}

void RaceSession::stopAll() {
  // The old race's workers stop at their next step; nothing of them is delivered, and each
  // tracker is freed once its worker has returned.
  for (auto& [method, tracker] : runs_jobs_) {
    tracker->reset();
    retired_.push_back(tracker);
    connect(tracker, &JobTracker::idle, this, [this, tracker] {
      retired_.erase(std::remove(retired_.begin(), retired_.end(), tracker), retired_.end());
      tracker->deleteLater();
    });
  }
  runs_jobs_.clear();
  active_ = 0;
}

QVector<RaceRunPtr> RaceSession::runs() const {
  QVector<RaceRunPtr> out;
  for (const std::string& m : setup_.methods)
    if (const auto it = runs_.find(m); it != runs_.end()) out.push_back(it->second);
  return out;
}

RaceRunPtr RaceSession::run(const std::string& method) const {
  const auto it = runs_.find(method);
  return it == runs_.end() ? nullptr : it->second;
}

void RaceSession::waitForIdle() {
  // Sleeps until the workers post something, instead of spinning against them.
  const auto working = [this] {
    if (isBusy() || !retired_.empty()) return true;
    for (const auto& [method, tracker] : runs_jobs_)
      if (tracker->isRunning()) return true;
    return false;
  };
  while (working())
    QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
}

void RaceSession::emitBusyIfChanged() {
  const bool busy = isBusy();
  if (busy == last_busy_) return;
  last_busy_ = busy;
  Q_EMIT busyChanged(busy);
}

}  // namespace lreg::views
