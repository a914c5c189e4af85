// lreg fit: a 1D LReg model trained by the MRC loop, scored beside the noise ceiling, the oracle
// and the equal-DoF quantile-knot baseline.
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli_common.h"
#include "commands.h"
#include "dof_auto.h"
#include "fit_args.h"
#include "fit_report.h"
#include "lreg/common/status.h"
#include "lreg/data/generators.h"
#include "lreg/train/mrc_1d.h"
#include "model_files.h"
#include "progress_lines.h"

namespace lreg::cli {

namespace {

void printSummary(const Dataset& d, const Mrc1DOptions& o, const Mrc1DReport& r,
                  const Metrics& base_train, const Metrics& base_test) {
  std::cout << "lreg fit: " << d.name << " (" << d.x_train.rows() << " train / " << d.x_test.rows()
            << " test), 1D LReg with " << o.dof << " nodes; init " << toString(o.init)
            << ", indicator " << toString(o.indicator) << ", coarsen " << toString(o.coarsen)
            << ", refit " << toString(o.refit) << ", top-k " << o.topk << "\n\n";
  std::cout << "  step   train MAE    test MAE\n";
  const auto& pts = r.history.points;
  for (size_t i = 0; i < pts.size(); ++i) {
    if (!summaryRow(i, pts.size())) continue;
    char line[96];
    std::snprintf(line, sizeof line, "  %4d  %10s  %10s\n", pts[i].step,
                  fmt(pts[i].train_loss, "%.6f").c_str(), fmt(pts[i].test_loss, "%.6f").c_str());
    std::cout << line;
  }
  printScores(d, r.train, r.test);
  std::cout << "\n  baseline  R^2 " << fmt(base_test.r2) << "   MAE " << fmt(base_test.mae, "%.6f")
            << "   (least squares on " << o.dof << " quantile knots; train MAE "
            << fmt(base_train.mae, "%.6f") << ")\n";
  std::cout << "\n  " << r.history.last().step << " MRC steps in "
            << fmt(r.history.last().seconds, "%.3f") << " s"
            << (r.status.code == StatusCode::Cancelled ? " (cancelled)" : "") << "\n";
}

}  // namespace

void addFitCommand(CLI::App& app) {
  auto args = std::make_shared<FitArgs>();
  auto* cmd =
      app.add_subcommand("fit", "Fit a 1D LReg model with the Mesh-Refinement-Coarsening loop");
  addFitOptions(*cmd, *args);
  addProgressFlag(*cmd, args->progress);
  auto args2d = addFit2DOptions(*cmd);
  cmd->callback([args, args2d, cmd] {
    if (args->dim == 2) return runFit2D(*args, *args2d, *cmd);
    if (args->dim != 1)
      throw CLI::ValidationError("--dim",
                                 "only --dim 1 is implemented, got " + std::to_string(args->dim));
    Mrc1DOptions o = mrc1dOptions(*args);
    auto data = std::make_shared<const Dataset>(loadData(args->data));
    const auto dof_selection = chooseDof(*args, *cmd, *data, o);
    if (auto w = samplesPerDofWarning(data->x_train.rows(), o.dof)) printWarning(*w);
    exportSplit(*data, args->export_split);

    Mrc1D mrc(data, o);
    const ProgressLines events(args->progress, "fit");
    events.started();
    const Mrc1DReport r = mrc.run(events.fn([&mrc]() -> const History& { return mrc.history(); }));
    throwOnNumericalFailure(*data, r.status);
    events.finished(runSummary(r.status, r.history, r.train, r.test));

    const auto [base_train, base_test] =
        baselineScores(quantileBaseline1D(*data, o.dof, o.ridge), *data);

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
      setDomainFrom(m, *data);
      saveModel(m, *args->save);
    }

    if (args->json) {
      nlohmann::json j = fitJson(*data, 1, o, r);
      j["baseline"] = {{"method", "quantile-knot least squares"},
                       {"dof", o.dof},
                       {"train", toJson(base_train)},
                       {"test", toJson(base_test)}};
      j["coarsen"] = toString(o.coarsen);
      j["dof"] = r.model.mesh().size();
      if (args->save) j["model"] = *args->save;
      addDofSelection(j, dof_selection);
      printJson(j);
    } else {
      printSummary(*data, o, r, base_train, base_test);
      printDofSelection(dof_selection);
    }
  });
}

}  // namespace lreg::cli
