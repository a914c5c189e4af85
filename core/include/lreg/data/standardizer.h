#pragma once
// Per-column affine scaling z = (v - mean) / scale, fitted on training data only.
// Used by the network trainers: inputs so that randomly initialised ReLU hyperplanes cut through
// the data cloud whatever the units (SDF pixel coordinates run to 314), targets so that one
// ridge lambda and one learning rate mean the same on every data set.
#include <Eigen/Core>

namespace lreg {

struct Standardizer {
  Eigen::RowVectorXd mean;   // 1 x columns
  Eigen::RowVectorXd scale;  // 1 x columns, > 0 (a constant column keeps scale 1)

  // Column means and population standard deviations of v (rows = samples).
  static Standardizer fit(const Eigen::MatrixXd& v);
  // mean 0, scale 1: leaves data unchanged.
  static Standardizer identity(Eigen::Index columns);

  Eigen::Index columns() const { return mean.size(); }
  // Throws InputError, naming `owner`, unless mean and scale have one finite entry per column and
  // every scale is > 0 (a scaling read from a file is not trusted to be shaped as it claims).
  void check(const char* owner) const;
  Eigen::MatrixXd apply(const Eigen::MatrixXd& v) const;   // raw -> standardised
  Eigen::MatrixXd invert(const Eigen::MatrixXd& z) const;  // standardised -> raw
};

}  // namespace lreg
