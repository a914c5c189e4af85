#pragma once
// Shared pieces of the lreg subcommands: data selection options and JSON output.
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "lreg/data/dataset.h"

namespace lreg::cli {

// --data NAME|FILE.csv, --test FILE.csv, --test-frac, --targets, --seed, --n, --n-test.
struct DataOptions {
  std::string data;
  std::optional<std::string> test_file;
  double test_fraction = 0.2;
  int target_columns = 1;
  std::uint64_t seed = 1;
  int n_train = -1;
  int n_test = -1;
  int dim = 3;
};

void addDataOptions(CLI::App& cmd, DataOptions& o, const std::string& default_data);

// A built-in generator, "sdf" / "abalone" (embedded; split with test_fraction), or a CSV file.
Dataset loadData(const DataOptions& o);

// Writes exactly one JSON object (one line) to stdout.
void printJson(const nlohmann::json& j);

}  // namespace lreg::cli
