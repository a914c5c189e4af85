#pragma once
// A regression data set split into train and test parts. Rows are samples: x_* is n x d,
// y_* is n x c. Generated sets also carry the noiseless truth and the noise ceiling, so every
// R^2 can be shown next to what is achievable.
#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lreg {

struct Dataset {
  std::string name;  // built-in name ("b1") or the file path
  Eigen::MatrixXd x_train, y_train, x_test, y_test;

  // Generated sets only: the noiseless target at x_test, and 1 - E[noise var] / Var(y)
  // (population value of the generating distribution, mean over outputs).
  std::optional<Eigen::MatrixXd> truth_test;
  std::optional<double> noise_ceiling_r2;

  // Support of the inputs: the generator's for built-in sets, a declared box, else the bounding
  // box of the training inputs (never the test inputs). Meshes span exactly this box; a model
  // extrapolates beyond it.
  Eigen::VectorXd domain_lo, domain_hi;

  std::vector<std::string> input_names, output_names;

  // What loading noticed that a user should see (CSV oddities with their rows, test inputs
  // outside the domain), one line each; it travels with the data to the CLI and the studio.
  std::vector<std::string> warnings;

  int inputs() const { return static_cast<int>(x_train.cols()); }
  int outputs() const { return static_cast<int>(y_train.cols()); }
  bool hasTest() const { return x_test.rows() > 0; }
};

// R^2 of the noiseless truth on the test set (the best any model can score there), if known.
std::optional<double> oracleR2(const Dataset& d);

// Seeded random split of (x, y) into train and test rows; test_fraction in [0, 1). With no test
// rows every row trains, in the given order.
Dataset splitDataset(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, double test_fraction,
                     std::uint64_t seed, std::string name = {});

// Sets domain_lo/domain_hi to the bounding box of the training inputs (test inputs ignored).
void setDomainFromData(Dataset& d);

// Throws InputError naming the first non-finite entry or a constant input column.
void validateDataset(const Dataset& d);

}  // namespace lreg
