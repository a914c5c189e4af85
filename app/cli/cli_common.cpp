#include "cli_common.h"

#include <cstdio>
#include <iostream>

#include "lreg/common/status.h"
#include "progress_lines.h"

namespace lreg::cli {

CLI::Validator inRange(double lo, double hi) {
  const auto text = [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return std::string(buf);
  };
  const std::string range = "[" + text(lo) + ", " + text(hi) + "]";
  return CLI::Validator(
      [lo, hi, range](std::string& input) -> std::string {
        double v = 0;
        if (CLI::detail::lexical_cast(input, v) && v >= lo && v <= hi) return {};
        return "must be in " + range + ", got " + input;
      },
      "in " + range);
}

void addDataOptions(CLI::App& cmd, DataOptions& o, const std::string& default_data) {
  o.data = default_data;
  cmd.add_option("--data", o.data, "Built-in set name or a CSV file (last column = target)")
      ->capture_default_str();
  cmd.add_option("--test", o.test_file, "Separate test CSV (default: a seeded split of --data)");
  cmd.add_option("--test-frac", o.test_fraction, "Test fraction of a seeded split of a CSV file")
      ->capture_default_str()
      ->check(inRange(0.0, kMaxTestFraction));
  cmd.add_option("--targets", o.target_columns, "Number of target columns at the end of a CSV row")
      ->capture_default_str()
      ->check(inRange(1, kMaxCount));
  cmd.add_option("--seed", o.seed, "Random seed (data generation, split, initialisation)")
      ->capture_default_str();
  // Absent means the paper's size; a typed count must be a real one.
  cmd.add_option("--n", o.n_train,
                 "Training samples of a generated set (default: the paper's size)")
      ->check(inRange(1, kMaxCount));
  cmd.add_option("--n-test", o.n_test,
                 "Test samples of a generated set (default: the paper's size)")
      ->check(inRange(0, kMaxCount));
  cmd.add_option("--d", o.dim, "Input dimension of the 'sim' set")
      ->capture_default_str()
      ->check(inRange(1, kMaxSimDim));
}

DataSource dataSource(const DataOptions& o) {
  DataSource s;
  s.data = o.data;
  s.test_path = o.test_file;
  s.test_fraction = o.test_fraction;
  s.target_columns = o.target_columns;
  s.seed = o.seed;
  s.n_train = o.n_train;
  s.n_test = o.n_test;
  s.sim_dim = o.dim;
  return s;
}

void printWarning(const std::string& message) {
  // Under --progress stderr carries JSON events only, so the warning is one of them.
  if (progressRequested()) {
    std::cerr << nlohmann::json{{"event", "warning"}, {"message", message}}.dump() << std::endl;
    return;
  }
  std::cerr << "lreg: warning: " << message << "\n";
}

Dataset loadData(const DataSource& source) {
  Dataset d = resolveData(source);
  for (const std::string& w : d.warnings) printWarning(w);
  return d;
}

Dataset loadData(const DataOptions& o) { return loadData(dataSource(o)); }

void printJson(const nlohmann::json& j) { std::cout << j.dump() << std::endl; }

}  // namespace lreg::cli
