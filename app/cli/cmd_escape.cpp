// lreg escape | landscape: the MLP's local minimum against the LReg's global fit (issue 10).
#include <cstdio>
#include <memory>

#include "commands.h"
#include "lreg/common/json.h"
#include "lreg/common/status.h"
#include "lreg/experiments/escape.h"
#include "lreg/experiments/landscape.h"
#include "lreg/models/mlp_to_lreg.h"
#include "lreg/train/mrc_1d.h"
#include "mlp_cli.h"

namespace lreg::cli {

namespace {

nlohmann::json armJson(const EscapeArm& a) {
  return {{"train", toJson(a.train)},
          {"test", toJson(a.test)},
          {"parameters", parametersJson(a.parameters)},
          {"history", toJson(a.history)}};
}

nlohmann::json matrixJson(const Eigen::MatrixXd& m) {
  auto rows = nlohmann::json::array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    auto r = nlohmann::json::array();
    for (Eigen::Index k = 0; k < m.cols(); ++k) r.push_back(finiteOrNull(m(i, k)));
    rows.push_back(std::move(r));
  }
  return rows;
}

nlohmann::json vectorJson(const Eigen::VectorXd& v) {
  auto a = nlohmann::json::array();
  for (double x : v) a.push_back(finiteOrNull(x));
  return a;
}

void addEscape(CLI::App& app) {
  struct Args {
    MlpArgs mlp;
    EscapeOptions escape;
  };
  auto a = std::make_shared<Args>();
  a->mlp.train.mb.epochs = 3000;  // the cap; the plateau test usually stops Adam first
  auto* cmd = app.add_subcommand("escape",
                                 "Adam to a plateau, exact conversion, then MRC from "
                                 "it; and MRC from scratch at the same DoF (1D, 2D)");
  addMlpTrainOptions(*cmd, a->mlp);
  cmd->add_option("--plateau-window", a->escape.plateau_window, "Plateau test window W (epochs)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--plateau-tol", a->escape.plateau_tol,
                  "Plateau: the best MSE of the last W epochs improved by less than this share")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 0.999));
  cmd->add_option("--mrc-epochs", a->escape.mrc.epochs, "MRC steps of both MRC runs")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--topk", a->escape.mrc.topk, "Elements refined per MRC step")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->callback([a, cmd] {
    const auto data = loadMlpData(a->mlp);
    EscapeOptions o = a->escape;
    o.mlp = resolveMlpOptions(a->mlp);
    o.mrc.seed = o.mlp.net.seed;
    // 2D converts one hidden layer: the default there unless --layers is given.
    if (data->inputs() == 2 && cmd->count("--layers") == 0) o.mlp.net.layers = 1;
    const EscapeReport r = runEscape(data, o);
    if (r.status.code == StatusCode::NumericalIssue) throw NumericalError(r.status.message);
    const Dataset& d = *data;
    if (a->mlp.json) {
      nlohmann::json j;
      j["command"] = "escape";
      j["data"] = d.name;
      j["dim"] = d.inputs();
      j["seed"] = o.mlp.net.seed;
      j["hidden"] = o.mlp.net.hidden;
      j["layers"] = o.mlp.net.layers;
      j.update(scoresJson(d));
      j["plateau"] = {{"step", r.plateau.step},
                      {"seconds", r.plateau.seconds},
                      {"train_mae", r.plateau.train_mae},
                      {"train_mse", r.plateau.train_mse},
                      {"reached", r.plateau.reached},
                      {"window", o.plateau_window},
                      {"tol", o.plateau_tol}};
      j["regions"] = r.regions;
      j["dof"] = r.dof;
      j["mlp"] = armJson(r.mlp);
      j["converted_mrc"] = armJson(r.converted_mrc);
      j["mrc_scratch"] = armJson(r.mrc_scratch);
      j["status"] = toString(r.status.code);
      printJson(j);
    } else {
      std::printf("%s seed %llu: plateau at epoch %d (%.2f s), %d regions -> DoF %d\n",
                  d.name.c_str(), static_cast<unsigned long long>(o.mlp.net.seed), r.plateau.step,
                  r.plateau.seconds, r.regions, r.dof);
      for (const auto& [name, arm] : {std::pair{"mlp", &r.mlp},
                                      {"converted_mrc", &r.converted_mrc},
                                      {"mrc_scratch", &r.mrc_scratch}})
        std::printf("  %-14s test r2 %.5f mae %.5f | %ld parameters\n", name, arm->test.r2,
                    arm->test.mae, arm->parameters.total());
    }
  });
}

void addLandscape(CLI::App& app) {
  struct Args {
    MlpArgs mlp;
    std::string model;
    int grid = 51;
    double span = 1.0;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("landscape",
                                 "Loss landscape of an MLP: a filter-normalised 2D "
                                 "slice, the PCA path, interpolations, the barrier");
  addMlpTrainOptions(*cmd, a->mlp);
  cmd->add_option("--model", a->model, "A saved MLP (no path then); default: train one here");
  cmd->add_option("--grid", a->grid, "Grid points per axis")
      ->capture_default_str()
      ->check(CLI::Range(3, 1001));
  cmd->add_option("--span", a->span, "Slice coordinates in [-span, span]")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->callback([a] {
    const auto data = loadMlpData(a->mlp);
    std::vector<Eigen::VectorXd> path;
    Mlp net;
    if (!a->model.empty()) {
      net = loadMlp(a->model);
    } else {
      MlpTrainer t(data, resolveMlpOptions(a->mlp));
      path.push_back(t.model().flatParameters());
      while (!t.done()) {
        t.step();
        path.push_back(t.model().flatParameters());
      }
      if (!t.report().status.ok()) throw NumericalError(t.report().status.message);
      net = t.model();
    }
    const Eigen::MatrixXd xs = net.inputScaling().apply(data->x_train);
    const Eigen::MatrixXd ys = net.outputScaling().apply(data->y_train);
    const LossSlice s =
        lossSlice(net, xs, ys, filterNormalizedDirection(net, a->mlp.data.seed),
                  filterNormalizedDirection(net, a->mlp.data.seed + 1), a->grid, a->span);
    nlohmann::json j;
    j["command"] = "landscape";
    j["data"] = data->name;
    j["loss"] = "mse (standardised targets' units)";
    j["filter"] = "unit: its incoming weights and its bias";
    j["alpha"] = vectorJson(s.alpha);
    j["beta"] = vectorJson(s.beta);
    j["grid"] = matrixJson(s.loss);
    j["path"] = nullptr;
    if (path.size() >= 2) {
      const PathProjection p = projectPath(path);
      // The slice in the PCA plane, scaled to the path, so the path can be drawn on contours.
      const double r = 1.2 * std::max(1e-12, p.coords.cwiseAbs().maxCoeff());
      const LossSlice ps = lossSlice(net, xs, ys, p.d1, p.d2, a->grid, r);
      const Eigen::VectorXd ts = Eigen::VectorXd::LinSpaced(51, -0.25, 1.25);
      j["path"] = {{"coords", matrixJson(p.coords)},
                   {"off_plane", vectorJson(p.off_plane)},
                   {"explained_variance", {p.explained[0], p.explained[1]}},
                   {"pca_alpha", vectorJson(ps.alpha)},
                   {"pca_grid", matrixJson(ps.loss)}};
      j["interpolation"] = {
          {"t", vectorJson(ts)},
          {"loss", vectorJson(interpolateLoss(net, path.front(), path.back(), ts, xs, ys))}};
    }
    j["barrier"] = nullptr;
    if (net.inputs() == 1 && net.hiddenLayers() == 1 && net.activation() == Activation::Relu) {
      const MlpConversion1D c = convertMlp1D(net);
      Mrc1DOptions mo;
      mo.initial_nodes = mrcStartNodes(c.lreg.mesh());  // as the escape's MRC start
      mo.dof = static_cast<int>(mo.initial_nodes.size());
      Mrc1D mrc(data, mo);
      const Mrc1DReport mr = mrc.run();
      const Barrier b = barrierToLreg(net, mr.model, xs, ys);
      j["barrier"] = {{"t", vectorJson(b.t)},
                      {"loss", vectorJson(b.loss)},
                      {"barrier", b.barrier},
                      {"lreg_nodes", mr.model.mesh().size()}};
    }
    if (a->mlp.json) {
      printJson(j);
    } else {
      std::printf("landscape of %s: grid %d x %d, loss at the centre %.6g\n", data->name.c_str(),
                  a->grid, a->grid, s.loss(a->grid / 2, a->grid / 2));
    }
  });
}

}  // namespace

void addEscapeCommands(CLI::App& app) {
  addEscape(app);
  addLandscape(app);
}

}  // namespace lreg::cli
