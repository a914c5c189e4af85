#include <gtest/gtest.h>

#include <random>

#include "lreg/mesh/barycentric.h"

using namespace lreg;

namespace {

struct Triangle {
  Eigen::Vector2d a, b, c;
};

// Random triangles of every orientation and scale (1e-4 .. 1e4), away from degeneracy.
std::vector<Triangle> randomTriangles(int count, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  std::vector<Triangle> out;
  while (static_cast<int>(out.size()) < count) {
    const double scale = std::pow(10.0, 4 * u(rng));
    const Eigen::Vector2d o(u(rng) * scale, u(rng) * scale);
    Triangle t{o + scale * Eigen::Vector2d(u(rng), u(rng)),
               o + scale * Eigen::Vector2d(u(rng), u(rng)),
               o + scale * Eigen::Vector2d(u(rng), u(rng))};
    const Eigen::Vector2d e1 = t.b - t.a, e2 = t.c - t.a;
    if (std::abs(e1.x() * e2.y() - e2.x() * e1.y()) > 1e-3 * scale * scale) out.push_back(t);
  }
  return out;
}

}  // namespace

TEST(Barycentric, KroneckerAtTheVerticesAndAPartitionOfUnity) {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u(-3.0, 3.0);
  for (const auto& t : randomTriangles(200, 1)) {
    const auto b = Barycentric::of(t.a, t.b, t.c);
    ASSERT_TRUE(b);
    const Eigen::Vector2d v[3] = {t.a, t.b, t.c};
    for (int k = 0; k < 3; ++k) {
      const auto l = b->at(v[k]);
      for (int i = 0; i < 3; ++i) EXPECT_NEAR(l[static_cast<size_t>(i)], i == k ? 1.0 : 0.0, 1e-9);
    }
    // Inside and far outside: the coordinates sum to 1 and reproduce the point (affine map).
    const double s = (t.b - t.a).norm();
    for (int r = 0; r < 20; ++r) {
      const Eigen::Vector2d x = t.a + s * Eigen::Vector2d(u(rng), u(rng));
      const auto l = b->at(x);
      EXPECT_NEAR(l[0] + l[1] + l[2], 1.0, 1e-12);
      const Eigen::Vector2d back = l[0] * t.a + l[1] * t.b + l[2] * t.c;
      EXPECT_LT((back - x).norm(), 1e-9 * (s + x.norm()));
    }
  }
}

TEST(Barycentric, MatrixAndGradientsAgreeWithPointEvaluation) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u(-2.0, 2.0);
  for (const auto& t : randomTriangles(100, 2)) {
    const auto b = Barycentric::of(t.a, t.b, t.c);
    ASSERT_TRUE(b);
    const Eigen::Matrix3d S = b->matrix();
    const Eigen::Vector2d x = t.a + (t.c - t.a).norm() * Eigen::Vector2d(u(rng), u(rng));
    const Eigen::RowVector3d viaMatrix = Eigen::RowVector3d(x.x(), x.y(), 1.0) * S;
    const auto l = b->at(x);
    const Eigen::Vector2d dx(1e-3 * (t.c - t.a).norm(), 0);
    const auto l2 = b->at(x + dx);
    for (int k = 0; k < 3; ++k) {
      const double scale = 1.0 + std::abs(l[static_cast<size_t>(k)]);
      EXPECT_NEAR(viaMatrix[k], l[static_cast<size_t>(k)], 1e-9 * scale);
      // Constant gradient: a finite step changes l_k by exactly gradient . step.
      EXPECT_NEAR(l2[static_cast<size_t>(k)] - l[static_cast<size_t>(k)], b->gradient(k).dot(dx),
                  1e-9 * scale);
    }
  }
}

TEST(Barycentric, FlatTrianglesHaveNoCoordinates) {
  const Eigen::Vector2d a(0, 0), b(1, 1), c(2, 2);
  EXPECT_FALSE(Barycentric::of(a, b, c));
  EXPECT_FALSE(Barycentric::of(a, a, b));
  // Scale-free: a tiny but well-shaped triangle is fine.
  EXPECT_TRUE(Barycentric::of({0, 0}, {1e-9, 0}, {0, 1e-9}));
}
