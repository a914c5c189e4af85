#pragma once
// Regression metrics over n x c matrices (rows = samples, columns = outputs).
#include <Eigen/Core>
#include <nlohmann/json_fwd.hpp>

namespace lreg {

struct Metrics {
  double r2 = 0;   // mean over outputs of the per-output R^2
  double mae = 0;  // mean absolute error over all entries
  double mse = 0;  // mean squared error over all entries
  Eigen::VectorXd r2_per_output;
};

// R^2 of a column: 1 - SS_res / SS_tot; NaN when the truth is constant.
Metrics evaluate(const Eigen::MatrixXd& prediction, const Eigen::MatrixXd& truth);

double meanAbsoluteError(const Eigen::MatrixXd& prediction, const Eigen::MatrixXd& truth);
double meanSquaredError(const Eigen::MatrixXd& prediction, const Eigen::MatrixXd& truth);

// {"r2", "mae", "mse"} and, for several outputs, "r2_per_output".
nlohmann::json toJson(const Metrics& m);

}  // namespace lreg
