#pragma once
// The P1 Lagrange basis {psi_0, ..., psi_{n-1}} on a given triangulation, in the batched form of
// eq. (A1) of the LReg paper (appendix A.2): for every triangle j the Parameters Tensor
// S_j = [p^(T_j0) 1; p^(T_j1) 1; p^(T_j2) 1]^{-1} (3 x 3), U_j(x) = [x 1] S_j (the barycentric
// coordinates of x in triangle j), and
//
//   psi_i(x) = sum_{j,k} 1[min_t U_jt(x) >= 0] M_ijk U_jk(x) / max(sum_{j,k} 1[...] M_ijk, 1)
//
// with the node membership M_ijk = 1 iff node i is vertex k of triangle j. It needs no point
// location (the paper designed it for parallel hardware), so it doubles as the reference the
// CGAL mesh's barycentric evaluation is tested against, and lets the studio draw psi_i from a
// snapshot (P, T) without a triangulation object. CGAL-free.
#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <vector>

namespace lreg {

class P1Basis {
 public:
  // P: #V by 2 vertex coordinates, T: #T by 3 vertex indices (any orientation).
  // Throws InputError for an index out of range or a triangle of zero area.
  P1Basis(Eigen::MatrixX2d P, Eigen::MatrixX3i T);

  int nodes() const { return static_cast<int>(P_.rows()); }
  int triangles() const { return static_cast<int>(T_.rows()); }
  const Eigen::MatrixX2d& P() const { return P_; }
  const Eigen::MatrixX3i& T() const { return T_; }

  // S: #T 3 x 3 matrices; row r of S_j holds the coefficients of x_r (r = 0, 1) and of the
  // constant (r = 2) in U_j0, U_j1, U_j2.
  const std::vector<Eigen::Matrix3d>& S() const { return S_; }
  // M as a sparse (3 #T) by #V matrix: entry (3 j + k, T_jk) = 1.
  const Eigen::SparseMatrix<double>& membership() const { return M_; }
  // Triangles incident to node i: the support of psi_i.
  const std::vector<int>& support(int i) const { return support_[static_cast<size_t>(i)]; }

  // U: #x by 3 #T, column 3 j + k = U_jk(x).
  Eigen::MatrixXd U(const Eigen::MatrixX2d& x) const;
  // Eq. (A1) for all nodes at once: #x by #V (dense; O(#x #T), meant for checks and small views).
  Eigen::MatrixXd evaluate(const Eigen::MatrixX2d& x) const;
  // Eq. (A1) for node i only, through its support triangles: #x.
  Eigen::VectorXd evaluate(int i, const Eigen::MatrixX2d& x) const;

  // Points on an edge or a vertex count as inside each triangle they touch; this tolerance
  // (relative to barycentric coordinates) absorbs the rounding of U there.
  static constexpr double kInsideTolerance = 1e-12;

 private:
  Eigen::MatrixX2d P_;
  Eigen::MatrixX3i T_;
  std::vector<Eigen::Matrix3d> S_;
  Eigen::SparseMatrix<double> M_;
  std::vector<std::vector<int>> support_;
};

}  // namespace lreg
