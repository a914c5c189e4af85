#pragma once
// Where a data set comes from, resolved in one place for the CLI and the studio: a built-in
// generator ("b1", "sim", ...), an embedded set ("sdf", "abalone") or a CSV file, split into train
// and test parts, with the warnings a user should see (CSV oddities with their rows, test inputs
// outside the training domain).
#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lreg/data/dataset.h"

namespace lreg {

// An input box the user declares instead of the one taken from the training inputs.
struct DeclaredDomain {
  Eigen::VectorXd lo, hi;  // inputs x 1 each, lo < hi
};

struct DataSource {
  std::string data;                      // generator name, "sdf", "abalone" or a CSV path
  std::optional<std::string> test_path;  // CSV files only: a separate test file
  double test_fraction = 0.2;            // [0, 0.95]: seeded split of a file or embedded set
  int target_columns = 1;                // CSV files: the last N columns are targets
  std::uint64_t seed = 1;                // generation and split
  std::optional<int> n_train, n_test;    // generated sets; absent: the paper's size
  int sim_dim = 3;                       // "sim" only: input dimension d in [1, 1000]
  std::optional<DeclaredDomain> domain;
};

// Allowed ranges of the DataSource numbers, stated in the errors of checkDataSource.
constexpr double kMaxTestFraction = 0.95;
constexpr int kMaxSimDim = 1000;

// Throws InputError naming the first field out of its range and the range.
void checkDataSource(const DataSource& source);

// Loads, splits and validates; throws InputError for bad input. Dataset::warnings holds what
// the user should be told, one line each, naming the file and row where there is one.
Dataset resolveData(const DataSource& source);

// A warning when a model with dof basis functions is fitted to n_train samples: with fewer than
// kMinSamplesPerDof samples per basis function the fit interpolates noise and tests poorly.
constexpr double kMinSamplesPerDof = 3.0;
std::optional<std::string> samplesPerDofWarning(Eigen::Index n_train, Eigen::Index dof);

}  // namespace lreg
