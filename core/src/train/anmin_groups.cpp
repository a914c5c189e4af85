// Grouping the training rows by firing pattern (see FiringGroups in lreg/train/anmin.h): the
// firing bits, the groups, their scatter matrices and factor rows, redone at every iteration.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "lreg/common/status.h"
#include "lreg/linalg/cpu_dispatch.h"
#include "lreg/linalg/parallel.h"
#include "lreg/train/anmin.h"

namespace lreg {

namespace {

std::uint64_t mix(std::uint64_t x) {  // splitmix64 finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

FiringGroups groupByFiringPattern(const Eigen::MatrixXd& xt, const Eigen::MatrixXd& A, double alpha,
                                  bool compress, int threads) {
  const Eigen::Index N = xt.rows(), h = A.cols(), dp1 = xt.cols();
  if (A.rows() != dp1)
    throw InputError("anmin: A has " + std::to_string(A.rows()) +
                     " rows, expected d+1 = " + std::to_string(dp1));
  FiringGroups g;
  g.samples = N;
  g.words = (h + 63) / 64;
  const Eigen::Index W = g.words;

  // Firing bits of each row (a fused, dispatched kernel: no N x h matrix is formed), the rows
  // split between the threads.
  g.pattern.assign(static_cast<size_t>(N * W), 0);
  const Eigen::MatrixXd At = A.transpose();
  const int T =
      static_cast<int>(std::clamp<Eigen::Index>(N / 4096, 1, linalg::resolveThreads(threads)));
  linalg::forkJoin(T, [&](int t) {
    std::vector<double> scratch(static_cast<size_t>(h));
    linalg::firingBits(xt, At, N * t / T, N * (t + 1) / T, g.pattern.data(), W, scratch.data());
  });
  auto firing = [&](Eigen::Index i, Eigen::Index j) {
    return (g.pattern[static_cast<size_t>(i * W + (j >> 6))] >> (j & 63)) & 1U;
  };

  // Group id per row: open addressing on the pattern words.
  std::vector<Eigen::Index> rep;  // one row of each group
  g.row_group.resize(static_cast<size_t>(N));
  if (compress) {
    size_t cap = 16;
    while (cap < static_cast<size_t>(2 * N)) cap <<= 1;
    std::vector<int> table(cap, -1);
    for (Eigen::Index i = 0; i < N; ++i) {
      const std::uint64_t* b = g.pattern.data() + i * W;
      std::uint64_t hv = 0x243f6a8885a308d3ULL;
      for (Eigen::Index w = 0; w < W; ++w) hv = mix(hv ^ b[w]);
      size_t slot = hv & (cap - 1);
      auto same = [&](int k) {  // a loop, not std::equal: its memcmp call costs more for W = 1
        const std::uint64_t* r = g.pattern.data() + rep[static_cast<size_t>(k)] * W;
        for (Eigen::Index w = 0; w < W; ++w)
          if (r[w] != b[w]) return false;
        return true;
      };
      while (table[slot] >= 0 && !same(table[slot])) slot = (slot + 1) & (cap - 1);
      if (table[slot] < 0) {
        table[slot] = static_cast<int>(rep.size());
        rep.push_back(i);
      }
      g.row_group[static_cast<size_t>(i)] = table[slot];
    }
  } else {
    rep.resize(static_cast<size_t>(N));
    for (Eigen::Index i = 0; i < N; ++i) {
      rep[static_cast<size_t>(i)] = i;
      g.row_group[static_cast<size_t>(i)] = static_cast<int>(i);
    }
  }
  const Eigen::Index K = static_cast<Eigen::Index>(rep.size());
  g.alpha = alpha;
  g.gate.resize(h, K);
  for (Eigen::Index k = 0; k < K; ++k)
    for (Eigen::Index j = 0; j < h; ++j)
      g.gate(j, k) = firing(rep[static_cast<size_t>(k)], j) ? 1.0 : alpha;

  // The lower triangles of the groups' scatter matrices, in one pass over the rows in order (a
  // pass over each group's members would miss the cache on every row, and a GEMM call per small
  // group costs more than its flops).
  const Eigen::Index P = dp1 * (dp1 + 1) / 2;
  g.scatter = Eigen::MatrixXd::Zero((P + 7) / 8 * 8, K);
  for (Eigen::Index i = 0; i < N; ++i) {
    double* s = g.scatter.col(g.row_group[static_cast<size_t>(i)]).data();
    for (Eigen::Index q = 0; q < dp1; ++q) {
      const double xq = xt(i, q);
      for (Eigen::Index p = q; p < dp1; ++p) *s++ += xt(i, p) * xq;
    }
  }
  if (!compress) {
    g.factor = xt;
    g.factor_group = g.row_group;
    return g;
  }

  // Members of each group, contiguous (counting sort).
  std::vector<Eigen::Index> start(static_cast<size_t>(K + 1), 0), members(static_cast<size_t>(N));
  for (int k : g.row_group) ++start[static_cast<size_t>(k) + 1];
  for (Eigen::Index k = 0; k < K; ++k)
    start[static_cast<size_t>(k + 1)] += start[static_cast<size_t>(k)];
  {
    std::vector<Eigen::Index> next(start.begin(), start.end() - 1);
    for (Eigen::Index i = 0; i < N; ++i)
      members[static_cast<size_t>(
          next[static_cast<size_t>(g.row_group[static_cast<size_t>(i)])]++)] = i;
  }

  // Factor rows: a group of at most d+1 rows keeps its rows; a larger one is replaced by the
  // rows f_q of a Cholesky factorisation with diagonal pivoting of its (d+1) x (d+1) scatter
  // matrix, sum_q f_q^T f_q = S (rank <= d+1; it stops where the rest of the diagonal is below
  // 1e-15 of the largest). No iteration and no allocation, unlike an eigen-decomposition: this
  // runs for every group of every iteration.
  g.factor.resize(N, dp1);
  g.factor_group.reserve(static_cast<size_t>(N));
  Eigen::Index R = 0;
  Eigen::MatrixXd S(dp1, dp1);
  std::vector<char> done(static_cast<size_t>(dp1));
  for (Eigen::Index k = 0; k < K; ++k) {
    const Eigen::Index b = start[static_cast<size_t>(k)], e = start[static_cast<size_t>(k + 1)];
    const Eigen::Index nk = e - b;
    if (nk <= dp1) {
      for (Eigen::Index m = b; m < e; ++m) {
        g.factor.row(R++) = xt.row(members[static_cast<size_t>(m)]);
        g.factor_group.push_back(static_cast<int>(k));
      }
      continue;
    }
    for (Eigen::Index q = 0, idx = 0; q < dp1; ++q)
      for (Eigen::Index p = q; p < dp1; ++p) S(p, q) = S(q, p) = g.scatter(idx++, k);
    const double keep = 1e-15 * S.diagonal().maxCoeff();
    std::fill(done.begin(), done.end(), 0);
    for (Eigen::Index step = 0; step < dp1; ++step) {
      Eigen::Index piv = -1;
      for (Eigen::Index p = 0; p < dp1; ++p)
        if (!done[static_cast<size_t>(p)] && (piv < 0 || S(p, p) > S(piv, piv))) piv = p;
      if (!(S(piv, piv) > keep)) break;  // also ends a NaN scatter: no rows, as before
      done[static_cast<size_t>(piv)] = 1;
      auto f = g.factor.row(R++);
      const double r = 1.0 / std::sqrt(S(piv, piv));
      for (Eigen::Index p = 0; p < dp1; ++p)
        f[p] = done[static_cast<size_t>(p)] && p != piv ? 0.0 : S(p, piv) * r;
      g.factor_group.push_back(static_cast<int>(k));
      for (Eigen::Index q = 0; q < dp1; ++q)
        for (Eigen::Index p = 0; p < dp1; ++p) S(p, q) -= f[p] * f[q];
    }
  }
  g.factor.conservativeResize(R, dp1);
  return g;
}

std::int64_t countFlips(const FiringGroups& a, const FiringGroups& b) {
  if (a.pattern.size() != b.pattern.size())
    throw InputError("anmin: flips between patterns of different sizes");
  std::int64_t flips = 0;
  for (size_t w = 0; w < a.pattern.size(); ++w) flips += std::popcount(a.pattern[w] ^ b.pattern[w]);
  return flips;
}

}  // namespace lreg
