// Divide-Enumerate-Merge (lreg/minima/enumerate.h) on the built-in sets and small random sets.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "lreg/minima/enumerate.h"
#include "lreg/minima/tiny_sets.h"

using namespace lreg::minima;

namespace {

void randomSet(int n, std::uint64_t seed, Eigen::VectorXd& x, Eigen::VectorXd& y) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-2, 2);
  x.resize(n);
  y.resize(n);
  for (int i = 0; i < n; ++i) x(i) = u(rng), y(i) = u(rng);
}

// Every reported point: L recomputes from its printed parameters, it is balanced, and when its
// alive units are off their kinks the gradient of L vanishes there.
void checkPoints(const MinimaReport& r, const Eigen::VectorXd& x, const Eigen::VectorXd& y,
                 double lam) {
  ASSERT_FALSE(r.minima.empty());
  for (size_t k = 1; k < r.minima.size(); ++k) EXPECT_LE(r.minima[0].loss, r.minima[k].loss);
  for (const auto* list : {&r.minima, &r.critical})
    for (const MinimumPoint& p : *list) {
      EXPECT_NEAR(p.loss, loss(p.net, x, y, lam), 1e-12 * (1 + p.loss));
      for (int j = 0; j < p.net.hidden(); ++j)
        EXPECT_NEAR(p.net.a(j) * p.net.a(j), p.net.w(j) * p.net.w(j) + p.net.c(j) * p.net.c(j),
                    1e-9 * (1 + std::abs(p.net.a(j))));
      if (!p.hessian.empty()) {
        Eigen::VectorXd g;
        lossAndGradient(pack(p.net), x, y, lam, g);
        EXPECT_LT(g.norm(), 1e-7 * (1 + p.loss));
      }
    }
  EXPECT_EQ(r.exact_disagreements, 0);
}

}  // namespace

TEST(Minima, TinyHasTwoIsolatedMinimaForOneUnit) {
  Eigen::VectorXd x, y;
  ASSERT_TRUE(tinySet("tiny", x, y));
  const MinimaReport r = enumerateMinima(x, y, {1, 0.01});
  checkPoints(r, x, y, 0.01);
  ASSERT_EQ(r.minima.size(), 2u);
  for (const MinimumPoint& p : r.minima) {
    EXPECT_EQ(p.kind, PointKind::Isolated);
    EXPECT_TRUE(p.exact) << "existence decided by the Sturm count";
  }
  // The global one is smooth (kink between samples), the other has its kink on the last sample
  // and is certified one-sided: descent into neither sector next to that ray.
  EXPECT_EQ(r.minima[0].region[0].face, "sector");
  ASSERT_EQ(r.minima[1].region[0].face, "ray");
  ASSERT_EQ(r.minima[1].margins.size(), 2u);
  EXPECT_GT(r.minima[1].min_margin, 0);
  EXPECT_NEAR(r.minima[1].net.c(0) / r.minima[1].net.w(0), -3.0, 1e-12);
  // The smooth one is certified by a positive definite Hessian of L in (a, w, c, m).
  ASSERT_EQ(r.minima[0].hessian.size(), 4u);
  EXPECT_GT(r.minima[0].hessian.front(), 0);
  EXPECT_EQ(r.regions, 24);  // 6 distinct x -> 12 rays -> 12 sectors x 2 signs
}

TEST(Minima, TinyKinkHasASegmentOfMinimaForTwoUnits) {
  Eigen::VectorXd x, y;
  ASSERT_TRUE(tinySet("tiny-kink", x, y));
  const double lam = 0.01;
  const MinimaReport r = enumerateMinima(x, y, {2, lam});
  checkPoints(r, x, y, lam);
  const MinimumPoint& g = r.minima.front();
  ASSERT_EQ(g.kind, PointKind::Set);
  EXPECT_EQ(g.dimension, 1);
  ASSERT_EQ(g.end_points.size(), 2u);
  // The same loss all along u_1 = t u, u_2 = (1 - t) u, and at both ends (one unit at zero);
  // the h = 1 global minimum is the end point.
  const MinimaReport one = enumerateMinima(x, y, {1, lam});
  const auto units = toReduced(g.net);
  const Eigen::Vector2d u = units[0].u + units[1].u;
  for (double t : {0.0, 0.1, 0.37, 0.9, 1.0}) {
    const TinyNet n = fromReduced({{t * u, units[0].sign}, {(1 - t) * u, units[1].sign}}, x, y);
    EXPECT_NEAR(loss(n, x, y, lam), g.loss, 1e-12);
  }
  EXPECT_NEAR(one.minima.front().loss, g.loss, 1e-12);
  EXPECT_EQ(g.end_points[0].a(1), 0);
  EXPECT_NEAR(loss(g.end_points[0], x, y, lam), g.loss, 1e-12);
  // The split direction is the one flat direction of the Hessian.
  ASSERT_EQ(g.hessian.size(), 7u);
  EXPECT_LT(std::abs(g.hessian[0]), 1e-8);
  EXPECT_GT(g.hessian[1], 1e-6);
}

TEST(Minima, SmoothCriticalPointsWithAllUnitsAliveAreMinima) {
  // The claim of the reduction (every such point minimises a convex cell problem), checked on
  // random sets: no critical point off the kinks with all units alive fails its Hessian.
  for (std::uint64_t seed : {3u, 11u, 29u}) {
    Eigen::VectorXd x, y;
    randomSet(9, seed, x, y);
    for (int h : {1, 2}) {
      const MinimaReport r = enumerateMinima(x, y, {h, 0.01});
      checkPoints(r, x, y, 0.01);
      for (const MinimumPoint& p : r.critical) EXPECT_NE(p.reason, "negative Hessian eigenvalue");
      for (const MinimumPoint& p : r.minima) {
        if (p.hessian.empty()) continue;
        EXPECT_GT(p.hessian.front(), -1e-9 * p.hessian.back());
      }
    }
  }
}

TEST(Minima, DeadUnitMarginMatchesABruteForceOverDirections) {
  Eigen::VectorXd x, r;
  randomSet(7, 5, x, r);
  r.array() -= r.mean();
  double best = 0;
  for (int k = 0; k < 200000; ++k) {
    const double t = 2 * M_PI * k / 200000;
    double s = 0;
    for (int i = 0; i < 7; ++i) s += r(i) * std::max(0.0, std::cos(t) * x(i) + std::sin(t));
    best = std::max(best, std::abs(s));
  }
  // The sampled maximum is a lower bound, within the sampling step times the slope.
  EXPECT_LE(deadUnitMargin(x, r, 0.5), 0.5 - best + 1e-12);
  EXPECT_NEAR(deadUnitMargin(x, r, 0.5), 0.5 - best, 1e-5);
}

TEST(Minima, BadInputAndCancel) {
  Eigen::VectorXd x{{0.0, 1.0, 2.0}}, y{{1.0, 0.0, 1.0}};
  EXPECT_THROW(enumerateMinima(x, y, {3, 0.1}), lreg::InputError);
  EXPECT_THROW(enumerateMinima(x, y, {1, 0.0}), lreg::InputError);
  EXPECT_THROW(enumerateMinima(x, Eigen::VectorXd{{1.0, 2.0}}, {1, 0.1}), lreg::InputError);
  EXPECT_THROW(enumerateMinima(Eigen::VectorXd{{1.0, 1.0, 1.0}}, y, {1, 0.1}), lreg::InputError);
  int calls = 0;
  const MinimaReport r =
      enumerateMinima(x, y, {2, 0.1}, [&](const lreg::Progress&) { return ++calls < 1; });
  EXPECT_EQ(r.status.code, lreg::StatusCode::Cancelled);
  EXPECT_TRUE(r.minima.empty());
}
