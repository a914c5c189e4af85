// lreg compare: Barbu's repeated 80/20 splits, methods side by side (Tables 3 and 4).
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "commands.h"
#include "lreg/common/status.h"
#include "lreg/train/compare.h"
#include "net_cli.h"
#include "progress_lines.h"

namespace lreg::cli {

namespace {

std::vector<std::string> splitList(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string item; std::getline(ss, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

void writeText(const std::string& path, const std::string& text, const char* option) {
  std::ofstream f(path);
  if (!f) throw InputError(std::string(option) + ": cannot write '" + path + "'");
  f << text;
}

}  // namespace

void addCompareCommand(CLI::App& app) {
  struct Args {
    NetArgs net;
    std::string methods = "anmin,adam";
    int splits = 10;
    TrainerConfig cfg;
    std::string csv, summary_csv, markdown;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "compare", "Train several methods on repeated random splits (mean/std, paired t-tests)");
  addNetOptions(*cmd, a->net);
  cmd->add_option("--methods", a->methods, "Comma-separated, each once: anmin, adam, sgd, lbfgs")
      ->capture_default_str()
      ->check(CLI::Validator(
          [](std::string& s) -> std::string {
            try {
              checkMethodList(splitList(s));  // empty, unknown or repeated: usage error (exit 2)
            } catch (const InputError& e) {
              return e.what();
            }
            return {};
          },
          "METHODS"));
  cmd->add_option("--splits", a->splits,
                  "Random train/test splits; split s uses seed --seed + s - 1")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--iters", a->cfg.anmin.iters, "ANMIN iterations")->capture_default_str();
  cmd->add_option("--lambda", a->cfg.anmin.lambda, "ANMIN ridge lambda")->capture_default_str();
  cmd->add_option("--epochs", a->cfg.adam.mb.epochs, "Adam and SGD epochs")->capture_default_str();
  cmd->add_option("--adam-lr", a->cfg.adam.mb.lr, "Adam initial rate")->capture_default_str();
  cmd->add_option("--sgd-lr", a->cfg.sgd.mb.lr, "SGD initial rate")->capture_default_str();
  cmd->add_option("--lbfgs-iters", a->cfg.lbfgs.iters, "LBFGS steps")->capture_default_str();
  cmd->add_option("--csv", a->csv, "Write one row per run (split, method) to this CSV file");
  cmd->add_option("--summary-csv", a->summary_csv,
                  "Write mean/std per method and metric to this CSV file");
  cmd->add_option("--markdown", a->markdown, "Write the Tables 3/4 layout to this Markdown file");
  cmd->callback([a] {
    CompareOptions o;
    o.methods = splitList(a->methods);
    o.splits = a->splits;
    o.first_seed = a->net.data.seed;
    o.test_fraction = a->net.data.test_fraction;
    o.config = a->cfg;
    o.config.sgd.mb.epochs = a->cfg.adam.mb.epochs;
    const NetOptions net = resolveNetOptions(a->net);
    o.config.setCommon(net);

    // All rows of the set, in their order; compare draws its own splits.
    DataSource source = dataSource(a->net.data);
    source.test_fraction = 0;
    const Dataset all = loadData(source);
    Eigen::MatrixXd x(all.x_train.rows() + all.x_test.rows(), all.inputs());
    Eigen::MatrixXd y(x.rows(), all.outputs());
    x << all.x_train, all.x_test;
    y << all.y_train, all.y_test;

    const ProgressLines events(a->net.progress, "compare");
    const ProgressFn lines = events.fn();
    events.started();
    int last = 0;  // compare also calls between the steps of a run (to cancel): one line per run
    const CompareReport r = compareMethods(x, y, all.name, o, [&](const Progress& p) {
      if (p.step == last) return true;
      last = p.step;
      if (lines)
        lines(p);
      else if (!a->net.json)
        std::cerr << "[" << p.step << "/" << p.total << "] " << p.message << " done\n";
      return true;
    });
    for (const SplitRun& run : r.runs)
      if (!run.status.ok())
        events.warning(run.method + " split " + std::to_string(run.split) + ": " +
                       run.status.message);
    events.finished({{"runs", r.runs.size()}});
    if (!a->csv.empty()) writeText(a->csv, runsCsv(r), "--csv");
    if (!a->summary_csv.empty()) writeText(a->summary_csv, summaryCsv(r), "--summary-csv");
    if (!a->markdown.empty()) writeText(a->markdown, toMarkdown(r), "--markdown");
    if (a->net.json)
      printJson(toJson(r));
    else
      std::cout << toMarkdown(r);
  });
}

}  // namespace lreg::cli
