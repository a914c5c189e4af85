#pragma once
// Exact least squares for the coefficients of a P1 model on a Mesh1D (the paper's "least squares
// method", Appendix A.5), with a small Tikhonov term on the slope jumps:
//
//   min_C  sum_j || f(x_j) - y_j ||^2  +  lambda * sum_i || hbar_i J_i ||^2,
//   J_i = (C_{i+1} - C_i) / h_i - (C_i - C_{i-1}) / h_{i-1},  hbar_i = (h_{i-1} + h_i) / 2
//
// (on a uniform mesh, the squared second differences of C: every node is held alike, however
// graded the mesh). Unlike a plain ridge on C, the penalty vanishes on affine functions (they are
// fitted exactly) and continues the trend of the neighbours through a node whose elements hold
// no sample instead of pulling it to zero; the system is positive definite once two distinct x
// are sampled. lambda = ridge * mean diag(A^T A) / mean diag(R), R the penalty matrix, so
// `ridge` is scale free. A^T A is tridiagonal for P1; the penalty widens the band to 2:
// assembly O(N), solve O(n * outputs).
#include <Eigen/Core>
#include <vector>

#include "lreg/common/status.h"
#include "lreg/mesh/mesh_1d.h"

namespace lreg {

struct LeastSquares1DResult {
  Status status;           // NumericalIssue: a non-positive pivot or a non-finite solution
  Eigen::MatrixXd coeffs;  // mesh.size() x outputs
};

// x: N samples (any order), y: N x outputs. O(N log n + n).
LeastSquares1DResult leastSquares1D(const Mesh1D& mesh, const Eigen::VectorXd& x,
                                    const Eigen::MatrixXd& y, double ridge = 1e-8);

// element[j]: the element of x[j] (Mesh1D::locate or locateSorted). O(N + n).
LeastSquares1DResult leastSquares1D(const Mesh1D& mesh, const Eigen::VectorXd& x,
                                    const std::vector<int>& element, const Eigen::MatrixXd& y,
                                    double ridge);

// Solves the symmetric positive definite banded system M X = rhs in place, rhs n x k. bands is
// n x (b + 1): bands(i, d) = M(i, i + d) for the main (d = 0) and b upper diagonals (entries past
// the end unused). LDL^T without pivoting, O(n b^2 + n b k).
Status solveBandedSpd(const Eigen::MatrixXd& bands, Eigen::MatrixXd& rhs);

}  // namespace lreg
