#include "lreg/train/least_squares_1d.h"

#include <cmath>
#include <string>

namespace lreg {

Status solveTridiagonalSpd(const Eigen::VectorXd& diag, const Eigen::VectorXd& off,
                           Eigen::MatrixXd& rhs) {
  const Eigen::Index n = diag.size();
  if (off.size() != std::max<Eigen::Index>(n - 1, 0) || rhs.rows() != n)
    return Status::invalidInput("tridiagonal solve: inconsistent sizes");
  if (n == 0) return Status::success();
  const double scale = diag.cwiseAbs().maxCoeff();
  Eigen::VectorXd d(n), l(n);
  d[0] = diag[0];
  l[0] = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (i > 0) {
      l[i] = off[i - 1] / d[i - 1];
      d[i] = diag[i] - l[i] * off[i - 1];
      rhs.row(i) -= l[i] * rhs.row(i - 1);
    }
    // Relative to the largest diagonal entry: below this the pivot is rounding noise.
    if (!(d[i] > 1e-14 * scale))
      return Status::numerical("least squares: pivot " + std::to_string(i) +
                               " is not positive (a node without samples and ridge = 0?)");
  }
  rhs.row(n - 1) /= d[n - 1];
  for (Eigen::Index i = n - 2; i >= 0; --i) rhs.row(i) = rhs.row(i) / d[i] - l[i + 1] * rhs.row(i + 1);
  if (!rhs.allFinite()) return Status::numerical("least squares: the solution is not finite");
  return Status::success();
}

LeastSquares1DResult leastSquares1D(const Mesh1D& mesh, const Eigen::VectorXd& x,
                                    const std::vector<int>& element, const Eigen::MatrixXd& y,
                                    double ridge) {
  LeastSquares1DResult r;
  const int n = mesh.size();
  if (x.size() != y.rows() || static_cast<Eigen::Index>(element.size()) != x.size()) {
    r.status = Status::invalidInput("least squares: x, y and element sizes differ");
    return r;
  }
  if (!(ridge >= 0)) {
    r.status = Status::invalidInput("least squares: ridge must be >= 0");
    return r;
  }
  Eigen::VectorXd diag = Eigen::VectorXd::Zero(n), off = Eigen::VectorXd::Zero(n - 1);
  r.coeffs = Eigen::MatrixXd::Zero(n, y.cols());
  for (Eigen::Index j = 0; j < x.size(); ++j) {
    const int e = element[static_cast<size_t>(j)];
    const double t = mesh.lambda(e, x[j]), a = 1.0 - t;
    diag[e] += a * a;
    diag[e + 1] += t * t;
    off[e] += a * t;
    r.coeffs.row(e) += a * y.row(j);
    r.coeffs.row(e + 1) += t * y.row(j);
  }
  if (ridge > 0) {
    Eigen::VectorXd kdiag = Eigen::VectorXd::Zero(n), koff(n - 1);
    for (int e = 0; e < n - 1; ++e) {
      const double k = 1.0 / mesh.width(e);
      kdiag[e] += k;
      kdiag[e + 1] += k;
      koff[e] = -k;
    }
    const double data_scale = diag.sum() > 0 ? diag.mean() : 1.0;
    const double lambda = ridge * data_scale / kdiag.mean();
    diag += lambda * kdiag;
    off += lambda * koff;
  }
  r.status = solveTridiagonalSpd(diag, off, r.coeffs);
  return r;
}

LeastSquares1DResult leastSquares1D(const Mesh1D& mesh, const Eigen::VectorXd& x,
                                    const Eigen::MatrixXd& y, double ridge) {
  std::vector<int> element(static_cast<size_t>(x.size()));
  for (Eigen::Index j = 0; j < x.size(); ++j) element[static_cast<size_t>(j)] = mesh.locate(x[j]);
  return leastSquares1D(mesh, x, element, y, ridge);
}

}  // namespace lreg
