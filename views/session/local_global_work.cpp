#include "session/local_global_work.h"

#include <algorithm>
#include <cmath>

#include "lreg/common/status.h"
#include "lreg/common/timer.h"
#include "lreg/data/data_source.h"
#include "lreg/models/mlp_to_lreg.h"
#include "lreg/train/mlp_trainer.h"
#include "lreg/train/mrc_1d.h"
#include "lreg/train/mrc_2d.h"
#include "session/in_thread_job.h"
#include "session/step_gate.h"

namespace lreg::views {

namespace {

constexpr size_t kPathPoints = 400;

MlpTrainOptions trainOptions(const LocalGlobalOptions& o, int inputs) {
  MlpTrainOptions t;
  t.net.hidden = o.hidden;
  t.net.layers = inputs == 2 ? 1 : o.layers;  // 2D converts one hidden layer
  t.net.seed = o.seed;
  t.mb.epochs = o.epochs;
  t.mb.lr = o.lr;
  return t;
}

// One MRC history point on the race's axes: train / test MSE, seconds and steps shifted by
// where the arm starts.
HistoryPoint msePoint(const HistoryPoint& p, double offset, int step_offset = 0) {
  HistoryPoint q = p;
  q.seconds += offset;
  q.step += step_offset;
  q.train_loss = p.extra.at("train_mse");
  q.test_loss = p.extra.at("test_mse");
  return q;
}

History mseHistory(const char* method) {
  History h;
  h.method = method;
  h.loss = "mse";
  return h;
}

// Adam until the plateau test of escape.h; every epoch reported. False when cancelled.
bool trainToPlateau(MlpTrainer& adam, const JobContext& job, const char* what,
                    const std::function<void()>& afterEpoch, StepGate* gate = nullptr) {
  const EscapeOptions defaults;  // the plateau test of `lreg escape`
  while (!adam.done() &&
         !plateaued(adam.history(), defaults.plateau_window, defaults.plateau_tol)) {
    if (gate && !gate->pass([&job] { return job.cancelled(); })) return false;
    adam.step();
    afterEpoch();
    JobProgress p;
    p.step = adam.completedSteps();
    p.of = adam.options().mb.epochs;
    p.seconds = adam.seconds();
    p.message = QString::fromLatin1(what);
    p.values.insert(QStringLiteral("train_mse"), adam.history().last().train_loss);
    job.progress(p);
    if (job.cancelled()) return false;
  }
  const Status s = adam.report().status;
  if (!s.ok()) throw NumericalError("Adam: " + s.message);
  return true;
}

EscapePlateau plateauOf(const MlpTrainer& adam, const MlpTrainReport& r) {
  const EscapeOptions d;
  return {adam.completedSteps(), r.seconds, r.train.mae, r.train.mse,
          plateaued(adam.history(), d.plateau_window, d.plateau_tol)};
}

}  // namespace

std::shared_ptr<const Dataset> loadLocalGlobalData(const LocalGlobalOptions& o) {
  DataSource src;
  src.data = o.data.toStdString();
  src.seed = o.seed;
  auto d = std::make_shared<Dataset>(resolveData(src));
  if (d->inputs() != 1 && d->inputs() != 2)
    throw InputError(d->name + ": " + std::to_string(d->inputs()) +
                     " inputs; the Local vs global panel takes 1 or 2");
  if (d->outputs() != 1)
    throw InputError(d->name + ": " + std::to_string(d->outputs()) +
                     " targets; the Local vs global panel takes one");
  return d;
}

LocalGlobalSetupPtr runLocalGlobalSetup(const LocalGlobalOptions& o, const JobContext& job) {
  auto s = std::make_shared<LocalGlobalSetup>();
  s->options = o;
  s->data = loadLocalGlobalData(o);
  MlpTrainer adam(s->data, trainOptions(o, s->data->inputs()));
  // The path at most kPathPoints long: past that, every other point goes and the stride doubles
  // (a long run of a wide net would otherwise hold epochs x parameters doubles).
  int stride = 1;
  s->path.push_back(adam.model().flatParameters());
  const auto record = [&] {
    if (adam.completedSteps() % stride != 0) return;
    s->path.push_back(adam.model().flatParameters());
    if (s->path.size() <= kPathPoints) return;
    std::vector<Eigen::VectorXd> thin;
    for (size_t k = 0; k < s->path.size(); k += 2) thin.push_back(std::move(s->path[k]));
    s->path = std::move(thin);
    stride *= 2;
  };
  if (!trainToPlateau(adam, job, "Adam", record)) return nullptr;
  if (adam.completedSteps() % stride != 0) s->path.push_back(adam.model().flatParameters());
  const MlpTrainReport r = adam.report();
  s->mlp = r.model;
  s->mlp_history = r.history;
  s->plateau = plateauOf(adam, r);
  s->xs = adam.xsTrain();
  s->ys = adam.ysTrain();
  if (s->data->inputs() == 2) {
    const MlpConversion2D c = convertMlp2D(s->mlp);
    s->converted_2d = c.mesh;
    s->regions = c.regions;
    return s;
  }
  const MlpConversion1D c = convertMlp1D(s->mlp);
  s->converted = c.lreg;
  s->regions = c.regions;
  const std::vector<double> nodes = mrcStartNodes(c.lreg.mesh());
  const Eigen::VectorXd at =
      Eigen::Map<const Eigen::VectorXd>(nodes.data(), static_cast<Eigen::Index>(nodes.size()));
  s->start = LagrangeRegressor1D(Mesh1D(nodes), c.lreg.predict(at));
  s->start.setDomain(s->mlp.domain());
  s->polish = polishMae1D(s->start, s->data->x_train.col(0), s->data->y_train.col(0), {},
                          job.progressFn([](JobProgress& p) { p.message = "Polishing"; }));
  if (s->polish.status.code == StatusCode::Cancelled) return nullptr;
  return s;
}

LocalGlobalRacePtr runLocalGlobalRace(const LocalGlobalOptions& o, const JobContext& job,
                                      StepGate& gate) {
  const auto open = [&] { return gate.pass([&job] { return job.cancelled(); }); };
  const auto data = loadLocalGlobalData(o);
  auto r = std::make_shared<LocalGlobalRace>();
  r->dim = data->inputs();
  const auto publish = [&] {
    job.update(LocalGlobalRacePtr(std::make_shared<LocalGlobalRace>(*r)));
  };
  MlpTrainer adam(data, trainOptions(o, r->dim));
  r->mlp = adam.history();
  if (!trainToPlateau(
          adam, job, "Race: Adam",
          [&] {
            r->mlp.points.push_back(adam.history().last());
            publish();
          },
          &gate))
    return r;
  const MlpTrainReport mr = adam.report();
  r->plateau_seconds = mr.seconds;
  r->plateau_step = adam.completedSteps();
  r->converted = mseHistory("converted_mrc");
  r->scratch = mseHistory("mrc_scratch");
  const auto reportStep = [&](const char* what, int step) {
    JobProgress p;
    p.step = step;
    p.of = o.mrc_epochs;
    p.message = QString::fromLatin1(what);
    job.progress(p);
    return !job.cancelled();
  };
  if (r->dim == 2) {
    const MlpConversion2D c = convertMlp2D(mr.model);
    r->converted_2d = c.mesh;
    Mrc2DOptions mo;
    mo.epochs = o.mrc_epochs;
    mo.topk = o.topk;
    mo.seed = o.seed;
    mo.initial_vertices = mrcStartVertices(c.mesh, mr.model.domain());
    mo.dof = r->dof = static_cast<int>(mo.initial_vertices.rows());
    const auto mesh = [](const Mrc2DSnapshot& s) {
      return P1Mesh2D{s.vertices, s.triangles, s.coeffs};
    };
    Mrc2D from(data, mo);
    r->moved = mesh(*from.snapshot());
    r->converted.points.push_back(
        msePoint(from.history().last(), r->plateau_seconds, r->plateau_step));
    publish();
    for (int k = 1; k <= o.mrc_epochs; ++k) {
      if (!open()) return r;
      r->moved = mesh(*from.step());
      r->converted.points.push_back(
          msePoint(from.history().last(), r->plateau_seconds, r->plateau_step));
      publish();
      if (!reportStep("Race: MRC from the converted mesh", k)) return r;
    }
    mo.initial_vertices.resize(0, 2);
    Mrc2D scratch(data, mo);
    r->scratch.points.push_back(msePoint(scratch.history().last(), 0));
    for (int k = 1; k <= o.mrc_epochs; ++k) {
      if (!open()) return r;
      scratch.step();
      r->scratch.points.push_back(msePoint(scratch.history().last(), 0));
      publish();
      if (!reportStep("Race: MRC from scratch", k)) return r;
    }
    r->done = true;
    return r;
  }
  const MlpConversion1D c = convertMlp1D(mr.model);
  Mrc1DOptions mo;
  mo.epochs = o.mrc_epochs;
  mo.topk = o.topk;
  mo.seed = o.seed;
  mo.initial_nodes = mrcStartNodes(c.lreg.mesh());
  mo.dof = r->dof = static_cast<int>(mo.initial_nodes.size());
  for (int arm = 0; arm < 2; ++arm) {
    if (arm == 1) mo.initial_nodes.clear();
    Mrc1D mrc(data, mo);
    History& h = arm == 0 ? r->converted : r->scratch;
    const double offset = arm == 0 ? r->plateau_seconds : 0.0;
    const int step_offset = arm == 0 ? r->plateau_step : 0;
    h.points.push_back(msePoint(mrc.history().last(), offset, step_offset));
    for (int k = 1; k <= o.mrc_epochs; ++k) {
      if (!open()) return r;
      mrc.step();
      h.points.push_back(msePoint(mrc.history().last(), offset, step_offset));
      publish();
      if (!reportStep(arm == 0 ? "Race: MRC from the converted mesh" : "Race: MRC from scratch", k))
        return r;
    }
  }
  r->done = true;
  return r;
}

LocalGlobalLandscapePtr runLocalGlobalLandscape(const LocalGlobalSetupPtr& setup, int grid,
                                                const JobContext& job) {
  auto l = std::make_shared<LocalGlobalLandscape>();
  l->random_plane = setup->options.random_plane;
  // Li et al. span the random directions over [-1, 1]; the PCA plane is sized to the path.
  l->span = l->random_plane ? 1.0 : 1e-3;
  if (l->random_plane) {
    const std::uint64_t seed = setup->options.seed;
    l->path = projectPathOnPlane(setup->path, filterNormalizedDirection(setup->mlp, seed),
                                 filterNormalizedDirection(setup->mlp, seed + 7919));
  } else {
    l->path = projectPath(setup->path);
    for (Eigen::Index k = 0; k < l->path.coords.rows(); ++k)
      l->span = std::max(l->span, 1.25 * l->path.coords.row(k).cwiseAbs().maxCoeff());
  }
  const Stopwatch clock;  // the slice reports rows, not time: the ETA needs both
  l->slice = lossSlice(setup->mlp, setup->xs, setup->ys, l->path.d1, l->path.d2, grid, l->span,
                       job.progressFn([&clock](JobProgress& p) {
                         p.message = "Loss slice";
                         p.seconds = clock.seconds();
                       }));
  if (l->slice.status.code == StatusCode::Cancelled) return nullptr;
  l->interp_t = Eigen::VectorXd::LinSpaced(41, 0.0, 1.0);
  l->interp_loss = interpolateLoss(setup->mlp, setup->path.front(), setup->path.back(), l->interp_t,
                                   setup->xs, setup->ys);
  if (setup->data->inputs() != 1 || setup->mlp.hiddenLayers() != 1 ||
      setup->mlp.activation() != Activation::Relu) {
    l->barrier_note = QStringLiteral(
        "The barrier to the LReg needs a one-hidden-layer ReLU net on 1D data (set layers to 1).");
    return l;
  }
  Mrc1DOptions mo;
  mo.epochs = setup->options.mrc_epochs;
  mo.topk = setup->options.topk;
  mo.seed = setup->options.seed;
  mo.initial_nodes = setup->start.mesh().nodes();
  mo.dof = static_cast<int>(mo.initial_nodes.size());
  Mrc1D mrc(setup->data, mo);
  const Mrc1DReport improved =
      mrc.run(job.progressFn([](JobProgress& p) { p.message = "MRC for the barrier"; }));
  if (improved.status.code == StatusCode::Cancelled) return nullptr;
  try {
    l->barrier = barrierToLreg(setup->mlp, improved.model, setup->xs, setup->ys, 51);
    l->barrier_note = QStringLiteral(
                          "Loss along the straight line from the MLP (t = 0) to its MRC-improved "
                          "LReg written as a ReLU net of the same width (t = 1): barrier %1")
                          .arg(l->barrier->barrier, 0, 'g', 3);
  } catch (const InputError& e) {
    l->barrier_note = QString::fromStdString(e.what());
  }
  return l;
}

}  // namespace lreg::views
