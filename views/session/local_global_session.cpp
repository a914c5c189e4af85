#include "session/local_global_session.h"

#include <algorithm>
#include <cmath>

#include "lreg/experiments/mrc_step_story.h"

namespace lreg::views {

namespace {
Metrics trainMetrics(const LagrangeRegressor1D& m, const Dataset& d) {
  return evaluate(m.predict(d.x_train), d.y_train);
}
}  // namespace

LocalGlobalSession::LocalGlobalSession(QObject* parent) : QObject(parent) {
  qRegisterMetaType<LocalGlobalSetupPtr>();
  qRegisterMetaType<LocalGlobalRacePtr>();
  qRegisterMetaType<LocalGlobalLandscapePtr>();
  for (JobTracker* t : {&setup_jobs_, &step_jobs_, &race_jobs_, &landscape_jobs_}) {
    connect(t, &JobTracker::progress, this, [this](const JobProgress& p) {
      QString what = p.message;
      if (p.values.contains(QStringLiteral("train_mse")))
        what +=
            QStringLiteral(" (train MSE %1)").arg(p.values[QStringLiteral("train_mse")], 0, 'g', 3);
      Q_EMIT progress(what, p.step, p.of, p.seconds);
    });
    connect(t, &JobTracker::failed, this, &LocalGlobalSession::failed);
    connect(t, &JobTracker::runningChanged, this, &LocalGlobalSession::emitBusyIfChanged);
  }
}

LocalGlobalSession::~LocalGlobalSession() = default;

QString LocalGlobalSession::staleResult() {
  return tr("The fit changed while the step ran; its result was dropped. Press it again.");
}

bool LocalGlobalSession::isBusy() const {
  return setup_jobs_.isRunning() || step_jobs_.isRunning() || race_jobs_.isRunning() ||
         landscape_jobs_.isRunning();
}

void LocalGlobalSession::setup(const LocalGlobalOptions& options) {
  options_ = options;
  step_jobs_.reset();
  race_jobs_.reset();
  landscape_jobs_.reset();
  setup_jobs_.run<LocalGlobalSetupPtr>(
      [options](const JobContext& job) { return runLocalGlobalSetup(options, job); },
      [this](LocalGlobalSetupPtr&& s) {
        if (!s) return;  // cancelled
        setup_ = std::move(s);
        undo_.clear();
        race_.reset();
        landscape_.reset();
        if (hasFit()) {
          const PolishMae1DReport& p = setup_->polish;
          setFit(p.model,
                 tr("Adam stopped at its plateau after %1 epochs (train MAE %2). Converted "
                    "exactly: %3 linear regions, %4 nodes. Polished by %5 value and %6 position "
                    "moves: MAE %7 -> %8%9 Drag a node.")
                     .arg(setup_->plateau.step)
                     .arg(setup_->plateau.train_mae, 0, 'f', 4)
                     .arg(setup_->regions)
                     .arg(p.model.mesh().size())
                     .arg(p.value_moves)
                     .arg(p.position_moves)
                     .arg(p.mae_before, 0, 'f', 4)
                     .arg(p.mae_after, 0, 'f', 4)
                     .arg(p.converged ? tr("; no single node move lowers it.")
                                      : tr(" (not converged: a move may still lower it).")),
                 p.converged);
        }
        Q_EMIT setupChanged(setup_);
      });
  emitBusyIfChanged();
}

void LocalGlobalSession::setFit(LagrangeRegressor1D model, const QString& caption, bool polished) {
  fit_.train = trainMetrics(model, *setup_->data);
  fit_.model = std::move(model);
  fit_.caption = caption;
  fit_.polished = polished;
  fit_.refined.clear();
  fit_.step_mse_before = fit_.step_mse_refined = NAN;
  ++fit_id_;
  Q_EMIT fitChanged();
}

void LocalGlobalSession::beginDrag() { drag_pending_ = hasFit(); }

void LocalGlobalSession::moveNode(int i, double x, double y) {
  if (!hasFit() || i < 0 || i >= fit_.model.mesh().size()) return;
  std::vector<double> p = fit_.model.mesh().nodes();
  const int n = static_cast<int>(p.size());
  if (i > 0 && i + 1 < n) {
    // Strictly inside the neighbours, so that the mesh stays a mesh.
    const double gap = 1e-6 * (p.back() - p.front());
    x = std::clamp(x, p[static_cast<size_t>(i - 1)] + gap, p[static_cast<size_t>(i + 1)] - gap);
    p[static_cast<size_t>(i)] = x;
  }
  if (p == fit_.model.mesh().nodes() && y == fit_.model.coeffs()(i, 0)) return;  // no move
  if (drag_pending_) {  // the first move of a drag: one undo entry for all of it
    undo_.push_back(fit_);
    drag_pending_ = false;
  }
  Eigen::MatrixXd c = fit_.model.coeffs();
  c(i, 0) = y;
  const double before = undo_.empty() ? fit_.train.mae : undo_.back().train.mae;
  LagrangeRegressor1D m(Mesh1D(p), c);
  m.setDomain(fit_.model.domain());
  const Metrics now = trainMetrics(m, *setup_->data);
  setFit(std::move(m),
         tr("Dragged node %1 to (%2, %3): MAE %4 -> %5 (%6%7). Ctrl+Z undoes it.")
             .arg(i + 1)
             .arg(x, 0, 'g', 4)
             .arg(y, 0, 'g', 4)
             .arg(before, 0, 'f', 4)
             .arg(now.mae, 0, 'f', 4)
             .arg(now.mae >= before ? QStringLiteral("+") : QString())
             .arg(now.mae - before, 0, 'g', 3),
         false);
}

void LocalGlobalSession::undo() {
  if (undo_.empty()) return;
  fit_ = undo_.back();
  undo_.pop_back();
  ++fit_id_;
  fit_.caption = tr("Undone: MAE %1.").arg(fit_.train.mae, 0, 'f', 4);
  Q_EMIT fitChanged();
}

bool LocalGlobalSession::restoreFit(const LagrangeRegressor1D& model) {
  if (!hasFit() || model.outputs() != 1 || model.mesh().lo() != fit_.model.mesh().lo() ||
      model.mesh().hi() != fit_.model.mesh().hi())
    return false;
  undo_.push_back(fit_);
  LagrangeRegressor1D m = model;
  m.setDomain(fit_.model.domain());
  setFit(std::move(m), tr("Restored the saved fit (%1 nodes).").arg(model.mesh().size()), false);
  return true;
}

void LocalGlobalSession::polish() {
  if (!hasFit()) return;
  const LocalGlobalSetupPtr s = setup_;
  const LagrangeRegressor1D m = fit_.model;
  step_jobs_.run<PolishMae1DReport>(
      [s, m](const JobContext& job) {
        return polishMae1D(m, s->data->x_train.col(0), s->data->y_train.col(0), {},
                           job.progressFn([](JobProgress& p) { p.message = "Polishing"; }));
      },
      [this, s, id = fit_id_](PolishMae1DReport&& r) {
        if (s != setup_ || r.status.code == StatusCode::Cancelled) return;
        if (id != fit_id_) {
          Q_EMIT failed(staleResult());
          return;
        }
        undo_.push_back(fit_);
        setFit(r.model,
               tr("Polished: %1 value and %2 position moves, MAE %3 -> %4%5")
                   .arg(r.value_moves)
                   .arg(r.position_moves)
                   .arg(r.mae_before, 0, 'f', 4)
                   .arg(r.mae_after, 0, 'f', 4)
                   .arg(r.converged ? tr("; no single node move lowers it now.")
                                    : tr(" (not converged: a move may still lower it).")),
               r.converged);
      });
  emitBusyIfChanged();
}

void LocalGlobalSession::mrcStep() {
  if (!hasFit()) return;
  const LocalGlobalSetupPtr s = setup_;
  const LagrangeRegressor1D m = fit_.model;
  Mrc1DOptions o;
  o.topk = s->options.topk;
  o.seed = s->options.seed;
  o.coarsen = CoarsenStrategy::Remove;  // the paper's Figure 1 b-c: nodes merge away
  step_jobs_.run<MrcStepStory1D>(
      [s, m, o](const JobContext&) { return mrcStepStory1D(s->data, m, o); },
      [this, s, id = fit_id_](MrcStepStory1D&& story) {
        if (s != setup_) return;
        if (id != fit_id_) {
          Q_EMIT failed(staleResult());
          return;
        }
        undo_.push_back(fit_);
        setFit(story.model, QString::fromStdString(describe(story)), false);
        fit_.refined = story.snapshot.refined;
        fit_.step_mse_before = story.before.mse;
        fit_.step_mse_refined = story.refined.mse;
        Q_EMIT fitChanged();
      });
  emitBusyIfChanged();
}

void LocalGlobalSession::runRace() {
  const LocalGlobalOptions o = options_;
  auto gate = race_gate_ = std::make_shared<StepGate>();
  gate->setInterval(race_interval_);
  if (race_paused_) gate->pause();
  JobHandlers h;
  h.update = [this](std::any& v) {
    race_ = std::any_cast<LocalGlobalRacePtr>(v);
    Q_EMIT raceChanged(race_);
  };
  h.result = h.update;
  h.cancelled = h.update;
  race_jobs_.start(std::make_unique<InThreadJob>([o, gate](const JobContext& job) -> std::any {
                     return runLocalGlobalRace(o, job, *gate);
                   }),
                   std::move(h));
  emitBusyIfChanged();
}

void LocalGlobalSession::playRace() {
  race_paused_ = false;
  if (!race_jobs_.isRunning())
    runRace();
  else
    race_gate_->play();
}

void LocalGlobalSession::pauseRace() {
  race_paused_ = true;
  if (race_gate_) race_gate_->pause();
}

void LocalGlobalSession::stepRace() {
  race_paused_ = true;
  if (!race_jobs_.isRunning()) runRace();
  race_gate_->step();
}

void LocalGlobalSession::setRaceInterval(int millis) {
  race_interval_ = millis;
  if (race_gate_) race_gate_->setInterval(millis);
}

void LocalGlobalSession::computeLandscape() {
  if (!setup_) return;
  LocalGlobalSetupPtr s = setup_;
  if (s->options.random_plane != options_.random_plane) {  // a plane chosen after training
    auto copy = std::make_shared<LocalGlobalSetup>(*s);
    copy->options.random_plane = options_.random_plane;
    s = copy;
  }
  const int grid = std::max(3, options_.grid);
  landscape_jobs_.run<LocalGlobalLandscapePtr>(
      [s, grid](const JobContext& job) { return runLocalGlobalLandscape(s, grid, job); },
      [this, setup = setup_](LocalGlobalLandscapePtr&& l) {
        if (!l || setup != setup_) return;
        landscape_ = std::move(l);
        Q_EMIT landscapeChanged(landscape_);
      });
  emitBusyIfChanged();
}

void LocalGlobalSession::setLandscapeOptions(int grid, bool random_plane) {
  options_.grid = grid;
  options_.random_plane = random_plane;
}

void LocalGlobalSession::cancel() {
  for (JobTracker* t : {&setup_jobs_, &step_jobs_, &race_jobs_, &landscape_jobs_}) t->cancel();
}

void LocalGlobalSession::waitForIdle() {
  setup_jobs_.waitForIdle();
  step_jobs_.waitForIdle();
  race_jobs_.waitForIdle();
  landscape_jobs_.waitForIdle();
}

void LocalGlobalSession::emitBusyIfChanged() {
  const bool busy = isBusy();
  if (busy == last_busy_) return;
  last_busy_ = busy;
  Q_EMIT busyChanged(busy);
}

}  // namespace lreg::views
