// The two Gram matrices of ANMIN (eqs. 4 and 7), the hot loops of every iteration.
#include <algorithm>
#include <string>
#include <vector>

#include "lreg/common/status.h"
#include "lreg/linalg/blas.h"
#include "lreg/linalg/cpu_dispatch.h"
#include "lreg/linalg/parallel.h"
#include "lreg/train/anmin.h"

namespace lreg {

// Block (j, l) of M is b_j b_l U_jl / N with U_jl = sum_r g_rj g_rl l_r l_r^T: a symmetric
// (d+1) x (d+1) matrix, so only its P = (d+1)(d+2)/2 products q_r = (l_rp l_rq)_{p>=q} are
// needed, and only for l >= j. For unit j, U_j = (U_jl)_{l>=j} = sum over the rows where g_rj != 0
// of g_r(j..h-1) (g_rj q_r)^T: one GEMM of (h-j) x P over those rows. With ReLU gates (alpha = 0)
// unit j fires on about half of the rows, so the work is ~ R h^2 P / 2 multiply-adds against the
// dense SYRK's R n^2 / 2 (n = (d+1)h): 2(d+1)^2 / ((d+1)(d+2) / 2) / 2 ~ 4x fewer for d = 13.
Eigen::MatrixXd accumulateHiddenGram(const FiringGroups& g, const Eigen::MatrixXd& B, int batch,
                                     int threads) {
  const Eigen::Index R = g.rows(), dp1 = g.factor.cols(), h = g.gate.rows(), n = dp1 * h;
  const Eigen::Index P = dp1 * (dp1 + 1) / 2;
  if (B.rows() != h)
    throw InputError("anmin: B has " + std::to_string(B.rows()) +
                     " rows, expected h = " + std::to_string(h));
  const Eigen::Index nb_max = std::max<Eigen::Index>(1, std::min<Eigen::Index>(batch, R));
  const int T = static_cast<int>(std::min<Eigen::Index>(linalg::resolveThreads(threads), h));
  std::vector<Eigen::MatrixXd> U(static_cast<size_t>(h));
  for (Eigen::Index j = 0; j < h; ++j) U[static_cast<size_t>(j)].setZero(h - j, P);
  Eigen::MatrixXd Lt(dp1, nb_max), Q(P, nb_max), Gt(h, nb_max);
  std::vector<Eigen::MatrixXd> Gj(static_cast<size_t>(T)), Qj(static_cast<size_t>(T));
  for (int t = 0; t < T; ++t) {
    Gj[static_cast<size_t>(t)].resize(h, nb_max);
    Qj[static_cast<size_t>(t)].resize(P, nb_max);
  }
  for (Eigen::Index r0 = 0; r0 < R; r0 += nb_max) {
    const Eigen::Index nb = std::min(nb_max, R - r0);
    // Rows split between the threads: gates and pair products of the block.
    linalg::forkJoin(T, [&](int t) {
      const Eigen::Index b = nb * t / T, e = nb * (t + 1) / T;
      if (e == b) return;
      Lt.middleCols(b, e - b) = g.factor.middleRows(r0 + b, e - b).transpose();
      for (Eigen::Index r = b; r < e; ++r)
        Gt.col(r) = g.gate.col(g.factor_group[static_cast<size_t>(r0 + r)]);
      linalg::pairProducts(Lt.middleCols(b, e - b), Q.middleCols(b, e - b));
    });
    // Units dealt round-robin (unit j costs ~ h - j, so the shares are even); each U_j has one
    // writer.
    linalg::forkJoin(T, [&](int t) {
      double* gj = Gj[static_cast<size_t>(t)].data();
      double* qj = Qj[static_cast<size_t>(t)].data();
      for (Eigen::Index j = t; j < h; j += T) {
        const Eigen::Index m = linalg::gatherUnit(Gt.leftCols(nb), Q.leftCols(nb), j, gj, qj);
        if (m == 0) continue;
        const Eigen::Map<const Eigen::MatrixXd> Gm(gj, h - j, m), Qm(qj, P, m);
        linalg::gemmNT(U[static_cast<size_t>(j)], Gm, Qm);
      }
    });
  }
  // M_jl = (B B^T)_jl U_jl / N, both triangles.
  const Eigen::MatrixXd BBt = B * B.transpose() / static_cast<double>(g.samples);
  Eigen::MatrixXd M(n, n);
  for (Eigen::Index j = 0; j < h; ++j) {
    const Eigen::MatrixXd& Uj = U[static_cast<size_t>(j)];
    for (Eigen::Index l = j; l < h; ++l) {
      const double s = BBt(l, j);
      const double* u = Uj.data() + (l - j);  // row l - j of Uj, stride h - j
      const Eigen::Index ld = h - j;
      Eigen::Index idx = 0;
      for (Eigen::Index q = 0; q < dp1; ++q)
        for (Eigen::Index p = q; p < dp1; ++p, ++idx) {
          const double v = s * u[idx * ld];
          M(l * dp1 + p, j * dp1 + q) = v;
          M(l * dp1 + q, j * dp1 + p) = v;
          M(j * dp1 + q, l * dp1 + p) = v;
          M(j * dp1 + p, l * dp1 + q) = v;
        }
    }
  }
  return M;
}

Eigen::MatrixXd accumulateOutputGram(const FiringGroups& g, const Eigen::MatrixXd& A, int batch) {
  const Eigen::Index R = g.rows(), h = g.gate.rows();
  const Eigen::Index nb_max = std::max<Eigen::Index>(1, std::min<Eigen::Index>(batch, R));
  Eigen::MatrixXd Gs = Eigen::MatrixXd::Zero(h + 1, h + 1);
  Eigen::MatrixXd St(h + 1, nb_max), T(h, nb_max);
  for (Eigen::Index r0 = 0; r0 < R; r0 += nb_max) {
    const Eigen::Index nb = std::min(nb_max, R - r0);
    linalg::gemmNT(T.leftCols(nb), A.transpose(), g.factor.middleRows(r0, nb), 1.0, 0.0);  // h x nb
    for (Eigen::Index r = 0; r < nb; ++r) {
      const auto gate = g.gate.col(g.factor_group[static_cast<size_t>(r0 + r)]);
      St.col(r).head(h) = gate.cwiseProduct(T.col(r));
      St(h, r) = g.factor(r0 + r, 0);  // the constant column of S is x~_0 = 1, linear too
    }
    linalg::rankUpdateLower(Gs, St.leftCols(nb));
  }
  Gs.triangularView<Eigen::StrictlyUpper>() = Gs.transpose();
  return Gs / static_cast<double>(g.samples);
}

}  // namespace lreg
