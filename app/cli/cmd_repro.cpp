// lreg repro list | NAME: the papers' experiments (lreg/experiments/repro.h). Each finished run
// is appended to NAME-runs.csv in --out at once, so a second call resumes where one stopped.
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_common.h"
#include "commands.h"
#include "lreg/common/status.h"
#include "lreg/experiments/repro.h"
#include "lreg/experiments/repro_output.h"
#include "progress_lines.h"

namespace lreg::cli {

namespace {

struct ReproArgs {
  std::string name;
  ReproOptions options;
  std::string out = "repro";
  std::string data;
  bool json = false;
  bool progress = false;
};

// "run 12/32, 4.1 s, about 6.9 s left" on stderr, overwritten in place.
bool printProgress(const Progress& p) {
  std::string eta;
  if (p.total > 0 && p.step > 0 && p.step < p.total) {
    char buf[48];
    std::snprintf(buf, sizeof buf, ", about %.0f s left", p.seconds / p.step * (p.total - p.step));
    eta = buf;
  }
  char buf[96];
  std::snprintf(buf, sizeof buf, "\r  run %d/%d, %.1f s%s   ", p.step, p.total, p.seconds,
                eta.c_str());
  std::cerr << buf << (p.message.empty() ? "" : " " + p.message) << std::flush;
  return true;
}

std::string commandLine(const ReproArgs& a) {
  std::string c = "lreg repro " + a.name;
  if (a.options.quick) c += " --quick";
  if (a.options.runs) c += " --runs " + std::to_string(a.options.runs);
  if (a.options.splits) c += " --splits " + std::to_string(a.options.splits);
  if (a.options.seed != 1) c += " --seed " + std::to_string(a.options.seed);
  if (!a.data.empty()) c += " --data " + a.data;
  return c + " --out " + a.out;
}

void run(ReproArgs& a) {
  if (a.name == "list") {
    for (const auto& e : experiments()) std::cout << e.name << "\t" << e.claim << "\n";
    return;
  }
  const Experiment& e = findExperiment(a.name);
  a.options.out = a.out;
  a.options.data = a.data;
  ProgressLines lines(a.progress, "repro");
  lines.started();
  const ProgressFn lineFn = lines.fn();
  const bool tty = !a.json && !a.progress;
  // Experiments report inside their runs too (so that they can be cancelled there): print a
  // line when a run ends or at most every half second, not per call.
  int last_step = -1;
  double last_seconds = -1;
  ReproReport r = runExperiment(e, a.options, [&](const Progress& p) {
    if (p.step == last_step && p.seconds - last_seconds < 0.5) return true;
    last_step = p.step;
    last_seconds = p.seconds;
    if (lineFn) lineFn(p);
    if (tty) printProgress(p);
    return true;
  });
  r.command = commandLine(a);
  const auto files = writeReport(r, a.options.out);  // again, now with the command line
  if (tty) std::cerr << "\n";
  nlohmann::json summary = {{"status", toString(r.status.code)},
                            {"runs", r.runs_done},
                            {"reused", r.runs_reused},
                            {"seconds", r.seconds}};
  lines.finished(summary);
  if (a.json) {
    nlohmann::json j = toJson(r);
    j["command_name"] = "repro";
    j["files"] = nlohmann::json::array();
    for (const auto& f : files) j["files"].push_back(f.string());
    printJson(j);
    return;
  }
  std::cout << toMarkdown(r) << "\nFiles:\n";
  for (const auto& f : files) std::cout << "  " << f.string() << "\n";
}

}  // namespace

void addReproCommand(CLI::App& app) {
  auto a = std::make_shared<ReproArgs>();
  CLI::App* cmd = app.add_subcommand(
      "repro", "Reproduce a paper's table or figure: 'lreg repro list' names them");
  cmd->add_option("name", a->name, "An experiment's name, or 'list'")->required();
  cmd->add_flag("--quick", a->options.quick, "Sizes that finish within 2 minutes");
  cmd->add_option("--runs", a->options.runs, "Runs (seeds) per configuration (0: default)")
      ->check(CLI::Range(0, 100000));
  cmd->add_option("--splits", a->options.splits, "Random 80/20 splits (0: default)")
      ->check(CLI::Range(0, 100000));
  cmd->add_option("--seed", a->options.seed, "First seed (run r uses seed + r)");
  cmd->add_option("--threads", a->options.threads, "Threads per trainer (0: one per core)")
      ->check(CLI::Range(0, 1024));
  cmd->add_option("--data", a->data, "A CSV of your own, for the experiments that take one");
  cmd->add_option("--out", a->out, "Folder of the run log and the report")->capture_default_str();
  cmd->add_flag("--json", a->json, "Print the report as one JSON object");
  addProgressFlag(*cmd, a->progress);
  cmd->callback([a] { run(*a); });
}

}  // namespace lreg::cli
