#include "lreg/mesh/p1_basis.h"

#include <array>
#include <string>

#include "lreg/common/status.h"
#include "lreg/mesh/barycentric.h"

namespace lreg {

P1Basis::P1Basis(Eigen::MatrixX2d P, Eigen::MatrixX3i T) : P_(std::move(P)), T_(std::move(T)) {
  const Eigen::Index n = P_.rows();
  support_.resize(static_cast<size_t>(n));
  S_.reserve(static_cast<size_t>(T_.rows()));
  std::vector<Eigen::Triplet<double>> m;
  m.reserve(static_cast<size_t>(3 * T_.rows()));
  for (Eigen::Index j = 0; j < T_.rows(); ++j) {
    std::array<Eigen::Vector2d, 3> v;
    for (int k = 0; k < 3; ++k) {
      const int i = T_(j, k);
      if (i < 0 || i >= n)
        throw InputError("P1Basis: triangle " + std::to_string(j) + " names vertex " +
                         std::to_string(i) + " of " + std::to_string(n));
      v[static_cast<size_t>(k)] = P_.row(i).transpose();
      m.emplace_back(static_cast<int>(3 * j + k), i, 1.0);
      support_[static_cast<size_t>(i)].push_back(static_cast<int>(j));
    }
    const auto b = Barycentric::of(v[0], v[1], v[2]);
    if (!b) throw InputError("P1Basis: triangle " + std::to_string(j) + " has zero area");
    // U_j(x) = [x 1] S_j: column k of S_j is the barycentric coordinate of vertex k.
    S_.push_back(b->matrix());
  }
  M_.resize(static_cast<Eigen::Index>(3 * T_.rows()), n);
  M_.setFromTriplets(m.begin(), m.end());
}

Eigen::MatrixXd P1Basis::U(const Eigen::MatrixX2d& x) const {
  Eigen::MatrixXd xh(x.rows(), 3);
  xh << x, Eigen::VectorXd::Ones(x.rows());
  Eigen::MatrixXd u(x.rows(), 3 * T_.rows());
  for (size_t j = 0; j < S_.size(); ++j)
    u.middleCols(static_cast<Eigen::Index>(3 * j), 3).noalias() = xh * S_[j];
  return u;
}

Eigen::MatrixXd P1Basis::evaluate(const Eigen::MatrixX2d& x) const {
  // Batched eq. (A1): mask the U of the triangles containing x, then scatter through M.
  Eigen::MatrixXd u = U(x);
  Eigen::MatrixXd inside = Eigen::MatrixXd::Zero(x.rows(), u.cols());
  for (Eigen::Index j = 0; j < T_.rows(); ++j) {
    auto uj = u.middleCols(3 * j, 3);
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
      if (uj.row(r).minCoeff() >= -kInsideTolerance) {
        inside.block(r, 3 * j, 1, 3).setOnes();
      } else {
        uj.row(r).setZero();
      }
    }
  }
  const Eigen::MatrixXd numerator = u * M_;
  const Eigen::MatrixXd count = inside * M_;
  return numerator.cwiseQuotient(count.cwiseMax(1.0));
}

Eigen::VectorXd P1Basis::evaluate(int i, const Eigen::MatrixX2d& x) const {
  if (i < 0 || i >= nodes()) throw InputError("P1Basis: no node " + std::to_string(i));
  Eigen::VectorXd num = Eigen::VectorXd::Zero(x.rows()), count = Eigen::VectorXd::Zero(x.rows());
  for (int j : support(i)) {
    int k = 0;
    while (T_(j, k) != i) ++k;
    const Eigen::Matrix3d& s = S_[static_cast<size_t>(j)];
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
      const Eigen::RowVector3d u = Eigen::RowVector3d(x(r, 0), x(r, 1), 1.0) * s;
      if (u.minCoeff() >= -kInsideTolerance) {
        num[r] += u[k];
        count[r] += 1;
      }
    }
  }
  return num.cwiseQuotient(count.cwiseMax(1.0));
}

}  // namespace lreg
