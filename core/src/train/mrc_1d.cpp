#include "lreg/train/mrc_1d.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "lreg/common/timer.h"
#include "lreg/train/adam_refit.h"
#include "lreg/train/indicator_1d.h"
#include "lreg/train/least_squares_1d.h"
#include "lreg/train/mesh_update_1d.h"
#include "lreg/train/samples_1d.h"
#include "lreg/train/step_marks_1d.h"

namespace lreg {

namespace {

// Elements narrower than this share of the domain are not split again: beyond it the midpoint
// would not be representable distinctly and no sample could tell the halves apart.
constexpr double kMinRelativeWidth = 1e-9;
// Nodes closer than this (relative to the domain) are one node when classifying a step: the
// equal-mass placement recomputes the kept nodes, which may differ from the old ones by rounding.
constexpr double kSameNodeTolerance = 1e-12;

}  // namespace

struct Mrc1D::State {
  std::shared_ptr<const Dataset> data;
  Mrc1DOptions options;
  Samples1D train;
  double lo = 0, hi = 1;
  LagrangeRegressor1D model;
  Mrc1DSnapshot snapshot;
  History history;
  Stopwatch watch;

  // Refit of the coefficients on the model's mesh, in place; throws NumericalError.
  void refit(LagrangeRegressor1D& m) const {
    const std::vector<int> element = m.mesh().locateSorted(train.x);
    if (options.refit == RefitMethod::LeastSquares) {
      auto r = leastSquares1D(m.mesh(), train.x, element, train.y, options.ridge);
      if (!r.status.ok()) throw NumericalError("mrc1d: " + r.status.message);
      m = LagrangeRegressor1D(m.mesh(), std::move(r.coeffs));
    } else {
      AdamRefitOptions a;
      a.steps = options.adam_steps;
      a.learning_rate = options.learning_rate;
      auto r = adamRefit1D(m.mesh(), train.x, element, train.y, m.coeffs(), a);
      if (!r.status.ok()) throw NumericalError("mrc1d: " + r.status.message);
      m = LagrangeRegressor1D(m.mesh(), std::move(r.coeffs));
    }
  }

  // The per-element indicator of the current fit on m's mesh (TrainPhase1D).
  std::vector<double> indicator(const LagrangeRegressor1D& m, const std::vector<int>& element,
                                std::uint64_t salt) const {
    const int E = m.mesh().elements();
    const Eigen::VectorXd loss =
        sampleLoss(predictSorted(m.mesh(), m.coeffs(), train, element), train.y);
    switch (options.indicator) {
      case RefineIndicator::Count:
        return topkCounts(E, loss, element, options.topk, options.batch,
                          options.seed * 1000003u + salt);
      case RefineIndicator::AbsResidual:
        return elementSums(E, loss, element);
      case RefineIndicator::Curvature:
        return curvatureErrorMass(m.mesh(), m.coeffs(), element);
    }
    return {};
  }

  // Element masses of the equifreq density on the refined mesh.
  std::vector<double> equifreqMass(const LagrangeRegressor1D& m, std::uint64_t salt) const {
    const std::vector<int> element = m.mesh().locateSorted(train.x);
    std::vector<double> eta = indicator(m, element, salt);
    const auto E = eta.size();
    double mean = 0;
    for (double v : eta) mean += v / static_cast<double>(E);
    switch (options.indicator) {
      case RefineIndicator::Count:
        for (double& v : eta) v += 1.0;
        break;
      case RefineIndicator::AbsResidual:
        for (double& v : eta) v = (mean > 0 ? v / mean : 0.0) + 1.0;
        break;
      case RefineIndicator::Curvature: {
        // Equal bias mass per element (g = eta^(1/5)) is the right mesh only where the bias is
        // what limits the fit. Where the per-element bias B* of that mesh is small beside the
        // noise variance each coefficient carries, its curvature is mostly noise, and the
        // sample density (quantile mesh, equal variance per element) is the better placement:
        // weight the two by B* / (B* + sigma^2).
        const std::vector<double> count = sampleCounts(static_cast<int>(E), element);
        const Eigen::MatrixXd r = predictSorted(m.mesh(), m.coeffs(), train, element) - train.y;
        const double N = train.size();
        const double sigma2 = r.squaredNorm() / static_cast<double>(r.size()) * N /
                              std::max(1.0, N - m.mesh().size());
        double g_total = 0;
        for (double& v : eta) g_total += (v = std::pow(v, 0.2));
        const double b_star = std::pow(g_total / (options.dof - 1), 5.0);
        const double w =
            b_star > 0 ? std::min(1.0 - options.density_floor, b_star / (b_star + sigma2)) : 0.0;
        const double n_total = N + static_cast<double>(E);
        for (size_t e = 0; e < E; ++e)
          eta[e] =
              w * (g_total > 0 ? eta[e] / g_total : 0.0) + (1.0 - w) * (count[e] + 1.0) / n_total;
        break;
      }
    }
    return eta;
  }

  void record(int step) {
    watch.pause();
    snapshot.step = step;
    snapshot.seconds = watch.seconds();
    snapshot.nodes = model.mesh().nodes();
    snapshot.coeffs = model.coeffs();
    const std::vector<int> element = model.mesh().locateSorted(train.x);
    snapshot.train = evaluate(predictSorted(model.mesh(), model.coeffs(), train, element), train.y);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (data->hasTest()) {
      snapshot.test = evaluate(model.predict(data->x_test), data->y_test);
    } else {
      snapshot.test = Metrics{nan, nan, nan, {}};
    }
    HistoryPoint p;
    p.step = step;
    p.seconds = snapshot.seconds;
    p.train_loss = snapshot.train.mae;
    p.test_loss = snapshot.test.mae;
    p.extra["dof"] = model.mesh().size();
    p.extra["train_mse"] = snapshot.train.mse;
    p.extra["test_mse"] = snapshot.test.mse;
    history.points.push_back(std::move(p));
  }
};

Mrc1D::Mrc1D(std::shared_ptr<const Dataset> data, Mrc1DOptions options)
    : state_(std::make_shared<State>()) {
  State& s = *state_;
  if (!data) throw InputError("mrc1d: no data");
  const Mrc1DOptions& o = options;
  if (o.dof < 2) throw InputError("--dof: needs at least 2 nodes, got " + std::to_string(o.dof));
  if (o.topk < 0) throw InputError("--topk: must be >= 0, got " + std::to_string(o.topk));
  if (o.epochs < 0) throw InputError("--epochs: must be >= 0, got " + std::to_string(o.epochs));
  if (!(o.ridge >= 0)) throw InputError("--ridge: must be >= 0");
  if (o.adam_steps < 1) throw InputError("--adam-steps: must be >= 1");
  if (!(o.learning_rate > 0)) throw InputError("--lr: must be > 0");
  if (o.batch < 0) throw InputError("--batch: must be >= 0");
  if (!(o.density_floor >= 0 && o.density_floor <= 1))
    throw InputError("--density-floor: must be in [0, 1]");
  const std::string where = data->name.empty() ? std::string("data") : data->name;
  if (data->inputs() != 1)
    throw InputError(where + ": a 1D fit needs exactly one input column, the data has " +
                     std::to_string(data->inputs()));
  validateDataset(*data);
  if (data->x_train.rows() < o.dof)
    throw InputError(where + ": " + std::to_string(data->x_train.rows()) +
                     " training samples are fewer than the " + std::to_string(o.dof) +
                     " nodes asked for (--dof); use fewer nodes or more data");

  s.data = std::move(data);
  s.options = options;
  s.history.method = "mrc";
  s.history.loss = "mae";
  s.watch = Stopwatch();
  s.train = Samples1D::sorted(s.data->x_train, s.data->y_train);
  s.lo = s.train.x[0];
  s.hi = s.train.x[s.train.size() - 1];
  if (s.data->domain_lo.size() == 1 && s.data->domain_hi.size() == 1 &&
      s.data->domain_lo[0] < s.data->domain_hi[0]) {
    s.lo = std::min(s.lo, s.data->domain_lo[0]);
    s.hi = std::max(s.hi, s.data->domain_hi[0]);
  }
  if (!o.initial_nodes.empty() && static_cast<int>(o.initial_nodes.size()) != o.dof)
    throw InputError("mrc1d: the initial mesh has " + std::to_string(o.initial_nodes.size()) +
                     " nodes but --dof is " + std::to_string(o.dof));
  const Mesh1D mesh = !o.initial_nodes.empty() ? Mesh1D(o.initial_nodes)
                      : o.init == MeshInit::Uniform
                          ? Mesh1D::uniform(s.lo, s.hi, o.dof)
                          : Mesh1D::quantile(s.train.x, s.lo, s.hi, o.dof);
  // Adam starts from the mean target; least squares needs no start.
  s.model = LagrangeRegressor1D(mesh, s.train.y.colwise().mean().replicate(o.dof, 1));
  s.refit(s.model);
  s.record(0);
}

const Mrc1DSnapshot& Mrc1D::step() {
  State& s = *state_;
  s.watch.resume();
  try {
    return stepImpl();
  } catch (...) {
    s.watch.pause();  // a failed step leaves the model as it was and stops the clock
    throw;
  }
}

const Mrc1DSnapshot& Mrc1D::stepImpl() {
  State& s = *state_;
  const Mrc1DOptions& o = s.options;
  const int step = s.snapshot.step + 1;
  const LagrangeRegressor1D before = s.model;
  const Mesh1D& mesh = before.mesh();
  const std::vector<int> element = mesh.locateSorted(s.train.x);

  // (1)-(2) per-sample loss and the element indicator; (3) refine, f unchanged.
  Mrc1DSnapshot snap;
  snap.indicator = s.indicator(before, element, 2 * static_cast<std::uint64_t>(step));
  const std::vector<int> chosen =
      topElements(mesh, snap.indicator, o.topk, kMinRelativeWidth * (s.hi - s.lo));
  Refinement1D refined = refineMidpoints(before, chosen);
  snap.refined = refined.refined;
  // (4) refit on the refined mesh.
  s.refit(refined.model);
  // (5) coarsen back to the target DoF, coefficients by interpolation, refit.
  LagrangeRegressor1D coarse;
  if (o.coarsen == CoarsenStrategy::Remove) {
    coarse = coarsenByRemoval(refined.model, s.train, o.dof).model;
  } else {
    const std::vector<double> mass =
        s.equifreqMass(refined.model, 2 * static_cast<std::uint64_t>(step) + 1);
    coarse = interpolateOnto(refined.model, equidistribute(refined.model.mesh(), mass, o.dof));
  }
  s.refit(coarse);
  // (6) reindex: the new mesh is already a sorted list. Report what the step did to the nodes.
  StepMarks1D marks = classifyStep1D(mesh.nodes(), refined.inserted, coarse.mesh().nodes(),
                                     kSameNodeTolerance * (s.hi - s.lo));
  snap.inserted = std::move(marks.inserted);
  snap.removed = std::move(marks.removed);
  snap.moved = std::move(marks.moved);
  s.model = std::move(coarse);
  s.snapshot = std::move(snap);
  s.record(step);
  return s.snapshot;
}

Mrc1DReport Mrc1D::run(const ProgressFn& progress) {
  State& s = *state_;
  Mrc1DReport report;
  try {
    while (s.snapshot.step < s.options.epochs) {
      step();
      Progress p{s.snapshot.step, s.options.epochs, s.snapshot.seconds,
                 "MRC step " + std::to_string(s.snapshot.step)};
      if (!lreg::report(progress, p)) {
        report.status = Status::cancelled();
        break;
      }
    }
  } catch (const NumericalError& e) {
    report.status = Status::numerical(e.what());
  }
  report.model = s.model;
  report.history = s.history;
  report.train = s.snapshot.train;
  report.test = s.snapshot.test;
  return report;
}

const Mrc1DSnapshot& Mrc1D::snapshot() const { return state_->snapshot; }
const LagrangeRegressor1D& Mrc1D::model() const { return state_->model; }
const History& Mrc1D::history() const { return state_->history; }
const Mrc1DOptions& Mrc1D::options() const { return state_->options; }
const Dataset& Mrc1D::data() const { return *state_->data; }

LagrangeRegressor1D quantileBaseline1D(const Dataset& data, int dof, double ridge) {
  if (data.inputs() != 1)
    throw InputError((data.name.empty() ? std::string("data") : data.name) +
                     ": the 1D baseline needs exactly one input column");
  if (data.x_train.rows() < dof)
    throw InputError((data.name.empty() ? std::string("data") : data.name) + ": " +
                     std::to_string(data.x_train.rows()) + " training samples are fewer than the " +
                     std::to_string(dof) + " nodes asked for (--dof)");
  const Samples1D s = Samples1D::sorted(data.x_train, data.y_train);
  double lo = s.x[0], hi = s.x[s.size() - 1];
  if (data.domain_lo.size() == 1 && data.domain_hi.size() == 1 &&
      data.domain_lo[0] < data.domain_hi[0]) {
    lo = std::min(lo, data.domain_lo[0]);
    hi = std::max(hi, data.domain_hi[0]);
  }
  Mesh1D mesh = Mesh1D::quantile(s.x, lo, hi, dof);
  auto r = leastSquares1D(mesh, s.x, mesh.locateSorted(s.x), s.y, ridge);
  if (!r.status.ok()) throw NumericalError("baseline: " + r.status.message);
  return LagrangeRegressor1D(std::move(mesh), std::move(r.coeffs));
}

}  // namespace lreg
