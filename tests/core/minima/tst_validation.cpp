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
    ASSERT_EQ(shares.size(), 5u);
    for (size_t t = 0; t < shares.size(); ++t) {
      const BasinShare& b = shares[t];
      EXPECT_EQ(b.trainer, t < 4 ? toString(kBasinTrainers[t]) : "anmin+lbfgs");
      EXPECT_EQ(b.runs, 40);
      long total = b.unmatched;
      for (long k : b.minima) total += k;
      for (long k : b.critical) total += k;
      EXPECT_EQ(total, b.runs);
      EXPECT_EQ(long(b.unmatched_gaps.size()), b.unmatched);
      // ANMIN's own end point need not be critical (it is counted as it stops); every other
      // trainer, and ANMIN's end polished, settles at enumerated points (on kinks too).
      if (b.trainer == "anmin") continue;
      EXPECT_EQ(b.unmatched, 0) << b.trainer << " h " << h;
      EXPECT_GT(b.global_share, 0.1) << b.trainer << " h " << h;
    }
  }
}

// Every trainer starts run k from basinStart(k), and ends where the enumeration says: on tiny
// (h = 1, lambda = 0.01: the global minimum L = 1.01792 is smooth, the other has its kink on
// x = 3) SGD and ANMIN (its own end point, unpolished) reach the global minimum, not only
// L-BFGS and Adam.
TEST(MinimaValidation, EveryTrainerStartsFromTheSameInitialisation) {
  Eigen::VectorXd x, y;
  ASSERT_TRUE(tinySet("tiny", x, y));
  const MinimaReport r = enumerateMinima(x, y, {1, 0.01});
  ASSERT_EQ(r.minima.size(), 2u);
  ASSERT_NEAR(r.minima[0].loss, 1.01792, 1e-5);
  BasinOptions o;
  o.runs = 30;
  o.seed = 3;
  std::vector<BasinRun> seen;
  const auto shares =
      basinShares(x, y, 0.01, r, o, {}, [&](const BasinRun& run) { seen.push_back(run); });
  ASSERT_EQ(seen.size(), 4u * o.runs);
  for (size_t k = 0; k < seen.size(); ++k) {
    const BasinRun& run = seen[k];
    EXPECT_EQ(run.run, long(k / 4));
    EXPECT_EQ(run.trainer, kBasinTrainers[k % 4]);
    const TinyNet start = basinStart(o, run.run, 1, y);
    EXPECT_EQ(pack(run.init), pack(start)) << toString(run.trainer) << " run " << run.run;
  }
  // Different runs start differently (the start is not one fixed point).
  EXPECT_NE(pack(seen[0].init), pack(seen[4].init));
  for (const BasinShare& b : shares) {
    EXPECT_GT(b.minima[0], 0) << b.trainer;
    if (b.trainer != "anmin") {
      EXPECT_EQ(b.unmatched, 0) << b.trainer;
    }
  }
}

// ANMIN runs on the raw data with L's own ridge, so its end point is in the enumeration's units:
// the loss of the printed a, w, c, m is the matched minimum's L, and a fixed point of the
// alternation is a stationary point of L (with the paper's lambda, not lambda / N, on the hidden
// layer, or the bias penalised, it would not be).
TEST(MinimaValidation, AnminEndPointIsInTheRawUnitsOfL) {
  Eigen::VectorXd x, y;
  randomSet(10, 7, x, y);
  for (int h : {1, 2}) {
    const double lambda = 0.01;
    const MinimaReport r = enumerateMinima(x, y, {h, lambda});
    BasinOptions o;
    o.runs = 30;
    int matched = 0, smooth = 0;
    basinShares(x, y, lambda, r, o, {}, [&](const BasinRun& run) {
      if (run.trainer != TrainerKind::Anmin || run.match < 0) return;
      ++matched;
      const MinimumPoint& p = r.minima[run.match];
      EXPECT_NEAR(loss(run.end, x, y, lambda), p.loss, 1e-6 * p.loss) << "h " << h;
      if (p.margins.empty()) {  // a smooth minimum (no kink, no dead unit): grad L = 0 there
        Eigen::VectorXd g;
        lossAndGradient(pack(run.end), x, y, lambda, g);
        EXPECT_LT(g.norm(), 1e-5 * (1 + p.loss)) << "h " << h << " run " << run.run;
        ++smooth;
      }
      // (a, m) is the exact ridge fit for its (w, c): m unpenalised, a with lambda / 2.
      EXPECT_NEAR(solveOuterLayer(run.end.w, run.end.c, x, y, lambda), loss(run.end, x, y, lambda),
                  1e-12 * (1 + p.loss));
    });
    EXPECT_GT(matched, 2) << "h " << h;
    EXPECT_GT(smooth, 0) << "h " << h;
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
