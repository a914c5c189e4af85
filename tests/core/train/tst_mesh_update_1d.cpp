#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "lreg/train/mesh_update_1d.h"

using namespace lreg;

namespace {

LagrangeRegressor1D randomModel(int n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<double> p{-1.0};
  for (int i = 1; i < n; ++i) p.push_back(p.back() + 0.01 + u(rng));
  Eigen::MatrixXd c(n, 2);
  for (auto& v : c.reshaped()) v = u(rng);
  return LagrangeRegressor1D(Mesh1D(p), c);
}

Samples1D randomSamples(double lo, double hi, int N, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(lo, hi);
  Eigen::MatrixXd x(N, 1), y(N, 2);
  for (int j = 0; j < N; ++j) {
    x(j, 0) = u(rng);
    y(j, 0) = std::sin(x(j, 0));
    y(j, 1) = std::cos(3 * x(j, 0));
  }
  return Samples1D::sorted(x, y);
}

}  // namespace

TEST(MeshUpdate1D, RefinementByInterpolationLeavesFUnchanged) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const LagrangeRegressor1D m = randomModel(12, seed);
    std::vector<int> elements;
    for (int e = 0; e < m.mesh().elements(); ++e)
      if ((e + static_cast<int>(seed)) % 3 == 0) elements.push_back(e);
    const Refinement1D r = refineMidpoints(m, elements);
    EXPECT_EQ(r.model.mesh().size(), m.mesh().size() + static_cast<int>(elements.size()));
    EXPECT_EQ(r.inserted.size(), elements.size());
    EXPECT_EQ(r.refined.size(), elements.size());
    const Eigen::VectorXd x =
        Eigen::VectorXd::LinSpaced(997, m.mesh().lo() - 0.5, m.mesh().hi() + 0.5);
    EXPECT_LT((r.model.predict(x) - m.predict(x)).cwiseAbs().maxCoeff(), 1e-12);
  }
}

TEST(MeshUpdate1D, TopElementsPicksTheLargestPositiveIndicators) {
  const Mesh1D mesh = Mesh1D::uniform(0.0, 1.0, 8);
  const std::vector<double> ind{0.0, 5.0, 1.0, 0.0, 7.0, 2.0, 0.0};
  EXPECT_EQ(topElements(mesh, ind, 2, 0.0), (std::vector<int>{1, 4}));
  EXPECT_EQ(topElements(mesh, ind, 10, 0.0), (std::vector<int>{1, 2, 4, 5}));  // zeros never chosen
  EXPECT_TRUE(topElements(mesh, ind, 3, 1.0).empty());                         // all too narrow
}

TEST(MeshUpdate1D, EquidistributeKeepsDofEndsAndEqualMass) {
  std::mt19937_64 rng(4);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int trial = 0; trial < 20; ++trial) {
    const LagrangeRegressor1D m = randomModel(25, 100 + static_cast<std::uint64_t>(trial));
    std::vector<double> mass(static_cast<size_t>(m.mesh().elements()));
    for (auto& v : mass) v = u(rng) < 0.3 ? 0.0 : u(rng);
    mass[3] += 1.0;
    const int n = 10 + trial;
    const Mesh1D out = equidistribute(m.mesh(), mass, n);
    ASSERT_EQ(out.size(), n);
    EXPECT_DOUBLE_EQ(out.lo(), m.mesh().lo());
    EXPECT_DOUBLE_EQ(out.hi(), m.mesh().hi());
    // The density's mass between consecutive new nodes is total / (n - 1).
    auto cdf = [&](double x) {
      double c = 0;
      for (int e = 0; e < m.mesh().elements(); ++e) {
        const double a = m.mesh().node(e), b = m.mesh().node(e + 1);
        c += mass[static_cast<size_t>(e)] * std::clamp((x - a) / (b - a), 0.0, 1.0);
      }
      return c;
    };
    const double step = cdf(m.mesh().hi()) / (n - 1);
    for (int i = 1; i < n; ++i)
      EXPECT_NEAR(cdf(out.node(i)) - cdf(out.node(i - 1)), step, 1e-9 * step * n);
  }
}

TEST(MeshUpdate1D, EquifreqCoarseningWithCountsPlusOne) {
  // Zero counts: (count + 1) per element, so n nodes at equal steps of the element index.
  const Mesh1D mesh = Mesh1D::uniform(0.0, 12.0, 13);
  const Mesh1D out = equidistribute(mesh, std::vector<double>(12, 1.0), 5);
  EXPECT_EQ(out.nodes(), (std::vector<double>{0.0, 3.0, 6.0, 9.0, 12.0}));
}

TEST(MeshUpdate1D, RemovalCoarseningKeepsDofAndEnds) {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const LagrangeRegressor1D m = randomModel(30, seed);
    const Samples1D s = randomSamples(m.mesh().lo(), m.mesh().hi(), 400, seed);
    const Removal1D r = coarsenByRemoval(m, s, 20);
    ASSERT_EQ(r.model.mesh().size(), 20);
    EXPECT_EQ(r.removed.size(), 10u);
    EXPECT_DOUBLE_EQ(r.model.mesh().lo(), m.mesh().lo());
    EXPECT_DOUBLE_EQ(r.model.mesh().hi(), m.mesh().hi());
    // Survivors keep their coefficients; removed nodes are gone.
    for (int i = 0; i < r.model.mesh().size(); ++i) {
      const auto& p = m.mesh().nodes();
      const auto it = std::find(p.begin(), p.end(), r.model.mesh().node(i));
      ASSERT_NE(it, p.end());
      EXPECT_EQ(r.model.coeffs().row(i), m.coeffs().row(static_cast<int>(it - p.begin())));
    }
    for (double q : r.removed)
      EXPECT_EQ(std::count(r.model.mesh().nodes().begin(), r.model.mesh().nodes().end(), q), 0);
  }
}

TEST(MeshUpdate1D, RemovalDropsTheNodeThatCostsLeast) {
  // f interpolates y = x^3 at 0..6: the error of merging two elements grows with the curvature
  // 6x, so the flattest interior node (1) goes first and the most curved (5) stays.
  const Mesh1D mesh({0, 1, 2, 3, 4, 5, 6});
  Eigen::MatrixXd c(7, 1);
  for (int i = 0; i < 7; ++i) c(i, 0) = i * i * i;
  Eigen::MatrixXd x(601, 1), y(601, 1);
  for (int j = 0; j <= 600; ++j) {
    x(j, 0) = j / 100.0;
    y(j, 0) = std::pow(x(j, 0), 3);
  }
  const Removal1D r = coarsenByRemoval(LagrangeRegressor1D(mesh, c), Samples1D::sorted(x, y), 5);
  ASSERT_EQ(r.removed.size(), 2u);
  EXPECT_EQ(r.removed[0], 1.0);
  EXPECT_EQ(std::count(r.removed.begin(), r.removed.end(), 5.0), 0);
}
