// lreg mlp | convert: train an MLP (Adam or SGD) and write it exactly as an LReg.
#include <fstream>
#include <iostream>
#include <memory>
#include <random>

#include "cli_common.h"
#include "commands.h"
#include "lreg/common/json.h"
#include "lreg/common/status.h"
#include "lreg/models/lagrange_regressor_2d.h"
#include "lreg/models/mlp_to_lreg.h"
#include "lreg/models/mlp_to_lreg_2d.h"
#include "lreg/models/model.h"
#include "lreg/train/mlp_trainer.h"
#include "mlp_cli.h"

namespace lreg::cli {

void addMlpTrainOptions(CLI::App& cmd, MlpArgs& a) {
  addDataOptions(cmd, a.data, "sin-inv");
  cmd.add_option("--dim", a.dim, "Input dimension the data must have (1 or 2; 0: any)")
      ->capture_default_str()
      ->check(CLI::Range(0, 2));
  cmd.add_option("--hidden", a.train.net.hidden, "Units per hidden layer")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd.add_option("--layers", a.train.net.layers, "Hidden layers (1-4)")
      ->capture_default_str()
      ->check(CLI::Range(1, 4));
  cmd.add_option("--activation", a.activation, "relu, leaky-relu or tanh")
      ->capture_default_str()
      ->check(CLI::IsMember({"relu", "leaky-relu", "tanh"}));
  cmd.add_option("--leak", a.train.net.leak, "Slope of leaky-relu for u < 0")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 0.999999));
  cmd.add_option("--epochs", a.train.mb.epochs, "Epochs")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd.add_option("--lr", a.train.mb.lr, "Learning rate")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd.add_option("--batch", a.train.mb.batch, "Minibatch size")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd.add_option("--decay-every", a.train.mb.decay_every,
                 "Divide the rate by 10 every this many epochs (0: never)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd.add_option("--optimizer", a.optimizer, "adam or sgd")
      ->capture_default_str()
      ->check(CLI::IsMember({"adam", "sgd"}));
  cmd.add_flag("--json", a.json, "Print one JSON object");
}

std::shared_ptr<const Dataset> loadMlpData(const MlpArgs& a) {
  auto d = std::make_shared<Dataset>(loadData(a.data));
  if (a.dim != 0 && d->inputs() != a.dim)
    throw InputError("--dim " + std::to_string(a.dim) + ": " + d->name + " has " +
                     std::to_string(d->inputs()) + " input columns");
  return d;
}

MlpTrainOptions resolveMlpOptions(const MlpArgs& a) {
  MlpTrainOptions o = a.train;
  o.net.seed = a.data.seed;
  o.net.activation = parseActivation(a.activation);
  o.optimizer = a.optimizer == "sgd" ? MlpOptimizer::Sgd : MlpOptimizer::Adam;
  return o;
}

nlohmann::json parametersJson(const ParameterCount& p) {
  return {{"coefficients", p.coefficients}, {"positions", p.positions}, {"total", p.total()}};
}

nlohmann::json scoresJson(const Dataset& d) {
  return {{"noise_ceiling_r2", finiteOrNull(d.noise_ceiling_r2)},
          {"oracle_r2", finiteOrNull(oracleR2(d))}};
}

void writeJsonFile(const nlohmann::json& j, const std::string& path, const char* option) {
  std::ofstream f(path);
  if (!f) throw InputError(std::string(option) + ": cannot write '" + path + "'");
  f << j.dump() << "\n";
  if (!f) throw InputError(std::string(option) + ": failed writing '" + path + "'");
}

namespace {

nlohmann::json readJsonFile(const std::string& path) {
  std::ifstream f(path);
  if (!f) throw InputError("--model: cannot read '" + path + "'");
  try {
    return nlohmann::json::parse(f);
  } catch (const nlohmann::json::exception& e) {
    throw InputError("--model: '" + path + "' is not JSON: " + e.what());
  }
}

// The largest |MLP - LReg| at 10^5 random points of the box and at the given extra points.
template <typename Eval>
std::pair<double, double> deviation(const Mlp& m, const Domain& dom, const Eigen::MatrixXd& extra,
                                    Eval lreg) {
  std::mt19937_64 rng(12345);
  Eigen::MatrixXd x(100000, m.inputs());
  for (int k = 0; k < m.inputs(); ++k) {
    std::uniform_real_distribution<double> u(dom.lo[k], dom.hi[k]);
    for (Eigen::Index i = 0; i < x.rows(); ++i) x(i, k) = u(rng);
  }
  const Eigen::MatrixXd ym = m.predict(x);
  double dev = (lreg(x) - ym).cwiseAbs().maxCoeff();
  if (extra.rows() > 0) dev = std::max(dev, (lreg(extra) - m.predict(extra)).cwiseAbs().maxCoeff());
  return {dev, ym.maxCoeff() - ym.minCoeff()};
}

}  // namespace

Mlp loadMlp(const std::string& path) {
  const nlohmann::json j = readJsonFile(path);
  if (j.value("kind", std::string()) != "mlp")
    throw InputError("--model: '" + path + "' is not an MLP (\"kind\": \"mlp\")");
  return Mlp::fromJson(j);
}

void addMlpCommands(CLI::App& app) {
  {
    struct Args {
      MlpArgs mlp;
      std::string save;
    };
    auto a = std::make_shared<Args>();
    auto* cmd = app.add_subcommand("mlp", "Train an MLP (1-4 hidden layers) with Adam or SGD");
    addMlpTrainOptions(*cmd, a->mlp);
    cmd->add_option("--save", a->save, "Write the trained MLP as JSON (lreg predict, convert)");
    cmd->callback([a] {
      const auto data = loadMlpData(a->mlp);
      const MlpTrainOptions o = resolveMlpOptions(a->mlp);
      MlpTrainer trainer(data, o);
      const MlpTrainReport r = trainer.run();
      if (!a->save.empty()) writeJsonFile(r.model.toJson(), a->save, "--save");
      const Dataset& d = *data;
      if (a->mlp.json) {
        nlohmann::json j;
        j["command"] = "mlp";
        j["data"] = d.name;
        j["dim"] = d.inputs();
        j["n_train"] = d.x_train.rows();
        j["n_test"] = d.x_test.rows();
        j["train"] = toJson(r.train);
        j["test"] = toJson(r.test);
        j.update(scoresJson(d));
        j["hidden"] = o.net.hidden;
        j["layers"] = o.net.layers;
        j["activation"] = toString(o.net.activation);
        j["optimizer"] = a->mlp.optimizer;
        j["epochs"] = o.mb.epochs;
        j["lr"] = o.mb.lr;
        j["batch"] = o.mb.batch;
        j["seed"] = o.net.seed;
        j["parameters"] = parametersJson(r.model.parameters());
        j["seconds"] = finiteOrNull(r.seconds);
        j["status"] = toString(r.status.code);
        j["history"] = toJson(r.history);
        printJson(j);
      } else {
        std::printf(
            "mlp %dx%d %s on %s: train mse %.6g r2 %.5f | test mse %.6g r2 %.5f | "
            "%ld parameters | %.3f s | %s\n",
            o.net.layers, o.net.hidden, toString(o.net.activation).c_str(), d.name.c_str(),
            r.train.mse, r.train.r2, r.test.mse, r.test.r2, r.model.parameters().total(), r.seconds,
            toString(r.status.code));
      }
      if (r.status.code == StatusCode::NumericalIssue) throw NumericalError(r.status.message);
    });
  }
  {
    struct Args {
      std::string model, out;
      bool whole_line = false, json = false;
    };
    auto a = std::make_shared<Args>();
    auto* cmd = app.add_subcommand("convert",
                                   "Write a ReLU MLP exactly as an LReg (1D any depth, "
                                   "2D one hidden layer)");
    cmd->add_option("--model", a->model, "MLP JSON (lreg mlp --save)")->required();
    cmd->add_option("--out", a->out, "Write the LReg JSON here");
    cmd->add_flag("--whole-line", a->whole_line,
                  "1D: every breakpoint on the line, so the LReg's extrapolation agrees too");
    cmd->add_flag("--json", a->json, "Print one JSON object");
    cmd->callback([a] {
      const Mlp m = loadMlp(a->model);
      nlohmann::json j;
      j["command"] = "convert";
      j["inputs"] = m.inputs();
      j["mlp_parameters"] = parametersJson(m.parameters());
      std::pair<double, double> dev;
      if (m.inputs() == 1) {
        const MlpConversion1D c = convertMlp1D(m, {.whole_line = a->whole_line, .domain = {}});
        const Eigen::MatrixXd bp = Eigen::Map<const Eigen::VectorXd>(
            c.breakpoints.data(), static_cast<Eigen::Index>(c.breakpoints.size()));
        dev = deviation(m, m.domain(), bp,
                        [&](const Eigen::MatrixXd& x) { return c.lreg.predict(x); });
        j["regions"] = c.regions;
        j["nodes"] = c.lreg.mesh().size();
        j["breakpoints"] = c.breakpoints.size();
        j["lreg_parameters"] = parametersJson(
            {static_cast<long>(c.lreg.coeffs().size()), std::max(0L, c.lreg.mesh().size() - 2L)});
        if (!a->out.empty()) {
          LagrangeRegressor1D out = c.lreg;
          out.setDomain(m.domain());
          saveModel(out, a->out);
        }
      } else {
        const MlpConversion2D c = convertMlp2D(m);
        dev = deviation(m, m.domain(), c.mesh.vertices,
                        [&](const Eigen::MatrixXd& x) { return evaluateP1Mesh2D(c.mesh, x); });
        j["regions"] = c.regions;
        j["lines"] = c.lines;
        j["vertices"] = c.mesh.vertices.rows();
        j["triangles"] = c.mesh.triangles.rows();
        j["lreg_parameters"] =
            parametersJson({static_cast<long>(c.mesh.values.size()),
                            2L * std::max(0L, static_cast<long>(c.mesh.vertices.rows()) - 4)});
        if (!a->out.empty()) {  // the converted mesh as the project's 2D LReg model file
          LagrangeRegressor2D out(c.mesh.vertices, c.mesh.triangles, c.mesh.values);
          out.setDomain(m.domain());
          saveModel(out, a->out);
        }
      }
      j["max_abs_deviation"] = dev.first;
      j["output_range"] = dev.second;
      j["max_relative_deviation"] = dev.second > 0 ? dev.first / dev.second : 0.0;
      if (a->json) {
        printJson(j);
      } else {
        std::printf("%s: %d linear regions, max |MLP - LReg| = %.3g (output range %.3g)\n",
                    a->model.c_str(), j["regions"].get<int>(), dev.first, dev.second);
      }
    });
  }
}

}  // namespace lreg::cli
