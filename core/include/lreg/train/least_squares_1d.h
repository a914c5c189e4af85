#pragma once
// Exact least squares for the coefficients of a P1 model on a Mesh1D (the paper's "least squares
// method", Appendix A.5), with a small Tikhonov term on the slope:
//
//   min_C  sum_j || f(x_j) - y_j ||^2  +  lambda * integral || f'(x) ||^2 dx,   f = sum_i C_i psi_i
//
// The slope penalty (rather than a plain ridge on C) keeps a node whose elements hold no sample
// at the linear interpolation of its neighbours instead of pulling it to zero, and leaves the
// system positive definite as soon as one sample exists. lambda = ridge * mean diag(A^T A) /
// mean diag(K), K the stiffness matrix, so `ridge` is scale free. The normal equations are
// tridiagonal: assembly O(N), solve O(n * outputs).
#include <vector>

#include <Eigen/Core>

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

// Solves the symmetric positive definite tridiagonal system (diag: n, off: n - 1 super-diagonal)
// for every column of rhs in place, by an LDL^T (Thomas) factorisation without pivoting.
Status solveTridiagonalSpd(const Eigen::VectorXd& diag, const Eigen::VectorXd& off,
                           Eigen::MatrixXd& rhs);

}  // namespace lreg
