#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "lreg/common/status.h"
#include "lreg/mesh/mesh_1d.h"

using namespace lreg;

namespace {

// Random strictly increasing meshes of 2..40 nodes on random intervals.
std::vector<Mesh1D> randomMeshes(int count, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<Mesh1D> meshes;
  for (int k = 0; k < count; ++k) {
    const int n = 2 + static_cast<int>(u(rng) * 39);
    std::vector<double> p{-5 + 10 * u(rng)};
    for (int i = 1; i < n; ++i) p.push_back(p.back() + 1e-3 + u(rng) * (u(rng) < 0.2 ? 10.0 : 0.1));
    meshes.emplace_back(p);
  }
  return meshes;
}

}  // namespace

TEST(Mesh1D, BasisIsAPartitionOfUnityEverywhere) {
  std::mt19937_64 rng(7);
  for (const Mesh1D& m : randomMeshes(50, 1)) {
    std::uniform_real_distribution<double> x(m.lo() - 1.0, m.hi() + 1.0);  // includes extrapolation
    for (int s = 0; s < 50; ++s) {
      const double xs = x(rng);
      double sum = 0;
      for (int i = 0; i < m.size(); ++i) sum += m.basis(i, xs);
      EXPECT_NEAR(sum, 1.0, 1e-12) << "x = " << xs;
    }
  }
}

TEST(Mesh1D, BasisIsKroneckerAtNodes) {
  for (const Mesh1D& m : randomMeshes(50, 2))
    for (int i = 0; i < m.size(); ++i)
      for (int j = 0; j < m.size(); ++j)
        EXPECT_NEAR(m.basis(i, m.node(j)), i == j ? 1.0 : 0.0, 1e-12);
}

TEST(Mesh1D, BasisIsTheTentOfThePaper) {
  // psi_i(x) = min(relu(x - p_{i-1}) / (p_i - p_{i-1}), relu(p_{i+1} - x) / (p_{i+1} - p_i)).
  const Mesh1D m({0.0, 0.5, 2.0, 2.25, 4.0});
  for (double x = 0.0; x <= 4.0; x += 0.01) {
    for (int i = 1; i + 1 < m.size(); ++i) {
      const double up = std::max(0.0, x - m.node(i - 1)) / (m.node(i) - m.node(i - 1));
      const double down = std::max(0.0, m.node(i + 1) - x) / (m.node(i + 1) - m.node(i));
      EXPECT_NEAR(m.basis(i, x), std::min(up, down), 1e-12);
    }
  }
}

TEST(Mesh1D, LocateSortedAgreesWithLocate) {
  std::mt19937_64 rng(3);
  for (const Mesh1D& m : randomMeshes(20, 3)) {
    std::uniform_real_distribution<double> x(m.lo() - 0.5, m.hi() + 0.5);
    Eigen::VectorXd xs(300);
    for (auto& v : xs) v = x(rng);
    xs[0] = m.lo();
    xs[1] = m.hi();
    xs[2] = m.node(m.size() / 2);
    std::sort(xs.begin(), xs.end());
    const std::vector<int> e = m.locateSorted(xs);
    for (Eigen::Index j = 0; j < xs.size(); ++j) {
      EXPECT_EQ(e[static_cast<size_t>(j)], m.locate(xs[j]));
      EXPECT_GE(e[static_cast<size_t>(j)], 0);
      EXPECT_LT(e[static_cast<size_t>(j)], m.elements());
    }
  }
}

TEST(Mesh1D, RejectsBadNodes) {
  EXPECT_THROW(Mesh1D({1.0}), InputError);
  EXPECT_THROW(Mesh1D({0.0, 1.0, 1.0}), InputError);
  EXPECT_THROW(Mesh1D({0.0, 2.0, 1.0}), InputError);
  EXPECT_THROW(Mesh1D({0.0, std::nan(""), 1.0}), InputError);
  EXPECT_THROW(Mesh1D::uniform(1.0, 1.0, 5), InputError);
  EXPECT_THROW(Mesh1D::uniform(0.0, 1.0, 1), InputError);
}

TEST(Mesh1D, UniformAndQuantileKeepTheEnds) {
  const Mesh1D u = Mesh1D::uniform(-3.0, 7.0, 11);
  EXPECT_EQ(u.size(), 11);
  EXPECT_DOUBLE_EQ(u.lo(), -3.0);
  EXPECT_DOUBLE_EQ(u.hi(), 7.0);
  EXPECT_NEAR(u.node(5), 2.0, 1e-12);

  // Heavy ties (a third of the samples at 0.5) and quantiles pinned at the ends: still strictly
  // increasing, ends exactly lo and hi, and about as many samples per element elsewhere.
  Eigen::VectorXd x(300);
  for (int j = 0; j < 300; ++j) x[j] = j < 100 ? 0.5 : (j - 100) / 200.0;
  const Mesh1D q = Mesh1D::quantile(x, -1.0, 2.0, 30);
  EXPECT_EQ(q.size(), 30);
  EXPECT_DOUBLE_EQ(q.lo(), -1.0);
  EXPECT_DOUBLE_EQ(q.hi(), 2.0);
  for (int i = 1; i < q.size(); ++i) EXPECT_GT(q.node(i), q.node(i - 1));
}

TEST(Mesh1D, SpreadTiesMakesRunsStrictlyIncreasing) {
  std::vector<double> p{0, 0, 0, 1, 1, 2, 2, 2};
  Mesh1D::spreadTies(p);
  EXPECT_DOUBLE_EQ(p.front(), 0.0);
  EXPECT_DOUBLE_EQ(p.back(), 2.0);
  for (size_t i = 1; i < p.size(); ++i) EXPECT_GT(p[i], p[i - 1]);
}
