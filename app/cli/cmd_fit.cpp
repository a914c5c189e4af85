// lreg fit: a 1D LReg model trained by the MRC loop, scored beside the noise ceiling, the oracle
// and the equal-DoF quantile-knot baseline.
#include <cstdio>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli_common.h"
#include "commands.h"
#include "fit_args.h"
#include "lreg/common/json.h"
#include "lreg/common/status.h"
#include "lreg/data/generators.h"
#include "lreg/train/mrc_1d.h"

namespace lreg::cli {

namespace {

std::string fmt(double v, const char* spec = "%.5f") {
  if (!std::isfinite(v)) return "n/a";
  char buf[64];
  std::snprintf(buf, sizeof buf, spec, v);
  return buf;
}

void printSummary(const Dataset& d, const Mrc1DOptions& o, const Mrc1DReport& r,
                  const Metrics& base_train, const Metrics& base_test) {
  std::cout << "lreg fit: " << d.name << " (" << d.x_train.rows() << " train / " << d.x_test.rows()
            << " test), 1D LReg with " << o.dof << " nodes; init " << toString(o.init)
            << ", indicator " << toString(o.indicator) << ", coarsen " << toString(o.coarsen)
            << ", refit " << toString(o.refit) << ", top-k " << o.topk << "\n\n";
  std::cout << "  step   train MAE    test MAE\n";
  const auto& pts = r.history.points;
  for (size_t i = 0; i < pts.size(); ++i) {
    // The first steps, then every fifth, and the last: enough to see the loop converge.
    if (i > 5 && i % 5 != 0 && i + 1 != pts.size()) continue;
    char line[96];
    std::snprintf(line, sizeof line, "  %4d  %10s  %10s\n", pts[i].step,
                  fmt(pts[i].train_loss, "%.6f").c_str(), fmt(pts[i].test_loss, "%.6f").c_str());
    std::cout << line;
  }
  const auto ceiling = d.noise_ceiling_r2;
  const auto oracle = oracleR2(d);
  std::cout << "\n  train     R^2 " << fmt(r.train.r2) << "   MAE " << fmt(r.train.mae, "%.6f")
            << "   MSE " << fmt(r.train.mse, "%.3g") << "\n";
  std::cout << "  test      R^2 " << fmt(r.test.r2) << "   MAE " << fmt(r.test.mae, "%.6f") << "   MSE "
            << fmt(r.test.mse, "%.3g");
  if (oracle) std::cout << "   (oracle R^2 " << fmt(*oracle) << ", noise ceiling " << fmt(ceiling.value_or(NAN), "%.4f") << ")";
  std::cout << "\n  baseline  R^2 " << fmt(base_test.r2) << "   MAE " << fmt(base_test.mae, "%.6f")
            << "   (least squares on " << o.dof << " quantile knots; train MAE "
            << fmt(base_train.mae, "%.6f") << ")\n";
  std::cout << "\n  " << r.history.last().step << " MRC steps in " << fmt(r.history.last().seconds, "%.3f")
            << " s" << (r.status.code == StatusCode::Cancelled ? " (cancelled)" : "") << "\n";
}

}  // namespace

void addFitCommand(CLI::App& app) {
  auto args = std::make_shared<FitArgs>();
  auto* cmd = app.add_subcommand("fit", "Fit a 1D LReg model with the Mesh-Refinement-Coarsening loop");
  addFitOptions(*cmd, *args);
  auto args2d = addFit2DOptions(*cmd);
  cmd->callback([args, args2d, cmd] {
    if (args->dim == 2) return runFit2D(*args, *args2d, *cmd);
    if (args->dim != 1)
      throw CLI::ValidationError("--dim", "only --dim 1 is implemented, got " + std::to_string(args->dim));
    const Mrc1DOptions o = mrc1dOptions(*args);
    auto data = std::make_shared<const Dataset>(loadData(args->data));

    Mrc1D mrc(data, o);
    const Mrc1DReport r = mrc.run();
    if (r.status.code == StatusCode::NumericalIssue || r.status.code == StatusCode::NoConvergence)
      throw NumericalError(data->name + ": " + r.status.message);

    const LagrangeRegressor1D base = quantileBaseline1D(*data, o.dof, o.ridge);
    const Metrics base_train = evaluate(base.predict(data->x_train), data->y_train);
    const Metrics base_test = data->hasTest() ? evaluate(base.predict(data->x_test), data->y_test)
                                              : Metrics{NAN, NAN, NAN, {}};

    if (args->save) {
      LagrangeRegressor1D m = r.model;
      m.setMetadata("data", data->name);
      m.setMetadata("method", "mrc");
      m.setMetadata("init", toString(o.init));
      m.setMetadata("indicator", toString(o.indicator));
      m.setMetadata("coarsen", toString(o.coarsen));
      m.setMetadata("refit", toString(o.refit));
      m.setMetadata("epochs", std::to_string(o.epochs));
      m.setMetadata("seed", std::to_string(o.seed));
      m.setMetadata("test_r2", fmt(r.test.r2, "%.17g"));
      if (!data->input_names.empty()) m.setMetadata("input", data->input_names.front());
      std::string outs;
      for (const auto& n : data->output_names) outs += (outs.empty() ? "" : ",") + n;
      m.setMetadata("outputs", outs);
      m.save(*args->save);
    }

    if (args->json) {
      nlohmann::json j;
      j["command"] = "fit";
      j["data"] = data->name;
      j["dim"] = 1;
      j["n_train"] = data->x_train.rows();
      j["n_test"] = data->x_test.rows();
      j["train"] = toJson(r.train);
      j["test"] = toJson(r.test);
      j["noise_ceiling_r2"] = finiteOrNull(data->noise_ceiling_r2);
      j["oracle_r2"] = finiteOrNull(oracleR2(*data));
      j["baseline"] = {{"method", "quantile-knot least squares"}, {"dof", o.dof},
                       {"train", toJson(base_train)}, {"test", toJson(base_test)}};
      j["init"] = toString(o.init);
      j["indicator"] = toString(o.indicator);
      j["coarsen"] = toString(o.coarsen);
      j["refit"] = toString(o.refit);
      j["topk"] = o.topk;
      j["epochs"] = o.epochs;
      j["seed"] = o.seed;
      j["dof"] = r.model.mesh().size();
      j["seconds"] = finiteOrNull(r.history.last().seconds);
      j["status"] = toString(r.status.code);
      j["history"] = toJson(r.history);
      if (args->save) j["model"] = *args->save;
      printJson(j);
    } else {
      printSummary(*data, o, r, base_train, base_test);
    }
  });
}

}  // namespace lreg::cli
