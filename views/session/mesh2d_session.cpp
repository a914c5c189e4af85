#include "session/mesh2d_session.h"

#include <QCoreApplication>
#include <QUndoCommand>
#include <QUndoStack>
#include <algorithm>
#include <exception>
#include <vector>

#include "lreg/common/metrics.h"
#include "lreg/common/status.h"
#include "lreg/data/data_source.h"
#include "lreg/data/embedded.h"
#include "lreg/data/generators.h"

namespace lreg::views {

namespace {

// The SDF image as the studio shows it: x = column, y = rows from the bottom, so that the mesh
// view draws the decoder upright; a relabelling of the inputs that leaves the fit unchanged.
Dataset sdfUpright(std::uint64_t seed) {
  const Dataset all = sdfDecoder();
  Eigen::MatrixXd x(all.x_train.rows(), 2);
  x.col(0) = all.x_train.col(1);
  x.col(1) = (kSdfRows - 1) - all.x_train.col(0).array();
  Dataset d = splitDataset(x, all.y_train, 0.2, seed, "sdf");
  d.domain_lo = Eigen::Vector2d(0, 0);
  d.domain_hi = Eigen::Vector2d(kSdfCols - 1, kSdfRows - 1);
  d.input_names = {"col", "row from bottom"};
  d.output_names = all.output_names;
  return d;
}

Dataset loadData(const Mesh2DSource& source) {
  if (source.isCsv()) {
    DataSource src;
    src.data = source.csv_path;
    src.seed = source.seed;
    Dataset d = resolveData(src);
    if (d.inputs() != 2)
      throw InputError(
          source.csv_path + ": has " + std::to_string(d.inputs()) +
          " input columns; the Mesh 2D panel reads x1, x2, y (two inputs, the target last)");
    return d;
  }
  if (source.generator == "sdf") return sdfUpright(source.seed);
  if (generatorInfo(source.generator).inputs != 2)
    throw InputError(source.generator + " is not a 2D data set");
  DataSource src;
  src.data = source.generator;
  src.seed = source.seed;
  return resolveData(src);
}

// 2 % and 98 % quantiles per output: a few outliers must not wash out the colour map.
void valueRange(const Eigen::MatrixXd& y, Eigen::VectorXd& lo, Eigen::VectorXd& hi) {
  lo.resize(y.cols());
  hi.resize(y.cols());
  for (Eigen::Index c = 0; c < y.cols(); ++c) {
    std::vector<double> v(y.col(c).data(), y.col(c).data() + y.rows());
    const auto at = [&v](double q) {
      const auto k = static_cast<std::ptrdiff_t>(q * static_cast<double>(v.size() - 1));
      std::nth_element(v.begin(), v.begin() + k, v.end());
      return v[static_cast<size_t>(k)];
    };
    lo(c) = at(0.02);
    hi(c) = at(0.98);
    if (!(hi(c) > lo(c))) {
      lo(c) -= 0.5;
      hi(c) += 0.5;
    }
  }
}

Mesh2DGrid sampleGrid(const DelaunayMesh2& mesh, int side) {
  Mesh2DGrid g;
  g.nx = g.ny = side;
  g.lo = mesh.lo();
  g.hi = mesh.hi();
  Eigen::MatrixX2d x(side * side, 2);
  for (int iy = 0; iy < side; ++iy)
    for (int ix = 0; ix < side; ++ix) {
      x(iy * side + ix, 0) = g.lo.x() + (g.hi.x() - g.lo.x()) * ix / (side - 1);
      x(iy * side + ix, 1) = g.lo.y() + (g.hi.y() - g.lo.y()) * iy / (side - 1);
    }
  g.values = mesh.predict(x);
  return g;
}

QString modelPoint(QPointF p) {
  return QStringLiteral("(%1, %2)").arg(p.x(), 0, 'g', 4).arg(p.y(), 0, 'g', 4);
}

}  // namespace

// One manual edit on the undo stack: the mesh states before and after it. The edit itself ran on
// the worker before the command was pushed, so the first redo() has nothing to do.
class Mesh2DSession::RestoreCommand : public QUndoCommand {
 public:
  RestoreCommand(Mesh2DSession* session, Mrc2DSnapshotPtr before, Mrc2DSnapshotPtr after,
                 const QString& text)
      : QUndoCommand(text),
        session_(session),
        before_(std::move(before)),
        after_(std::move(after)) {}
  void undo() override { session_->restoreTo(before_); }
  void redo() override {
    if (first_)
      first_ = false;
    else
      session_->restoreTo(after_);
  }

 private:
  Mesh2DSession* session_;
  Mrc2DSnapshotPtr before_, after_;
  bool first_ = true;
};

struct Mesh2DSession::SetupResult {
  std::shared_ptr<Mrc2D> mrc;
  Mesh2DFramePtr frame;
  QString error;
};

Mesh2DSession::Mesh2DSession(QObject* parent) : QObject(parent), undo_(new QUndoStack(this)) {
  qRegisterMetaType<Mesh2DFramePtr>();
  tick_.setSingleShot(true);
  tick_.setInterval(200);
  connect(&tick_, &QTimer::timeout, this, &Mesh2DSession::step);
}

Mesh2DSession::~Mesh2DSession() {
  tick_.stop();
  queue_.clear();
}

void Mesh2DSession::setup(const Mesh2DSource& source, const Mrc2DOptions& options) {
  startSetup(source, options, true);
}

void Mesh2DSession::startSetup(const Mesh2DSource& source, const Mrc2DOptions& options,
                               bool reuseData) {
  std::shared_ptr<const Dataset> reuse;
  if (reuseData && frame_ && frame_->setup->source.sameData(source)) reuse = frame_->setup->data;

  // A newer setup supersedes this one: the tracker drops the older result.
  setup_jobs_.run<SetupResult>(
      [source, options, reuse](const JobContext&) {
        SetupResult r;
        try {
          auto data = reuse ? reuse : std::make_shared<const Dataset>(loadData(source));
          auto setup = std::make_shared<Mesh2DSetup>();
          setup->source = source;
          setup->options = options;
          setup->data = data;
          // Mrc2D validates the data (collinear or duplicate inputs, fewer points than DoF, ...).
          r.mrc = std::make_shared<Mrc2D>(data, options);
          const DelaunayMesh2 base = quantileBaseline2D(*data, options.dof, options.ridge);
          setup->baseline_dof = base.vertices();
          setup->baseline_train = evaluate(base.predict(data->x_train), data->y_train);
          if (data->hasTest())
            setup->baseline_test = evaluate(base.predict(data->x_test), data->y_test);
          setup->noise_ceiling_r2 = data->noise_ceiling_r2;
          setup->oracle_r2 = oracleR2(*data);
          valueRange(data->y_train, setup->value_lo, setup->value_hi);
          auto frame = std::make_shared<Mesh2DFrame>();
          frame->setup = std::move(setup);
          frame->snapshot = r.mrc->snapshot();
          frame->history = r.mrc->history();
          frame->grid = sampleGrid(r.mrc->model(), kGridSide);
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

void Mesh2DSession::loadCsv(const QString& path) {
  pause();
  Mesh2DSource source;
  source.generator.clear();
  source.csv_path = path.toStdString();
  source.seed = source_.seed;
  startSetup(source, options_, false);  // the file may have changed since it was read
}

void Mesh2DSession::reset() { setup(source_, options_); }

void Mesh2DSession::step() {
  if (!mrc_ || setup_jobs_.isRunning() || step_pending_) return;
  // Edits before a step cannot be undone after it (the history is one of steps).
  undo_->clear();
  ++step_epoch_;
  step_pending_ = true;
  enqueue(
      OpKind::Step,
      [](Mrc2D& m) {
        return Mrc2DEdit{Status::success(), m.step()};
      },
      tr("MRC step"));
}

void Mesh2DSession::insertVertex(QPointF p) {
  if (!mrc_) return;
  const Eigen::Vector2d x(p.x(), p.y());
  enqueue(
      OpKind::Edit, [x](Mrc2D& m) { return m.insertVertex(x); },
      tr("Insert vertex at %1").arg(modelPoint(p)));
}

void Mesh2DSession::moveVertex(int vertex, QPointF p) {
  if (!mrc_) return;
  const Eigen::Vector2d x(p.x(), p.y());
  enqueue(
      OpKind::Edit, [vertex, x](Mrc2D& m) { return m.moveVertex(vertex, x); },
      tr("Move vertex %1 to %2").arg(vertex).arg(modelPoint(p)));
}

void Mesh2DSession::removeVertex(int vertex) {
  if (!mrc_) return;
  enqueue(
      OpKind::Edit, [vertex](Mrc2D& m) { return m.removeVertex(vertex); },
      tr("Delete vertex %1").arg(vertex));
}

void Mesh2DSession::restoreTo(Mrc2DSnapshotPtr snapshot) {
  if (!mrc_ || !snapshot) return;
  enqueue(
      OpKind::Restore, [snapshot](Mrc2D& m) { return m.restore(*snapshot); }, tr("Restore"));
}

void Mesh2DSession::enqueue(OpKind kind, Op op, QString label) {
  queue_.push_back({kind, std::move(op), std::move(label), step_epoch_});
  runNext();
  emitBusyIfChanged();
}

void Mesh2DSession::runNext() {
  if (op_jobs_.isRunning() || queue_.empty() || !mrc_) return;
  auto q = std::make_shared<Queued>(std::move(queue_.front()));
  queue_.pop_front();
  op_jobs_.run<OpResult>(
      [mrc = mrc_, setup = frame_->setup, previous = frame_->snapshot, q](const JobContext&) {
        OpResult r;
        try {
          const Mrc2DEdit e = q->op(*mrc);
          if (!e.status.ok()) {
            r.error = QString::fromStdString(e.status.message);
            return r;
          }
          auto frame = std::make_shared<Mesh2DFrame>();
          frame->setup = setup;
          frame->snapshot = e.snapshot;
          frame->previous = previous;
          frame->history = mrc->history();
          frame->grid = sampleGrid(mrc->model(), kGridSide);
          r.frame = std::move(frame);
        } catch (const std::exception& ex) {
          r.error = QString::fromStdString(ex.what());
        }
        return r;
      },
      [this, q](OpResult&& r) { onOpDone(*q, r); });
}

void Mesh2DSession::onOpDone(const Queued& op, const OpResult& r) {
  const OpKind kind = op.kind;
  if (kind == OpKind::Step) step_pending_ = false;
  if (!r.error.isEmpty()) {
    if (kind == OpKind::Step) pause();
    runNext();
    emitBusyIfChanged();
    Q_EMIT failed(kind == OpKind::Step ? tr("MRC step failed: %1").arg(r.error)
                                       : tr("%1 refused: %2").arg(op.label, r.error));
    scheduleNext();
    return;
  }
  const Mrc2DSnapshotPtr before = frame_->snapshot;
  install(r.frame);
  if (kind == OpKind::Edit && op.epoch == step_epoch_)
    undo_->push(new RestoreCommand(this, before, r.frame->snapshot, op.label));
  runNext();
  emitBusyIfChanged();
  scheduleNext();
}

void Mesh2DSession::play() {
  // Play ends at the options' epochs, as in the 1D panel; at or past them it stops at once.
  target_step_ = options_.epochs;
  setPlaying(true);
  scheduleNext();
}

void Mesh2DSession::playUntil(int stepIndex) {
  target_step_ = stepIndex;
  setPlaying(true);
  scheduleNext();
}

void Mesh2DSession::pause() {
  tick_.stop();
  setPlaying(false);
}

void Mesh2DSession::setStepsPerSecond(double stepsPerSecond) {
  tick_.setInterval(stepsPerSecond > 0 ? qRound(1000.0 / stepsPerSecond) : 0);
}

void Mesh2DSession::waitForIdle() {
  while (isBusy()) {
    setup_jobs_.waitForIdle();
    op_jobs_.waitForIdle();
    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);  // results that start the next job
  }
}

void Mesh2DSession::onSetupDone(const SetupResult& r) {
  if (!r.error.isEmpty()) {
    emitBusyIfChanged();
    if (!mrc_) pause();
    Q_EMIT failed(r.error);
    scheduleNext();
    return;
  }
  mrc_ = r.mrc;
  op_jobs_.reset();  // work still in flight ran on the run being replaced
  queue_.clear();
  step_pending_ = false;
  undo_->clear();
  source_ = r.frame->setup->source;
  options_ = r.frame->setup->options;
  install(r.frame);
  emitBusyIfChanged();
  scheduleNext();
}

void Mesh2DSession::install(Mesh2DFramePtr frame) {
  frame_ = std::move(frame);
  Q_EMIT changed(frame_);
}

void Mesh2DSession::scheduleNext() {
  if (!playing_ || !frame_ || isBusy()) return;
  const int target = target_step_ >= 0 ? target_step_ : options_.epochs;
  if (frame_->snapshot->step >= target) {
    pause();
    Q_EMIT targetReached();
    return;
  }
  tick_.start();
}

void Mesh2DSession::setPlaying(bool playing) {
  if (playing_ == playing) return;
  playing_ = playing;
  Q_EMIT playingChanged(playing_);
}

void Mesh2DSession::emitBusyIfChanged() {
  const bool busy = isBusy();
  if (busy == last_busy_) return;
  last_busy_ = busy;
  Q_EMIT busyChanged(busy);
}

}  // namespace lreg::views
