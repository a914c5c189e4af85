#include "lreg/experiments/escape.h"

#include <algorithm>
#include <limits>

#include "lreg/common/timer.h"
#include "lreg/models/mlp_to_lreg.h"

namespace lreg {

ParameterCount lregParameters(const LagrangeRegressor1D& m) {
  return {static_cast<long>(m.coeffs().size()),
          std::max(0L, static_cast<long>(m.mesh().size()) - 2)};
}

bool plateaued(const History& h, int window, double tol) {
  const int k = static_cast<int>(h.points.size()) - 1;
  if (window < 1 || k < 2 * window) return false;
  double before = std::numeric_limits<double>::infinity(), recent = before;
  for (int i = 0; i <= k; ++i) {
    const double v = h.points[static_cast<size_t>(i)].train_loss;
    if (i <= k - window)
      before = std::min(before, v);
    else
      recent = std::min(recent, v);
  }
  return !(recent < (1.0 - tol) * before);
}

std::vector<double> mrcStartNodes(const Mesh1D& mesh) {
  const double min_gap = kMrcStartMinGap * (mesh.hi() - mesh.lo());
  std::vector<double> out = {mesh.lo()};
  for (int i = 1; i + 1 < mesh.size(); ++i)
    if (mesh.node(i) - out.back() >= min_gap && mesh.hi() - mesh.node(i) >= min_gap)
      out.push_back(mesh.node(i));
  out.push_back(mesh.hi());
  return out;
}

namespace {
EscapeArm arm(const Mrc1DReport& r) {
  return {r.train, r.test, lregParameters(r.model), r.history};
}
}  // namespace

EscapeReport runEscape(std::shared_ptr<const Dataset> data, const EscapeOptions& options,
                       const ProgressFn& progress) {
  if (!data) throw InputError("escape: no data set");
  if (data->inputs() != 1)
    throw InputError("escape: the MRC phase runs in 1D; " + data->name + " has " +
                     std::to_string(data->inputs()) + " inputs");
  if (options.plateau_window < 1 || !(options.plateau_tol >= 0 && options.plateau_tol < 1))
    throw InputError("escape: the plateau window must be >= 1 and the tolerance in [0, 1)");
  EscapeReport rep;
  MlpTrainer adam(data, options.mlp);
  while (!adam.done() && !plateaued(adam.history(), options.plateau_window, options.plateau_tol)) {
    adam.step();
    if (!lreg::report(progress,
                      {adam.completedSteps(), options.mlp.mb.epochs, adam.seconds(), "adam"})) {
      rep.status = Status::cancelled();
      return rep;
    }
  }
  const MlpTrainReport mr = adam.report();
  if (!mr.status.ok()) {
    rep.status = mr.status;
    return rep;
  }
  rep.model = mr.model;
  rep.mlp = {mr.train, mr.test, mr.model.parameters(), mr.history};
  rep.plateau = {adam.completedSteps(), mr.seconds, mr.train.mae, mr.train.mse,
                 plateaued(adam.history(), options.plateau_window, options.plateau_tol)};

  Stopwatch convert_clock;
  const MlpConversion1D c = convertMlp1D(mr.model);
  const double convert_seconds = convert_clock.seconds();
  rep.converted = c.lreg;
  rep.regions = c.regions;

  Mrc1DOptions mo = options.mrc;
  mo.initial_nodes = mrcStartNodes(c.lreg.mesh());
  mo.dof = rep.dof = static_cast<int>(mo.initial_nodes.size());
  Mrc1D from_mlp(data, mo);
  Mrc1DReport a = from_mlp.run([&](const Progress& p) {
    Progress q = p;
    q.message = "converted_mrc";
    return lreg::report(progress, q);
  });
  const double offset = mr.seconds + convert_seconds;
  for (auto& p : a.history.points) p.seconds += offset;
  rep.converted_mrc = arm(a);
  rep.improved = a.model;
  if (!a.status.ok()) {
    rep.status = a.status;
    return rep;
  }

  mo.initial_nodes.clear();
  Mrc1D scratch(data, mo);
  Mrc1DReport b = scratch.run([&](const Progress& p) {
    Progress q = p;
    q.message = "mrc_scratch";
    return lreg::report(progress, q);
  });
  rep.mrc_scratch = arm(b);
  rep.scratch = b.model;
  rep.status = b.status;
  return rep;
}

}  // namespace lreg
