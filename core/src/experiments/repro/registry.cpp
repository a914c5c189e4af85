#include <nlohmann/json.hpp>

#include "experiment_list.h"
#include "lreg/common/timer.h"
#include "lreg/experiments/repro_output.h"
#include "lreg/experiments/repro_run_log.h"

namespace lreg {

const std::vector<Experiment>& experiments() {
  static const std::vector<Experiment> list = [] {
    std::vector<Experiment> v;
    v.push_back(repro::scalingExperiment());
    v.push_back(repro::table1Experiment());
    v.push_back(repro::figure4Experiment());
    v.push_back(repro::modelSelectionExperiment());
    v.push_back(repro::appendixCExperiment());
    for (auto& e : repro::appendixCSectionExperiments()) v.push_back(std::move(e));
    v.push_back(repro::barbuTable3Experiment());
    v.push_back(repro::barbuTable4Experiment());
    v.push_back(repro::barbuTable5Experiment());
    v.push_back(repro::barbuSimExperiment());
    return v;
  }();
  return list;
}

bool runFinished(ReproReport& r, const ProgressFn& progress, int total, double seconds,
                 const std::string& message) {
  ++r.runs_done;
  if (report(progress, {r.runs_done, total, seconds, message})) return true;
  r.status = Status::cancelled();
  return false;
}

const Experiment& findExperiment(const std::string& name) {
  std::string known;
  for (const auto& e : experiments()) {
    if (e.name == name) return e;
    known += (known.empty() ? "" : ", ") + e.name;
  }
  throw InputError("no experiment \"" + name + "\" (known: " + known + ")");
}

ReproReport runExperiment(const Experiment& e, const ReproOptions& options,
                          const ProgressFn& progress) {
  if (options.out.empty())
    throw InputError("--out: a folder is needed (the run log and the report go there)");
  if (options.runs < 0) throw InputError("--runs: " + std::to_string(options.runs) + " < 0");
  if (options.splits < 0) throw InputError("--splits: " + std::to_string(options.splits) + " < 0");
  RunLog log(options.out / (e.name + "-runs.csv"), e.run_columns);
  const Stopwatch clock;
  ReproReport r = e.run(options, log, progress);
  r.name = e.name;
  r.seconds = clock.seconds();
  r.runs_reused += log.reused();  // plus what the experiment read from other logs
  writeReport(r, options.out);
  return r;
}

}  // namespace lreg
