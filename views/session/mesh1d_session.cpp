#include "session/mesh1d_session.h"

#include <QCoreApplication>
#include <climits>
#include <exception>

#include "lreg/common/metrics.h"
#include "lreg/common/status.h"
#include "lreg/data/data_source.h"
#include "lreg/data/generators.h"

namespace lreg::views {

namespace {

Dataset loadData(const Mesh1DSource& source) {
  if (!source.isCsv() && generatorInfo(source.generator).inputs != 1)
    throw InputError(source.generator + " is not a 1D data set");
  // The built-in sets come with the paper's test sets; files get a seeded 80/20 split.
  DataSource src;
  src.data = source.isCsv() ? source.csv_path : source.generator;
  src.seed = source.seed;
  return resolveData(src);
}

}  // namespace

struct Mesh1DSession::SetupResult {
  std::shared_ptr<Mrc1D> mrc;
  Mesh1DFramePtr frame;
  QString error;
};

struct Mesh1DSession::StepResult {
  Mesh1DFramePtr frame;
  QString error;
};

Mesh1DSession::Mesh1DSession(QObject* parent) : QObject(parent) {
  qRegisterMetaType<Mesh1DFramePtr>();
  tick_.setSingleShot(true);
  tick_.setInterval(200);
  connect(&tick_, &QTimer::timeout, this, &Mesh1DSession::step);
}

Mesh1DSession::~Mesh1DSession() { tick_.stop(); }

void Mesh1DSession::setup(const Mesh1DSource& source, const Mrc1DOptions& options) {
  // Re-reading a file or regenerating a set for an option change would be wasted work.
  startSetup(source, options, true);
}

void Mesh1DSession::startSetup(const Mesh1DSource& source, const Mrc1DOptions& options,
                               bool reuseData) {
  std::shared_ptr<const Dataset> reuse;
  if (reuseData && frame_ && frame_->setup->source.sameData(source)) reuse = frame_->setup->data;

  // A newer setup supersedes this one: the tracker drops the older result.
  setup_jobs_.run<SetupResult>(
      [source, options, reuse](const JobContext&) {
        SetupResult r;
        try {
          auto data = reuse ? reuse : std::make_shared<const Dataset>(loadData(source));
          if (data->inputs() != 1)
            throw InputError(data->name + ": has " + std::to_string(data->inputs()) +
                             " input columns; the Mesh 1D panel needs one input and the target");
          auto setup = std::make_shared<Mesh1DSetup>();
          setup->source = source;
          setup->options = options;
          setup->data = data;
          r.mrc = std::make_shared<Mrc1D>(data, options);
          setup->baseline = quantileBaseline1D(*data, options.dof, options.ridge);
          setup->baseline_train = evaluate(setup->baseline.predict(data->x_train), data->y_train);
          if (data->hasTest())
            setup->baseline_test = evaluate(setup->baseline.predict(data->x_test), data->y_test);
          setup->noise_ceiling_r2 = data->noise_ceiling_r2;
          setup->oracle_r2 = oracleR2(*data);
          auto frame = std::make_shared<Mesh1DFrame>();
          frame->setup = std::move(setup);
          frame->snapshot = r.mrc->snapshot();
          frame->history = r.mrc->history();
          r.frame = std::move(frame);
        } catch (const std::exception& e) {
          r.mrc.reset();
          r.error = QString::fromStdString(e.what());
        }
        return r;
      },
      [this](SetupResult&& r) { onSetupDone(r); });
  emitBusyIfChanged();
}

void Mesh1DSession::loadCsv(const QString& path) {
  pause();
  Mesh1DSource source;
  source.generator.clear();
  source.csv_path = path.toStdString();
  source.seed = source_.seed;
  startSetup(source, options_, false);  // the file may have been edited since it was read
}

void Mesh1DSession::reset() { setup(source_, options_); }

void Mesh1DSession::step() {
  if (!mrc_ || step_jobs_.isRunning() || setup_jobs_.isRunning()) return;
  step_jobs_.run<StepResult>(
      [mrc = mrc_, setup = frame_->setup](const JobContext&) {
        StepResult r;
        try {
          const Mrc1DSnapshot& snapshot = mrc->step();
          auto frame = std::make_shared<Mesh1DFrame>();
          frame->setup = setup;
          frame->snapshot = snapshot;
          frame->history = mrc->history();
          r.frame = std::move(frame);
        } catch (const std::exception& e) {
          r.error = QString::fromStdString(e.what());
        }
        return r;
      },
      [this](StepResult&& r) { onStepDone(r); });
  emitBusyIfChanged();
}

void Mesh1DSession::play() {
  // Play ends at the options' epochs; at or past them it stops at once (Step still steps on).
  target_step_ = options_.epochs;
  setPlaying(true);
  if (!step_jobs_.isRunning()) scheduleNext();
}

void Mesh1DSession::playUntil(int stepIndex) {
  target_step_ = stepIndex;
  setPlaying(true);
  if (!isBusy()) scheduleNext();
}

void Mesh1DSession::pause() {
  tick_.stop();
  setPlaying(false);
}

void Mesh1DSession::setStepsPerSecond(double stepsPerSecond) {
  tick_.setInterval(stepsPerSecond > 0 ? qRound(1000.0 / stepsPerSecond) : 0);
}

void Mesh1DSession::waitForIdle() {
  while (isBusy()) {
    setup_jobs_.waitForIdle();
    step_jobs_.waitForIdle();
    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);  // results that start the next job
  }
}

void Mesh1DSession::onSetupDone(const SetupResult& r) {
  if (!r.error.isEmpty()) {
    emitBusyIfChanged();
    Q_EMIT failed(r.error);
    if (!mrc_) pause();
    scheduleNext();
    return;
  }
  mrc_ = r.mrc;
  step_jobs_.reset();  // a step still in flight ran on the run being replaced
  source_ = r.frame->setup->source;
  options_ = r.frame->setup->options;
  emitBusyIfChanged();
  install(r.frame);
  scheduleNext();
}

void Mesh1DSession::onStepDone(const StepResult& r) {
  emitBusyIfChanged();
  if (!r.error.isEmpty()) {
    pause();
    Q_EMIT failed(tr("MRC step failed: %1").arg(r.error));
    return;
  }
  install(r.frame);
  scheduleNext();
}

void Mesh1DSession::install(Mesh1DFramePtr frame) {
  frame_ = std::move(frame);
  Q_EMIT changed(frame_);
  Q_EMIT progress(frame_->snapshot.step, options_.epochs);
}

void Mesh1DSession::scheduleNext() {
  if (!playing_ || !frame_ || isBusy()) return;
  const int target = target_step_ >= 0 ? target_step_ : options_.epochs;
  if (frame_->snapshot.step >= target) {
    pause();
    Q_EMIT targetReached();
    return;
  }
  tick_.start();
}

void Mesh1DSession::setPlaying(bool playing) {
  if (playing_ == playing) return;
  playing_ = playing;
  Q_EMIT playingChanged(playing_);
}

void Mesh1DSession::emitBusyIfChanged() {
  const bool busy = isBusy();
  if (busy == last_busy_) return;
  last_busy_ = busy;
  Q_EMIT busyChanged(busy);
}

}  // namespace lreg::views
