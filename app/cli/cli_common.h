#pragma once
// Shared pieces of the lreg subcommands: data selection options and JSON output.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "lreg/data/data_source.h"
#include "lreg/data/dataset.h"

namespace lreg::cli {

// --data NAME|FILE.csv, --test FILE.csv, --test-frac, --targets, --seed, --n, --n-test.
struct DataOptions {
  std::string data;
  std::optional<std::string> test_file;
  double test_fraction = 0.2;
  int target_columns = 1;
  std::uint64_t seed = 1;
  std::optional<int> n_train, n_test;  // absent: the paper's size
  int dim = 3;
};

// Upper bound of the count options (--n, --n-test, --targets): far above any real set.
constexpr int kMaxCount = 100'000'000;

void addDataOptions(CLI::App& cmd, DataOptions& o, const std::string& default_data);

// A CLI check for a number in [lo, hi] whose error states the range: "must be in [lo, hi], got v".
CLI::Validator inRange(double lo, double hi);

// The options as a core data source.
DataSource dataSource(const DataOptions& o);

// Resolves the source (a built-in generator, "sdf" / "abalone" split with test_fraction, or a CSV
// file) and prints each warning to stderr as "lreg: warning: ...".
Dataset loadData(const DataSource& source);
Dataset loadData(const DataOptions& o);

// "lreg: warning: message" on stderr.
void printWarning(const std::string& message);

// Writes exactly one JSON object (one line) to stdout.
void printJson(const nlohmann::json& j);

}  // namespace lreg::cli
