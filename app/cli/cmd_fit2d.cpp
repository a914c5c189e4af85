// lreg fit --dim 2: a 2D LReg model on a Delaunay mesh trained by the MRC loop, with the same
// JSON contract as the 1D fit (plus `elements`), scored beside the noise ceiling, the oracle and
// the equal-DoF quantile-grid baseline.
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
#include "lreg/models/lagrange_regressor_2d.h"
#include "lreg/train/mrc_2d.h"
#include "model_files.h"
#include "progress_lines.h"

namespace lreg::cli {

namespace {

// FitArgs holds the 1D defaults; an option the user did not type takes the 2D default instead.
Mrc2DOptions mrc2dOptions(const FitArgs& a, const Fit2DArgs& b, const CLI::App& cmd) {
  Mrc2DOptions o;
  const auto given = [&](const char* name) { return cmd.count(name) > 0; };
  if (given("--dof")) o.dof = a.dof;
  if (given("--topk")) o.topk = a.topk;
  if (given("--epochs")) o.epochs = a.epochs;
  if (given("--refit")) o.refit = parseRefit(a.refit);
  if (given("--init")) o.init = parseInit(a.init);
  if (given("--ridge")) o.ridge = a.ridge;
  if (given("--adam-steps")) o.adam_steps = a.adam_steps;
  if (given("--lr")) o.learning_rate = a.learning_rate;
  if (given("--batch")) o.batch = a.batch;
  if (given("--indicator")) {
    if (a.indicator == "curvature")
      throw CLI::ValidationError("--indicator",
                                 "curvature is 1D only; in 2D use count or abs-residual");
    o.indicator = parseIndicator(a.indicator);
  }
  if (given("--coarsen") && a.coarsen != "remove")
    throw CLI::ValidationError("--coarsen", "2D coarsening is 'remove' only, got " + a.coarsen);
  if (given("--density-floor"))
    throw CLI::ValidationError("--density-floor", "applies to the 1D curvature indicator only");
  o.insert = parseInsertAt(b.insert);
  o.seed = a.data.seed;
  return o;
}

void printSummary(const Dataset& d, const Mrc2DOptions& o, const Mrc2DReport& r,
                  const Metrics& base_test, int base_dof) {
  std::cout << "lreg fit --dim 2: " << d.name << " (" << d.x_train.rows() << " train / "
            << d.x_test.rows() << " test), 2D LReg with " << o.dof << " vertices; init "
            << toString(o.init) << ", indicator " << toString(o.indicator) << ", insert at "
            << toString(o.insert) << ", refit " << toString(o.refit) << ", top-k " << o.topk
            << "\n\n";
  std::cout << "  step   train MAE    test MAE  triangles\n";
  const auto& pts = r.history.points;
  for (size_t i = 0; i < pts.size(); ++i) {
    if (!summaryRow(i, pts.size())) continue;
    char line[112];
    const auto el = pts[i].extra.find("elements");
    std::snprintf(line, sizeof line, "  %4d  %10s  %10s  %9.0f\n", pts[i].step,
                  fmt(pts[i].train_loss, "%.6f").c_str(), fmt(pts[i].test_loss, "%.6f").c_str(),
                  el == pts[i].extra.end() ? 0.0 : el->second);
    std::cout << line;
  }
  printScores(d, r.train, r.test);
  if (r.test.r2_per_output.size() > 1) {
    std::cout << "\n            R^2 per output";
    for (double v : r.test.r2_per_output) std::cout << " " << fmt(v);
  }
  std::cout << "\n  baseline  R^2 " << fmt(base_test.r2) << "   MAE " << fmt(base_test.mae, "%.6f")
            << "   (least squares on a quantile grid of " << base_dof << " vertices)\n";
  std::cout << "\n  " << r.history.last().step << " MRC steps in "
            << fmt(r.history.last().seconds, "%.3f") << " s, " << r.model.triangles()
            << " triangles" << (r.status.code == StatusCode::Cancelled ? " (cancelled)" : "")
            << "\n";
}

}  // namespace

std::shared_ptr<Fit2DArgs> addFit2DOptions(CLI::App& cmd) {
  auto b = std::make_shared<Fit2DArgs>();
  const Mrc2DOptions d;
  b->insert = toString(d.insert);
  const std::string defaults =
      "; with --dim 2 the options not given default to --data b2 --dof " + std::to_string(d.dof) +
      " --topk " + std::to_string(d.topk) + " --epochs " + std::to_string(d.epochs) + " --init " +
      toString(d.init) + " --indicator " + toString(d.indicator) + " --batch " +
      std::to_string(d.batch) + " --refit " + toString(d.refit) + " --coarsen remove";
  cmd.add_option("--insert", b->insert,
                 "--dim 2: where a refined triangle gets its vertex, midpoint (of the longest "
                 "edge) or centroid" +
                     defaults)
      ->capture_default_str()
      ->check(CLI::IsMember({"midpoint", "centroid"}));
  return b;
}

void runFit2D(const FitArgs& args, const Fit2DArgs& args2d, const CLI::App& cmd) {
  Mrc2DOptions o = mrc2dOptions(args, args2d, cmd);
  DataOptions data_options = args.data;
  if (cmd.count("--data") == 0) data_options.data = "b2";  // the 1D default set has one input
  auto data = std::make_shared<const Dataset>(loadData(data_options));
  const auto dof_selection = chooseDof(args, cmd, *data, o);
  if (auto w = samplesPerDofWarning(data->x_train.rows(), o.dof)) printWarning(*w);
  exportSplit(*data, args.export_split);

  Mrc2D mrc(data, o);
  const ProgressLines events(args.progress, "fit");
  events.started();
  const Mrc2DReport r = mrc.run(events.fn([&mrc]() -> const History& { return mrc.history(); }));
  throwOnNumericalFailure(*data, r.status);
  events.finished(runSummary(r.status, r.history, r.train, r.test));

  const DelaunayMesh2 base = quantileBaseline2D(*data, o.dof, o.ridge);
  const auto [base_train, base_test] = baselineScores(base, *data);

  if (args.save) {
    LagrangeRegressor2D m = LagrangeRegressor2D::fromMesh(r.model);
    m.setMetadata("data", data->name);
    m.setMetadata("method", "mrc-2d");
    m.setMetadata("init", toString(o.init));
    m.setMetadata("indicator", toString(o.indicator));
    m.setMetadata("insert", toString(o.insert));
    m.setMetadata("refit", toString(o.refit));
    m.setMetadata("epochs", std::to_string(o.epochs));
    m.setMetadata("seed", std::to_string(o.seed));
    m.setMetadata("test_r2", fmt(r.test.r2, "%.17g"));
    setDomainFrom(m, *data);
    saveModel(m, *args.save);
  }

  if (!args.json) {
    printSummary(*data, o, r, base_test, base.vertices());
    printDofSelection(dof_selection);
    return;
  }
  nlohmann::json j = fitJson(*data, 2, o, r);
  j["outputs"] = data->outputs();
  j["baseline"] = {{"method", "quantile-grid least squares"},
                   {"dof", base.vertices()},
                   {"elements", base.triangles()},
                   {"train", toJson(base_train)},
                   {"test", toJson(base_test)}};
  j["coarsen"] = "remove";
  j["insert"] = toString(o.insert);
  j["dof"] = r.model.vertices();
  j["elements"] = r.model.triangles();
  if (args.save) j["model"] = *args.save;
  addDofSelection(j, dof_selection);
  printJson(j);
}

}  // namespace lreg::cli
