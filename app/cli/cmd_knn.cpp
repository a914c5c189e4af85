// lreg knn: the k-nearest-neighbour peer of `lreg fit`, k chosen by 5-fold cross-validation on
// the training rows (or given), with the keys of `lreg fit --json` so that the two compare line
// by line.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "cli_common.h"
#include "commands.h"
#include "fit_report.h"
#include "lreg/common/json.h"
#include "lreg/common/status.h"
#include "lreg/common/timer.h"
#include "lreg/models/knn.h"

namespace lreg::cli {

namespace {

struct KnnArgs {
  DataOptions data;
  std::string k = "auto";
  bool json = false;
};

nlohmann::json toJson(const KnnSelection& s) {
  nlohmann::json curve = nlohmann::json::array();
  for (const KnnCurvePoint& p : s.curve)
    curve.push_back(
        {{"k", p.k}, {"mae_mean", finiteOrNull(p.mae_mean)}, {"mae_sd", finiteOrNull(p.mae_sd)}});
  return {{"k", s.k},
          {"method", "kfold"},
          {"folds", s.folds},
          {"curve", curve},
          {"seconds", s.seconds}};
}

void run(const KnnArgs& a) {
  const Dataset d = loadData(a.data);
  const Stopwatch clock;
  std::optional<KnnSelection> sel;
  int k = 0;
  if (a.k == "auto") {
    KnnSelectOptions o;
    o.seed = a.data.seed;
    sel = selectK(d.x_train, d.y_train, o);
    k = sel->k;
  } else {
    k = std::stoi(a.k);
  }
  const KnnRegressor knn(d.x_train, d.y_train, k);
  const double fit_seconds = clock.seconds();
  const Metrics train = evaluate(knn.predict(d.x_train), d.y_train);
  const Metrics test =
      d.hasTest() ? evaluate(knn.predict(d.x_test), d.y_test) : Metrics{NAN, NAN, NAN, {}};
  if (!a.json) {
    std::cout << "lreg knn: " << d.name << " (" << d.x_train.rows() << " train / "
              << d.x_test.rows() << " test), k = " << k
              << (sel ? " chosen by " + std::to_string(sel->folds) + "-fold cross-validation" : "")
              << "\n";
    printScores(d, train, test);
    std::cout << "\n\n  " << fmt(fit_seconds, "%.3f") << " s\n";
    return;
  }
  nlohmann::json j;
  j["command"] = "knn";
  j["data"] = d.name;
  j["dim"] = d.inputs();
  j["n_train"] = d.x_train.rows();
  j["n_test"] = d.x_test.rows();
  j["train"] = lreg::toJson(train);
  j["test"] = lreg::toJson(test);
  j["noise_ceiling_r2"] = finiteOrNull(d.noise_ceiling_r2);
  j["oracle_r2"] = finiteOrNull(oracleR2(d));
  j["seed"] = a.data.seed;
  j["k"] = k;
  if (sel) j["k_selection"] = toJson(*sel);
  j["seconds"] = fit_seconds;  // selection included; the test predictions are not
  j["status"] = toString(StatusCode::Success);
  printJson(j);
}

}  // namespace

void addKnnCommand(CLI::App& app) {
  auto a = std::make_shared<KnnArgs>();
  auto* cmd = app.add_subcommand(
      "knn", "k-nearest-neighbour regression, the tuned peer of lreg fit (any input dimension)");
  addDataOptions(*cmd, a->data, "b1");
  cmd->add_option("--k", a->k,
                  "Neighbours averaged, or auto: chosen by 5-fold cross-validation on the "
                  "training rows")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto"}) | CLI::Range(1, kMaxCount));
  cmd->add_flag("--json", a->json, "Print one JSON object instead of a summary");
  cmd->callback([a] { run(*a); });
}

}  // namespace lreg::cli
