#include "cli_common.h"

#include <iostream>

#include "lreg/common/status.h"
#include "lreg/data/csv.h"
#include "lreg/data/embedded.h"
#include "lreg/data/generators.h"

namespace lreg::cli {

void addDataOptions(CLI::App& cmd, DataOptions& o, const std::string& default_data) {
  o.data = default_data;
  cmd.add_option("--data", o.data, "Built-in set name or a CSV file (last column = target)")
      ->capture_default_str();
  cmd.add_option("--test", o.test_file, "Separate test CSV (default: a seeded split of --data)");
  cmd.add_option("--test-frac", o.test_fraction, "Test fraction of a seeded split of a CSV file")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 0.95));
  cmd.add_option("--targets", o.target_columns, "Number of target columns at the end of a CSV row")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd.add_option("--seed", o.seed, "Random seed (data generation, split, initialisation)")
      ->capture_default_str();
  cmd.add_option("--n", o.n_train, "Training samples of a generated set (-1: the paper's size)")
      ->capture_default_str();
  cmd.add_option("--n-test", o.n_test, "Test samples of a generated set (-1: the paper's size)")
      ->capture_default_str();
  cmd.add_option("--d", o.dim, "Input dimension of the 'sim' set")->capture_default_str();
}

Dataset loadData(const DataOptions& o) {
  if (isGenerator(o.data)) {
    GenOptions g;
    g.seed = o.seed;
    g.n_train = o.n_train;
    g.n_test = o.n_test;
    g.dim = o.dim;
    return generate(o.data, g);
  }
  if (o.data == "sdf" || o.data == "abalone") {
    const Dataset all = o.data == "sdf" ? sdfDecoder() : abalone();
    Dataset d = splitDataset(all.x_train, all.y_train, o.test_fraction, o.seed, all.name);
    d.input_names = all.input_names;
    d.output_names = all.output_names;
    if (o.data == "sdf") {  // the image grid is the domain, whatever the split
      d.domain_lo = all.domain_lo;
      d.domain_hi = all.domain_hi;
    }
    return d;
  }
  CsvOptions c;
  c.target_columns = o.target_columns;
  return loadCsvDataset(o.data, c, o.test_file, o.test_fraction, o.seed);
}

void printJson(const nlohmann::json& j) { std::cout << j.dump() << std::endl; }

}  // namespace lreg::cli
