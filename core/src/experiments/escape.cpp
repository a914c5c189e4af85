#include "lreg/experiments/escape.h"

#include <algorithm>
#include <limits>

#include "lreg/common/timer.h"
#include "lreg/models/mlp_to_lreg.h"
#include "lreg/train/mrc_2d.h"

namespace lreg {

ParameterCount lregParameters(const LagrangeRegressor1D& m) {
  return {static_cast<long>(m.coeffs().size()),
          std::max(0L, static_cast<long>(m.mesh().size()) - 2)};
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

Eigen::MatrixX2d mrcStartVertices(const P1Mesh2D& mesh, const Domain& box) {
  const Eigen::Vector2d lo = box.lo, hi = box.hi;
  const double min_gap = kMrcStartMinGap * (hi - lo).norm();
  std::vector<Eigen::Vector2d> kept;
  auto corner = [&](const Eigen::Vector2d& p) {
    return (p.x() == lo.x() || p.x() == hi.x()) && (p.y() == lo.y() || p.y() == hi.y());
  };
  for (Eigen::Index i = 0; i < mesh.vertices.rows(); ++i)
    if (corner(mesh.vertices.row(i).transpose())) kept.push_back(mesh.vertices.row(i).transpose());
  for (Eigen::Index i = 0; i < mesh.vertices.rows(); ++i) {
    const Eigen::Vector2d p = mesh.vertices.row(i).transpose();
    if (corner(p)) continue;
    bool near = false;
    for (const auto& q : kept) near = near || (p - q).norm() < min_gap;
    if (!near) kept.push_back(p);
  }
  Eigen::MatrixX2d out(static_cast<Eigen::Index>(kept.size()), 2);
  for (size_t i = 0; i < kept.size(); ++i)
    out.row(static_cast<Eigen::Index>(i)) = kept[i].transpose();
  return out;
}

namespace {
ParameterCount meshParameters(const DelaunayMesh2& m, int outputs) {
  return {static_cast<long>(m.vertices()) * outputs, 2L * std::max(0, m.vertices() - 4)};
}

EscapeArm arm2(const Mrc2DReport& r, int outputs) {
  return {r.train, r.test, meshParameters(r.model, outputs), r.history};
}

EscapeReport escape2D(std::shared_ptr<const Dataset> data, const EscapeOptions& options,
                      const ProgressFn& progress, EscapeReport rep) {
  Stopwatch convert_clock;
  const MlpConversion2D c = convertMlp2D(rep.model);
  const double convert_seconds = convert_clock.seconds();
  rep.converted_2d = c.mesh;
  rep.regions = c.regions;
  Mrc2DOptions mo;
  mo.epochs = options.mrc.epochs;
  mo.topk = options.mrc.topk;
  mo.seed = options.mrc.seed;
  mo.initial_vertices = mrcStartVertices(c.mesh, rep.model.domain());
  mo.dof = rep.dof = static_cast<int>(mo.initial_vertices.rows());
  auto relay = [&](const char* name) {
    return [&progress, name](const Progress& p) {
      Progress q = p;
      q.message = name;
      return lreg::report(progress, q);
    };
  };
  Mrc2D from_mlp(data, mo);
  Mrc2DReport a = from_mlp.run(relay("converted_mrc"));
  for (auto& p : a.history.points) p.seconds += rep.plateau.seconds + convert_seconds;
  rep.converted_mrc = arm2(a, data->outputs());
  if (!a.status.ok()) {
    rep.status = a.status;
    return rep;
  }
  mo.initial_vertices.resize(0, 2);
  Mrc2D scratch(data, mo);
  Mrc2DReport b = scratch.run(relay("mrc_scratch"));
  rep.mrc_scratch = arm2(b, data->outputs());
  rep.status = b.status;
  return rep;
}

EscapeArm arm(const Mrc1DReport& r) {
  return {r.train, r.test, lregParameters(r.model), r.history};
}
}  // namespace

EscapeReport runEscape(std::shared_ptr<const Dataset> data, const EscapeOptions& options,
                       const ProgressFn& progress) {
  if (!data) throw InputError("escape: no data set");
  if (data->inputs() != 1 && data->inputs() != 2)
    throw InputError("escape: " + data->name + " has " + std::to_string(data->inputs()) +
                     " inputs; the experiment runs in 1D and 2D");
  if (data->inputs() == 2 && options.mlp.net.layers != 1)
    throw InputError("escape: in 2D the conversion needs one hidden layer (--layers 1)");
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

  if (data->inputs() == 2) return escape2D(std::move(data), options, progress, std::move(rep));
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
