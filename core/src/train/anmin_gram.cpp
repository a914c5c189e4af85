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
// needed, and only for l >= j. The factor rows of one firing pattern k share their gates, so
// their products are summed first, s_k = sum_{r in k} q_r, and U_jl = sum_k g_kj g_kl s_k runs
// over the K patterns instead of the R >= K rows (SDF: ~1.1k patterns, ~2.9k rows). For unit j,
// U_j = (U_jl)_{l>=j} = sum over the patterns where g_kj != 0 of g_k(j..h-1) (g_kj s_k)^T: one
// GEMM of (h-j) x P. With ReLU gates (alpha = 0) unit j fires in about half of them, so the work
// is ~ K h^2 P / 2 multiply-adds against the dense SYRK's R n^2 / 2 (n = (d+1)h):
// 2(d+1)^2 / ((d+1)(d+2) / 2) / 2 ~ 4x fewer for d = 13 even where K = R.
Eigen::MatrixXd accumulateHiddenGram(const FiringGroups& g, const Eigen::MatrixXd& B, int batch,
                                     int threads) {
  const Eigen::Index R = g.rows(), dp1 = g.factor.cols(), h = g.gate.rows(), n = dp1 * h,
                     K = g.groups();
  const Eigen::Index P = dp1 * (dp1 + 1) / 2;
  if (B.rows() != h)
    throw InputError("anmin: B has " + std::to_string(B.rows()) +
                     " rows, expected h = " + std::to_string(h));
  // First factor row of each pattern (the rows are ordered by pattern).
  std::vector<Eigen::Index> first(static_cast<size_t>(K + 1), R);
  for (Eigen::Index r = R - 1; r >= 0; --r) {
    const int k = g.factor_group[static_cast<size_t>(r)];
    if (r + 1 < R && k > g.factor_group[static_cast<size_t>(r + 1)])
      throw InputError("anmin: the factor rows are not ordered by firing pattern");
    first[static_cast<size_t>(k)] = r;
  }
  for (Eigen::Index k = K - 1; k >= 0; --k)  // a pattern without rows starts where the next does
    first[static_cast<size_t>(k)] =
        std::min(first[static_cast<size_t>(k)], first[static_cast<size_t>(k + 1)]);
  const Eigen::Index nb_max = std::max<Eigen::Index>(1, std::min<Eigen::Index>(batch, K));
  const int T = static_cast<int>(std::min<Eigen::Index>(linalg::resolveThreads(threads), h));
  std::vector<Eigen::MatrixXd> U(static_cast<size_t>(h));
  for (Eigen::Index j = 0; j < h; ++j) U[static_cast<size_t>(j)].setZero(h - j, P);
  Eigen::MatrixXd S(P, nb_max);
  std::vector<Eigen::MatrixXd> Gj(static_cast<size_t>(T)), Qj(static_cast<size_t>(T)),
      Lt(static_cast<size_t>(T)), Qr(static_cast<size_t>(T));
  for (int t = 0; t < T; ++t) {
    Gj[static_cast<size_t>(t)].resize(h, nb_max);
    Qj[static_cast<size_t>(t)].resize(P, nb_max);
  }
  for (Eigen::Index k0 = 0; k0 < K; k0 += nb_max) {
    const Eigen::Index nb = std::min(nb_max, K - k0);
    // Patterns split between the threads: products of their rows, summed per pattern in row
    // order (the same sums for every thread count).
    linalg::forkJoin(T, [&](int t) {
      const Eigen::Index b = k0 + nb * t / T, e = k0 + nb * (t + 1) / T;
      if (e == b) return;
      const Eigen::Index rb = first[static_cast<size_t>(b)], re = first[static_cast<size_t>(e)];
      Eigen::MatrixXd& lt = Lt[static_cast<size_t>(t)];
      Eigen::MatrixXd& qr = Qr[static_cast<size_t>(t)];
      lt = g.factor.middleRows(rb, re - rb).transpose();
      qr.resize(P, re - rb);
      linalg::pairProducts(lt, qr);
      for (Eigen::Index k = b; k < e; ++k) {
        auto s = S.col(k - k0);
        s.setZero();
        for (Eigen::Index r = first[static_cast<size_t>(k)]; r < first[static_cast<size_t>(k + 1)];
             ++r)
          s += qr.col(r - rb);
      }
    });
    // Units dealt round-robin (unit j costs ~ h - j, so the shares are even); each U_j has one
    // writer.
    linalg::forkJoin(T, [&](int t) {
      double* gj = Gj[static_cast<size_t>(t)].data();
      double* qj = Qj[static_cast<size_t>(t)].data();
      for (Eigen::Index j = t; j < h; j += T) {
        const Eigen::Index m =
            linalg::gatherUnit(g.gate.middleCols(k0, nb), S.leftCols(nb), j, gj, qj);
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
