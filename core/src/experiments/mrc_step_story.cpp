#include "lreg/experiments/mrc_step_story.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "lreg/models/mlp_to_lreg.h"

namespace lreg {

namespace {
Metrics trainMetrics(const LagrangeRegressor1D& m, const Dataset& d) {
  return evaluate(m.predict(d.x_train), d.y_train);
}

std::string fmt(const char* format, double a, double b) {
  char buf[128];
  std::snprintf(buf, sizeof buf, format, a, b);
  return buf;
}

std::string count(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

LagrangeRegressor1D dropSampleFreeNodes1D(const LagrangeRegressor1D& m, const Eigen::VectorXd& x) {
  std::vector<double> xs(x.data(), x.data() + x.size());
  std::sort(xs.begin(), xs.end());
  const auto holds = [&](double lo, double hi) {
    const auto it = std::upper_bound(xs.begin(), xs.end(), lo);
    return it != xs.end() && *it < hi;
  };
  const Mesh1D& mesh = m.mesh();
  std::vector<double> nodes = {mesh.lo()};
  for (int i = 1; i + 1 < mesh.size(); ++i)
    if (holds(nodes.back(), mesh.node(i + 1))) nodes.push_back(mesh.node(i));
  nodes.push_back(mesh.hi());
  if (static_cast<int>(nodes.size()) == mesh.size()) return m;
  const Eigen::VectorXd at =
      Eigen::Map<const Eigen::VectorXd>(nodes.data(), static_cast<Eigen::Index>(nodes.size()));
  LagrangeRegressor1D out(Mesh1D(nodes), m.predict(at));
  out.setDomain(m.domain());
  return out;
}

MrcStepStory1D mrcStepStory1D(std::shared_ptr<const Dataset> data, const LagrangeRegressor1D& model,
                              Mrc1DOptions options) {
  if (!data) throw InputError("MRC step: no data set");
  if (model.outputs() != 1 || data->outputs() != 1 || data->inputs() != 1)
    throw InputError("MRC step: one input and one output are needed");
  MrcStepStory1D s;
  s.before = trainMetrics(model, *data);
  const LagrangeRegressor1D start = dropSampleFreeNodes1D(model, data->x_train.col(0));
  s.nodes_dropped = model.mesh().size() - start.mesh().size();
  s.nodes_before = start.mesh().size();
  options.initial_nodes = start.mesh().nodes();
  options.dof = s.nodes_before;
  options.epochs = std::max(options.epochs, 1);
  Mrc1D mrc(data, options);
  s.refit = trainMetrics(mrc.model(), *data);
  s.snapshot = mrc.step();
  s.model = mrc.model();
  s.model.setDomain(start.domain());
  s.after = trainMetrics(s.model, *data);
  s.nodes_after = s.model.mesh().size();

  std::vector<double> nodes = start.mesh().nodes();
  for (const auto& [a, b] : s.snapshot.refined) nodes.push_back(0.5 * (a + b));
  std::sort(nodes.begin(), nodes.end());
  nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  s.nodes_refined = static_cast<int>(nodes.size());
  const Mesh1D refined_mesh(nodes);
  Eigen::MatrixXd values(refined_mesh.size(), 1);
  for (int i = 0; i < refined_mesh.size(); ++i)
    values(i, 0) = start.predict1(Eigen::VectorXd::Constant(1, refined_mesh.node(i)))[0];
  const LagrangeRegressor1D refined = refitLeastSquares1D(LagrangeRegressor1D(refined_mesh, values),
                                                          data->x_train.col(0), data->y_train);
  s.refined = trainMetrics(refined, *data);
  return s;
}

std::string describe(const MrcStepStory1D& s) {
  const Mrc1DSnapshot& snap = s.snapshot;
  std::string out;
  if (s.nodes_dropped > 0)
    out = "Dropped " + count(static_cast<std::size_t>(s.nodes_dropped), "node", "nodes") +
          " with no sample around (the training loss is unchanged), then refitted the ";
  else
    out = "Refitted the ";
  out += std::to_string(s.nodes_before) + " nodes by least squares" +
         fmt(" (MAE %.4f -> %.4f), ", s.before.mae, s.refit.mae);
  out += "split " + count(snap.refined.size(), "interval", "intervals") +
         " where the error was largest and refitted" +
         fmt(" (train MSE %.3g -> %.3g), ", s.before.mse, s.refined.mse);
  std::vector<std::string> parts;
  const int dropped = s.nodes_refined - s.nodes_after;  // of the refined mesh
  if (dropped > 0)
    parts.push_back("removed " + count(static_cast<std::size_t>(dropped), "node", "nodes"));
  if (!snap.moved.empty())
    parts.push_back("moved " + count(snap.moved.size(), "node", "nodes") +
                    " to spread the error evenly");
  if (parts.empty()) parts.push_back("changed no node in coarsening");
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? " and " : "") + parts[i];
  out += " and refitted: " + fmt("MAE %.4f -> %.4f", s.before.mae, s.after.mae) + " with " +
         std::to_string(s.nodes_after) + " nodes.";
  return out;
}

}  // namespace lreg
