#include "net_cli.h"

#include <cstdio>
#include <iostream>

#include "lreg/common/json.h"
#include "lreg/common/status.h"
#include "method_flags.h"
#include "model_files.h"
#include "progress_lines.h"

namespace lreg::cli {

void addNetOptions(CLI::App& cmd, NetArgs& a) {
  addDataOptions(cmd, a.data, "sdf");
  // The options every net method shares, with their ranges from the registry (anmin's entry:
  // the four net methods declare them alike).
  const MethodSpec& spec = method("anmin");
  const auto shared = [&](const char* key) -> const OptionSpec& { return *spec.option(key); };
  cmd.add_option("--hidden", a.net.hidden, specHelp(shared("hidden")))
      ->capture_default_str()
      ->check(specValidator(shared("hidden"), "net"));
  cmd.add_option("--alpha", a.net.alpha, specHelp(shared("alpha")))
      ->capture_default_str()
      ->check(specValidator(shared("alpha"), "net"));
  cmd.add_option("--target-scaling", a.target_scaling,
                 specHelp(shared("target_scaling")) +
                     ". Inputs are always standardised on the training part")
      ->capture_default_str()
      ->check(specValidator(shared("target_scaling"), "net"));
  cmd.add_option("--threads", a.net.threads, specHelp(shared("threads")))
      ->capture_default_str()
      ->check(specValidator(shared("threads"), "net"));
  cmd.add_flag("--json", a.json, "Print one JSON object (train/test mse, r2, seconds, history)");
  cmd.add_option("--save-model", a.save_model,
                 "Write the kept model as JSON to this file (lreg predict reads it)");
  addExportSplitOption(cmd, a.export_split);
  addProgressFlag(cmd, a.progress);
}

NetOptions resolveNetOptions(const NetArgs& a) {
  NetOptions n = a.net;
  n.seed = a.data.seed;
  n.targets = parseTargetScaling(a.target_scaling);
  return n;
}

void runAndPrint(NetTrainer& trainer, const NetArgs& a, const nlohmann::json& options,
                 const std::function<nlohmann::json()>& extra) {
  const ProgressLines events(a.progress, trainer.method());
  events.started();
  const NetTrainReport r =
      trainer.run(events.fn([&trainer]() -> const History& { return trainer.history(); }));
  events.finished(runSummary(r.status, r.history, r.train, r.test));
  const Dataset& d = trainer.data();
  exportSplit(d, a.export_split);
  if (!a.save_model.empty()) {
    TwoLayerRelu m = r.model;
    setDomainFrom(m, d);
    saveModel(m, a.save_model);
  }
  if (a.json) {
    nlohmann::json j;
    j["method"] = r.method;
    j["data"] = {{"name", d.name},
                 {"n_train", d.x_train.rows()},
                 {"n_test", d.x_test.rows()},
                 {"inputs", d.inputs()},
                 {"outputs", d.outputs()}};
    j["options"] = options;
    j["status"] = toString(r.status.code);
    j["train"] = toJson(r.train);
    j["test"] = toJson(r.test);
    j["seconds"] = finiteOrNull(r.seconds);
    j["history"] = toJson(r.history);
    for (auto& p : j["history"])  // every trainer's points carry logdet (null when not ANMIN)
      if (!p.contains("logdet")) p["logdet"] = nullptr;
    if (extra) j.update(extra());
    printJson(j);
  } else {
    std::printf("%-6s %10s %14s %14s %12s\n", "step", "seconds", "train_mse", "test_mse", "logdet");
    for (const auto& p : r.history.points) {
      const auto ld = p.extra.find("logdet");
      std::printf("%-6d %10.3f %14.6g %14.6g %12.6g\n", p.step, p.seconds, p.train_loss,
                  p.test_loss, ld == p.extra.end() ? std::nan("") : ld->second);
    }
    std::printf("%s on %s: train mse %.6g r2 %.5f | test mse %.6g r2 %.5f | %.3f s | %s\n",
                r.method.c_str(), d.name.c_str(), r.train.mse, r.train.r2, r.test.mse, r.test.r2,
                r.seconds, toString(r.status.code));
  }
  if (r.status.code == StatusCode::NumericalIssue) throw NumericalError(r.status.message);
}

}  // namespace lreg::cli
