#include "lreg/pde/semilinear_poisson.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace lreg {

namespace {

// Row-major index of interior node (i, j), 1 <= i, j <= n.
int node(int i, int j, int n) { return (i - 1) + (j - 1) * n; }

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

}  // namespace

double SemilinearPoissonSolution::interpolate(double x, double y) const {
  const double fx = std::clamp(x, 0.0, 1.0) * cells, fy = std::clamp(y, 0.0, 1.0) * cells;
  const int i = std::min(static_cast<int>(fx), cells - 1),
            j = std::min(static_cast<int>(fy), cells - 1);
  const double s = fx - i, t = fy - j;
  return (1 - s) * (1 - t) * u(i, j) + s * (1 - t) * u(i + 1, j) + (1 - s) * t * u(i, j + 1) +
         s * t * u(i + 1, j + 1);
}

PoissonRhs appendixC1Rhs(double alpha) {
  return [alpha](double x, double y) {
    const double a = alpha * std::cos(x) * std::sin(y) - 1;
    return a * a + 1;
  };
}

SemilinearPoissonSolver::SemilinearPoissonSolver(SemilinearPoissonOptions options) : opt_(options) {
  if (opt_.cells < 2)
    throw InputError("semilinear Poisson: cells must be >= 2, got " + std::to_string(opt_.cells));
  if (opt_.max_iterations < 1)
    throw InputError("semilinear Poisson: max_iterations must be >= 1, got " +
                     std::to_string(opt_.max_iterations));
  if (!(opt_.tolerance >= 0) || !(opt_.divergence_factor > 1))
    throw InputError("semilinear Poisson: tolerance must be >= 0 and divergence_factor > 1");
  const int n = opt_.cells - 1;
  const double ih2 = double(opt_.cells) * opt_.cells;
  std::vector<Eigen::Triplet<double>> t;
  t.reserve(static_cast<size_t>(5 * n * n));
  for (int j = 1; j <= n; ++j)
    for (int i = 1; i <= n; ++i) {
      const int k = node(i, j, n);
      t.emplace_back(k, k, -4 * ih2);
      if (i > 1) t.emplace_back(k, node(i - 1, j, n), ih2);
      if (i < n) t.emplace_back(k, node(i + 1, j, n), ih2);
      if (j > 1) t.emplace_back(k, node(i, j - 1, n), ih2);
      if (j < n) t.emplace_back(k, node(i, j + 1, n), ih2);
    }
  lap_.resize(n * n, n * n);
  lap_.setFromTriplets(t.begin(), t.end());
  lap_.makeCompressed();
  ldlt_.analyzePattern(lap_);
}

SemilinearPoissonSolution SemilinearPoissonSolver::solve(double beta, const PoissonRhs& g) {
  SemilinearPoissonSolution s;
  s.cells = opt_.cells;
  s.beta = beta;
  s.u = Eigen::MatrixXd::Constant(opt_.cells + 1, opt_.cells + 1, beta);
  if (!std::isfinite(beta)) {
    s.status = Status::invalidInput("semilinear Poisson: beta is not finite");
    return s;
  }
  const int n = opt_.cells - 1;
  const double h = 1.0 / opt_.cells;
  Eigen::VectorXd rhs(n * n);
  for (int j = 1; j <= n; ++j)
    for (int i = 1; i <= n; ++i) rhs(node(i, j, n)) = g(i * h, j * h);
  if (!rhs.allFinite()) {
    s.status = Status::invalidInput("semilinear Poisson: the right-hand side is not finite");
    return s;
  }
  // w = u - beta at the interior nodes; the boundary w is 0 and the start is w = 0 (u = beta).
  Eigen::VectorXd w = Eigen::VectorXd::Zero(n * n);
  auto residual = [&](Eigen::VectorXd& f) {
    f = lap_ * w + w.cwiseAbs2() - rhs;
    return f.lpNorm<Eigen::Infinity>();
  };
  Eigen::VectorXd f;
  double r = residual(f);
  s.residuals.push_back(r);
  // The Jacobian is Delta_h + 2 diag(w); its negative -Delta_h - 2 diag(w) is positive definite
  // while w < pi^2 (the least eigenvalue of -Delta on the unit square is 2 pi^2), so LDLT needs
  // no pivoting on the paper's problem, where w <= 0.
  Eigen::SparseMatrix<double> m = -lap_;
  while (r > opt_.tolerance) {
    if (s.iterations >= opt_.max_iterations) {
      s.status = {StatusCode::NoConvergence, "semilinear Poisson: Newton did not converge in " +
                                                 std::to_string(opt_.max_iterations) +
                                                 " steps (residual " + fmt(r) + ")"};
      break;
    }
    m = -lap_;
    for (int k = 0; k < n * n; ++k) m.coeffRef(k, k) -= 2 * w(k);
    ldlt_.factorize(m);
    if (ldlt_.info() != Eigen::Success) {
      s.status = Status::numerical("semilinear Poisson: the Jacobian cannot be factored at step " +
                                   std::to_string(s.iterations + 1));
      break;
    }
    w += ldlt_.solve(f);  // J d = -f with J = -m
    ++s.iterations;
    r = residual(f);
    s.residuals.push_back(r);
    if (!std::isfinite(r)) {
      s.status = Status::numerical("semilinear Poisson: a non-finite iterate at step " +
                                   std::to_string(s.iterations));
      break;
    }
    if (r > opt_.divergence_factor * std::max(s.residuals.front(), 1e-300)) {
      s.status = {StatusCode::NoConvergence, "semilinear Poisson: Newton diverged (residual " +
                                                 fmt(r) + " after " + std::to_string(s.iterations) +
                                                 " steps, from " + fmt(s.residuals.front()) + ")"};
      break;
    }
  }
  for (int j = 1; j <= n; ++j)
    for (int i = 1; i <= n; ++i) s.u(i, j) = beta + w(node(i, j, n));
  return s;
}

}  // namespace lreg
