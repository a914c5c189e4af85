#pragma once
// The semilinear Poisson problem of the LReg paper's Appendix C.1,
//   Delta u + (u - beta)^2 = g(x, y)  on (0, 1)^2,   u = beta on the boundary,
// with the paper's g = (alpha cos x sin y - 1)^2 + 1, solved by finite differences: the 5-point
// Laplacian on a uniform grid of `cells` x `cells` cells (h = 1 / cells, (cells - 1)^2 unknowns)
// and Newton's method from u = beta, each step one sparse LDLT solve of the Jacobian
// Delta_h + 2 diag(u - beta). The discrete Laplacian of a constant is zero, so u - beta does not
// depend on beta: beta only shifts the solution (the parameter map is additive in beta).
//
// Expected failures are statuses: NoConvergence (the iteration limit, or a residual that grew
// past divergence_factor times the first one, e.g. where no solution exists), NumericalIssue (a
// Jacobian that cannot be factored, a non-finite iterate). Bad options throw InputError.
#include <Eigen/Core>
#include <Eigen/SparseCholesky>
#include <Eigen/SparseCore>
#include <functional>
#include <vector>

#include "lreg/common/status.h"

namespace lreg {

struct SemilinearPoissonOptions {
  int cells = 32;           // grid cells per side, >= 2
  int max_iterations = 30;  // Newton steps
  // Converged when the max-norm of the discrete residual Delta_h u + (u - beta)^2 - g is at most
  // this (the rounding floor of Delta_h is about 1e-16 / h^2 times |u - beta|).
  double tolerance = 1e-9;
  double divergence_factor = 1e8;
};

struct SemilinearPoissonSolution {
  Status status;
  int cells = 0;
  double beta = 0;
  // (cells + 1) by (cells + 1) grid values, boundary included: u(i, j) at x = i h, y = j h.
  Eigen::MatrixXd u;
  // Max-norm residual of each iterate, the start u = beta first (iterations + 1 values).
  std::vector<double> residuals;
  int iterations = 0;  // Newton steps taken

  // u at grid node (i, j).
  double at(int i, int j) const { return u(i, j); }
  // u at a point of [0, 1]^2 by bilinear interpolation of the grid values.
  double interpolate(double x, double y) const;
};

// The right-hand side g(x, y).
using PoissonRhs = std::function<double(double x, double y)>;

// The paper's right-hand side (alpha cos x sin y - 1)^2 + 1.
PoissonRhs appendixC1Rhs(double alpha);

// Factors once per grid: the Jacobian's sparsity pattern is analysed in the constructor and
// reused by every Newton step of every solve. Not thread-safe; use one solver per thread.
class SemilinearPoissonSolver {
 public:
  explicit SemilinearPoissonSolver(SemilinearPoissonOptions options = {});  // throws InputError

  SemilinearPoissonSolution solve(double beta, const PoissonRhs& g);
  // The paper's problem at (alpha, beta).
  SemilinearPoissonSolution solveAppendixC1(double alpha, double beta) {
    return solve(beta, appendixC1Rhs(alpha));
  }

  const SemilinearPoissonOptions& options() const { return opt_; }
  int unknowns() const { return static_cast<int>(lap_.rows()); }

 private:
  SemilinearPoissonOptions opt_;
  Eigen::SparseMatrix<double> lap_;  // 5-point Laplacian with zero boundary values
  Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>> ldlt_;
};

}  // namespace lreg
