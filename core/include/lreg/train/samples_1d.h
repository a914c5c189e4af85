#pragma once
// Training samples of a 1D fit sorted by x, so that every pass of the MRC loop (locating samples
// in elements, least-squares assembly, per-element indicators) is a merge, O(N + n).
#include <Eigen/Core>

namespace lreg {

struct Samples1D {
  Eigen::VectorXd x;  // N, ascending
  Eigen::MatrixXd y;  // N x outputs, rows permuted with x

  // x: N x 1 (or a vector), y: N x outputs. A stable sort, so equal x keep their order.
  static Samples1D sorted(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y);

  int size() const { return static_cast<int>(x.size()); }
  int outputs() const { return static_cast<int>(y.cols()); }
};

}  // namespace lreg
