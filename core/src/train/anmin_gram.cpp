// The two Gram matrices of ANMIN (eqs. 4 and 7), the hot loops of every iteration.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "lreg/common/status.h"
#include "lreg/linalg/blas.h"
#include "lreg/linalg/cpu_dispatch.h"
#include "lreg/linalg/parallel.h"
#include "lreg/train/anmin.h"

namespace lreg {

// Block (j, l) of M is b_j b_l U_jl / N with U_jl = sum_k g_kj g_kl S_k over the K firing
// patterns: a symmetric (d+1) x (d+1) matrix, so only the P = (d+1)(d+2)/2 entries of the
// scatter columns are summed, and only for l >= j. The gates take two values, 1 (firing) and
// alpha, so with F_jl = the sum of S_k over the patterns where both j and l fire (F_jj: where j
// fires) and T = sum_k S_k,
//   U_jl = (1 - alpha)^2 F_jl + alpha (1 - alpha) (F_jj + F_ll) + alpha^2 T,
// all coefficients >= 0 for 0 <= alpha <= 1 (no cancellation). With ReLU gates a pair fires
// together in about a quarter of the patterns: h(h+1)/2 K P / 4 adds, against the dense SYRK's
// R n^2 multiply-adds (n = (d+1)h): ~8x fewer operations for d = 13 even where K = R, and no
// packing. The patterns' firing bits, one word per 64 patterns and unit, pick the columns.
Eigen::MatrixXd accumulateHiddenGram(const FiringGroups& g, const Eigen::MatrixXd& B, int threads) {
  const Eigen::Index dp1 = g.factor.cols(), h = g.gate.rows(), n = dp1 * h, K = g.groups();
  const Eigen::Index P = dp1 * (dp1 + 1) / 2, P8 = g.scatter.rows();
  if (B.rows() != h)
    throw InputError("anmin: B has " + std::to_string(B.rows()) +
                     " rows, expected h = " + std::to_string(h));
  if (P8 != (P + 7) / 8 * 8 || g.scatter.cols() != K)
    throw InputError("anmin: the groups' scatter matrix is " + std::to_string(P8) + " x " +
                     std::to_string(g.scatter.cols()) + ", expected " +
                     std::to_string((P + 7) / 8 * 8) + " x " + std::to_string(K));
  const Eigen::Index words = (K + 63) / 64;
  std::vector<std::uint64_t> fire(static_cast<size_t>(h * words), 0);
  for (Eigen::Index k = 0; k < K; ++k)
    for (Eigen::Index j = 0; j < h; ++j)
      if (g.gate(j, k) == 1.0) fire[static_cast<size_t>(j * words + k / 64)] |= 1ULL << (k % 64);
  const Eigen::Index npairs = h * (h + 1) / 2;
  std::vector<std::int32_t> pairs;
  pairs.reserve(static_cast<size_t>(2 * npairs));
  for (Eigen::Index j = 0; j < h; ++j)
    for (Eigen::Index l = j; l < h; ++l) {
      pairs.push_back(static_cast<std::int32_t>(j));
      pairs.push_back(static_cast<std::int32_t>(l));
    }
  // F: one column per pair, each written by one thread (the pairs split between them, so the
  // sums do not depend on the thread count).
  Eigen::MatrixXd F = Eigen::MatrixXd::Zero(P8, npairs);
  const int T = static_cast<int>(std::min<Eigen::Index>(linalg::resolveThreads(threads), npairs));
  linalg::forkJoin(T, [&](int t) {
    const Eigen::Index q0 = npairs * t / T, q1 = npairs * (t + 1) / T;
    linalg::pairPatternSums(g.scatter.data(), P8, P8, fire.data(), words, words,
                            pairs.data() + 2 * q0, q1 - q0, F.col(q0).data(), P8);
  });
  const double alpha = g.alpha;
  Eigen::VectorXd total, leaky(P8);
  if (alpha != 0.0) total = g.scatter.rowwise().sum();
  const auto diag = [h](Eigen::Index j) { return j * h - j * (j - 1) / 2; };  // the pair (j, j)

  // M_jl = (B B^T)_jl U_jl / N, both triangles: block (j, l) is the transpose of block (l, j),
  // and U_jl is symmetric.
  const Eigen::MatrixXd BBt = B * B.transpose() / static_cast<double>(g.samples);
  Eigen::MatrixXd M(n, n), Ub(dp1, dp1);
  for (Eigen::Index q = 0; q < npairs; ++q) {
    const Eigen::Index j = pairs[static_cast<size_t>(2 * q)],
                       l = pairs[static_cast<size_t>(2 * q + 1)];
    const double* u = F.col(q).data();
    if (alpha != 0.0) {
      leaky = (1 - alpha) * (1 - alpha) * F.col(q) +
              alpha * (1 - alpha) * (F.col(diag(j)) + F.col(diag(l))) + alpha * alpha * total;
      u = leaky.data();
    }
    const double s = BBt(l, j);
    for (Eigen::Index c = 0, idx = 0; c < dp1; ++c)
      for (Eigen::Index p = c; p < dp1; ++p, ++idx) Ub(p, c) = Ub(c, p) = s * u[idx];
    M.block(l * dp1, j * dp1, dp1, dp1) = Ub;
    if (l != j) M.block(j * dp1, l * dp1, dp1, dp1) = Ub;
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
