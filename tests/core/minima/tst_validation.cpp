// The checks that do not trust the enumeration (lreg/minima/validation.h).
#include <gtest/gtest.h>

#include <random>

#include "lreg/minima/tiny_sets.h"
#include "lreg/minima/validation.h"

using namespace lreg::minima;

namespace {
void randomSet(int n, std::uint64_t seed, Eigen::VectorXd& x, Eigen::VectorXd& y) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-2, 2);
  x.resize(n);
  y.resize(n);
  for (int i = 0; i < n; ++i) x(i) = u(rng), y(i) = u(rng);
}
}  // namespace

TEST(MinimaValidation, GridNeverBeatsTheEnumeratedGlobalMinimum) {
  for (std::uint64_t seed : {2u, 7u}) {
    Eigen::VectorXd x, y;
    randomSet(10, seed, x, y);
    for (int h : {1, 2}) {
      const MinimaReport r = enumerateMinima(x, y, {h, 0.01});
      const GridCheck g = gridSearch(x, y, 0.01, r, h, h == 1 ? 401 : 25);
      EXPECT_TRUE(g.passed) << "seed " << seed << " h " << h << " gap " << g.relative_gap;
      // The grid is dense enough to come close, so a wrong (too high) "global" would be caught.
      EXPECT_LT(g.relative_gap, h == 1 ? 1e-2 : 0.2) << "seed " << seed << " h " << h;
      EXPECT_NEAR(g.best, loss(g.best_net, x, y, 0.01), 1e-12 * (1 + g.best));
    }
  }
}

TEST(MinimaValidation, OuterLayerSolveIsTheMinimumOverAandM) {
  Eigen::VectorXd x, y;
  randomSet(8, 4, x, y);
  const Eigen::VectorXd w{{0.7, -1.1}}, c{{0.2, 0.5}};
  TinyNet best;
  const double v = solveOuterLayer(w, c, x, y, 0.05, &best);
  EXPECT_NEAR(v, loss(best, x, y, 0.05), 1e-12);
  std::mt19937_64 rng(1);
  std::normal_distribution<double> nd(0, 0.05);
  for (int k = 0; k < 50; ++k) {
    TinyNet n = best;
    n.a(0) += nd(rng), n.a(1) += nd(rng), n.m += nd(rng);
    EXPECT_GE(loss(n, x, y, 0.05), v - 1e-12);
  }
}

TEST(MinimaValidation, RandomStartsEndAtEnumeratedPoints) {
  Eigen::VectorXd x, y;
  ASSERT_TRUE(tinySet("tiny-kink", x, y));
  for (int h : {1, 2}) {
    const MinimaReport r = enumerateMinima(x, y, {h, 0.01});
    BasinOptions o;
    o.runs = 40;
    o.seed = 5;
    const auto shares = basinShares(x, y, 0.01, r, o);
    ASSERT_EQ(shares.size(), 2u);
    for (const BasinShare& b : shares) {
      EXPECT_EQ(b.runs, 40);
      long total = b.unmatched;
      for (long k : b.minima) total += k;
      for (long k : b.critical) total += k;
      EXPECT_EQ(total, b.runs);
      EXPECT_GT(b.global_share, 0.2) << b.trainer << " h " << h;
    }
    // Both settle at enumerated points (L-BFGS with its weak Wolfe search also on kinks).
    EXPECT_LE(shares[0].unmatched, 1) << "lbfgs h " << h;
    EXPECT_LE(shares[1].unmatched, 1) << "adam h " << h;
  }
}

TEST(MinimaValidation, SliceAndBasinMapAtTheGlobalMinimum) {
  Eigen::VectorXd x, y;
  ASSERT_TRUE(tinySet("tiny", x, y));
  const MinimaReport r = enumerateMinima(x, y, {1, 0.01});
  const TinyNet& g = r.minima.front().net;
  SliceSpec s;
  s.w_lo = g.w(0) - 0.5, s.w_hi = g.w(0) + 0.5, s.c_lo = g.c(0) - 0.5, s.c_hi = g.c(0) + 0.5;
  s.nw = s.nc = 21;  // the centre is the minimum's (w, c)
  const Eigen::MatrixXd heat = reducedLossSlice(x, y, 0.01, g, s);
  EXPECT_NEAR(heat(10, 10), r.minima.front().loss, 1e-9);
  EXPECT_GE(heat.minCoeff(), r.minima.front().loss * (1 - 1e-9));
  s.nw = s.nc = 5;
  const Eigen::MatrixXi basin = basinMap(x, y, 0.01, r, g, s);
  EXPECT_EQ(basin(2, 2), 0);
  EXPECT_EQ(matchPoint(g, r, x, y, 0.01), 0);
  EXPECT_EQ(matchPoint(r.minima[1].net, r, x, y, 0.01), 1);
}
