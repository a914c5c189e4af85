#include "lreg/train/least_squares_1d.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace lreg {

Status solveBandedSpd(const Eigen::MatrixXd& bands, Eigen::MatrixXd& rhs) {
  const Eigen::Index n = bands.rows(), b = bands.cols() - 1;
  if (b < 0 || rhs.rows() != n) return Status::invalidInput("banded solve: inconsistent sizes");
  if (n == 0) return Status::success();
  // L(i, i - d) for d = 1..b in l(i, d); the diagonal D in dd.
  Eigen::MatrixXd l = Eigen::MatrixXd::Zero(n, b + 1);
  Eigen::VectorXd dd(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = std::max<Eigen::Index>(0, i - b); j < i; ++j) {
      double v = bands(j, i - j);  // M(j, i) = M(i, j)
      for (Eigen::Index k = std::max<Eigen::Index>(0, i - b); k < j; ++k)
        v -= l(i, i - k) * dd[k] * l(j, j - k);
      l(i, i - j) = v / dd[j];
    }
    double d = bands(i, 0);
    for (Eigen::Index k = std::max<Eigen::Index>(0, i - b); k < i; ++k)
      d -= l(i, i - k) * l(i, i - k) * dd[k];
    // Relative to the row's own diagonal: below this the pivot is rounding noise (a singular
    // system). Rows held only by the small penalty have small but exact pivots.
    if (!(d > 1e-13 * bands(i, 0)))
      return Status::numerical("least squares: pivot " + std::to_string(i) +
                               " is not positive (a node without samples and ridge = 0?)");
    dd[i] = d;
  }
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index k = std::max<Eigen::Index>(0, i - b); k < i; ++k)
      rhs.row(i) -= l(i, i - k) * rhs.row(k);
  for (Eigen::Index i = 0; i < n; ++i) rhs.row(i) /= dd[i];
  for (Eigen::Index i = n - 1; i >= 0; --i)
    for (Eigen::Index k = i + 1; k <= std::min(n - 1, i + b); ++k)
      rhs.row(i) -= l(k, k - i) * rhs.row(k);
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
  Eigen::MatrixXd bands = Eigen::MatrixXd::Zero(n, 3);
  r.coeffs = Eigen::MatrixXd::Zero(n, y.cols());
  for (Eigen::Index j = 0; j < x.size(); ++j) {
    const int e = element[static_cast<size_t>(j)];
    const double t = mesh.lambda(e, x[j]), a = 1.0 - t;
    bands(e, 0) += a * a;
    bands(e + 1, 0) += t * t;
    bands(e, 1) += a * t;
    r.coeffs.row(e) += a * y.row(j);
    r.coeffs.row(e + 1) += t * y.row(j);
  }
  if (ridge > 0 && n > 2) {
    Eigen::MatrixXd pen = Eigen::MatrixXd::Zero(n, 3);
    for (int i = 1; i + 1 < n; ++i) {
      const double h0 = mesh.width(i - 1), h1 = mesh.width(i), w = 0.25 * (h0 + h1) * (h0 + h1);
      const double g[3] = {1.0 / h0, -(1.0 / h0 + 1.0 / h1), 1.0 / h1};  // J_i on C_{i-1..i+1}
      for (int u = 0; u < 3; ++u)
        for (int v = u; v < 3; ++v) pen(i - 1 + u, v - u) += w * g[u] * g[v];
    }
    const double data_scale = bands.col(0).sum() > 0 ? bands.col(0).mean() : 1.0;
    bands += (ridge * data_scale / pen.col(0).mean()) * pen;
  }
  r.status = solveBandedSpd(bands, r.coeffs);
  return r;
}

LeastSquares1DResult leastSquares1D(const Mesh1D& mesh, const Eigen::VectorXd& x,
                                    const Eigen::MatrixXd& y, double ridge) {
  std::vector<int> element(static_cast<size_t>(x.size()));
  for (Eigen::Index j = 0; j < x.size(); ++j) element[static_cast<size_t>(j)] = mesh.locate(x[j]);
  return leastSquares1D(mesh, x, element, y, ridge);
}

}  // namespace lreg
