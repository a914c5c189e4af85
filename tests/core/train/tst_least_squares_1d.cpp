#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <random>

#include "lreg/common/metrics.h"
#include "lreg/models/lagrange_regressor_1d.h"
#include "lreg/train/least_squares_1d.h"
#include "lreg/train/mesh_update_1d.h"

using namespace lreg;

namespace {

struct Fixture {
  Mesh1D mesh;
  Eigen::VectorXd x;
  Eigen::MatrixXd y;
};

// Random mesh and samples; targets are a wiggle plus noise, c outputs.
Fixture randomProblem(std::uint64_t seed, int n, int N, int outputs) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::normal_distribution<double> noise(0.0, 0.1);
  std::vector<double> p{0.0};
  for (int i = 1; i < n; ++i) p.push_back(p.back() + 0.05 + u(rng));
  Fixture f{Mesh1D(p), Eigen::VectorXd(N), Eigen::MatrixXd(N, outputs)};
  for (int j = 0; j < N; ++j) {
    f.x[j] = p.back() * u(rng);
    for (int k = 0; k < outputs; ++k) f.y(j, k) = std::sin((k + 1) * f.x[j]) + noise(rng);
  }
  return f;
}

double trainMse(const Mesh1D& mesh, const Eigen::MatrixXd& c, const Eigen::VectorXd& x,
                const Eigen::MatrixXd& y) {
  return meanSquaredError(LagrangeRegressor1D(mesh, c).predict(x), y);
}

}  // namespace

TEST(LeastSquares1D, FitsAnAffineTargetExactly) {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    Fixture f = randomProblem(seed, 12, 200, 2);
    f.y.col(0) = 3.0 * f.x.array() - 2.0;
    f.y.col(1) = -0.5 * f.x.array() + 7.0;
    const auto r = leastSquares1D(f.mesh, f.x, f.y);
    ASSERT_TRUE(r.status.ok()) << r.status.message;
    for (int i = 0; i < f.mesh.size(); ++i) {
      EXPECT_NEAR(r.coeffs(i, 0), 3.0 * f.mesh.node(i) - 2.0, 1e-6);
      EXPECT_NEAR(r.coeffs(i, 1), -0.5 * f.mesh.node(i) + 7.0, 1e-6);
    }
  }
}

TEST(LeastSquares1D, MatchesTheDenseNormalEquations) {
  const Fixture f = randomProblem(3, 15, 300, 1);
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(f.x.size(), f.mesh.size());
  for (Eigen::Index j = 0; j < f.x.size(); ++j)
    for (int i = 0; i < f.mesh.size(); ++i) A(j, i) = f.mesh.basis(i, f.x[j]);
  const Eigen::VectorXd dense = (A.transpose() * A).ldlt().solve(A.transpose() * f.y.col(0));
  const auto r = leastSquares1D(f.mesh, f.x, f.y, 0.0);
  ASSERT_TRUE(r.status.ok());
  EXPECT_LT((r.coeffs.col(0) - dense).norm(), 1e-9 * dense.norm());
}

TEST(LeastSquares1D, RefitNeverRaisesTheTrainMse) {
  // Against the coefficients carried over by refinement (f unchanged) and against perturbations:
  // the refit is the minimiser of the (barely regularised) training error.
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const Fixture f = randomProblem(seed, 10, 150, 1);
    const auto r = leastSquares1D(f.mesh, f.x, f.y);
    ASSERT_TRUE(r.status.ok());
    const double fitted = trainMse(f.mesh, r.coeffs, f.x, f.y);
    const LagrangeRegressor1D coarse(f.mesh, r.coeffs);
    const Refinement1D fine = refineMidpoints(coarse, {0, 3, 7});
    const auto refit = leastSquares1D(fine.model.mesh(), f.x, f.y);
    ASSERT_TRUE(refit.status.ok());
    EXPECT_LE(trainMse(fine.model.mesh(), refit.coeffs, f.x, f.y), fitted * (1 + 1e-9));
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> d(0.0, 0.01);
    Eigen::MatrixXd other = r.coeffs;
    for (auto& v : other.reshaped()) v += d(rng);
    EXPECT_LE(fitted, trainMse(f.mesh, other, f.x, f.y) * (1 + 1e-9));
  }
}

TEST(LeastSquares1D, EmptyElementsStayRegular) {
  // No sample in (2, 5): the node at 3.5 has no data. The slope-jump penalty keeps the system
  // positive definite and continues the trend of the data through the gap instead of pulling
  // the node to zero: on affine data the gap node lands on the line.
  const Mesh1D mesh({0.0, 1.0, 2.0, 3.5, 5.0, 6.0});
  Eigen::VectorXd x(40);
  Eigen::MatrixXd y(40, 1);
  for (int j = 0; j < 40; ++j) {
    x[j] = j < 20 ? 2.0 * j / 19.0 : 5.0 + (j - 20) / 19.0;
    y(j, 0) = 2.0 * x[j] + 1.0;
  }
  const auto r = leastSquares1D(mesh, x, y, 1e-8);
  ASSERT_TRUE(r.status.ok()) << r.status.message;
  EXPECT_NEAR(r.coeffs(3, 0), 8.0, 1e-6);
  // Noisy data in the same layout: still finite, the gap node between its neighbours.
  for (int j = 0; j < 40; ++j) y(j, 0) = 1.0 + 0.1 * (j % 3);
  const auto noisy = leastSquares1D(mesh, x, y, 1e-8);
  ASSERT_TRUE(noisy.status.ok());
  EXPECT_NEAR(noisy.coeffs(3, 0), 1.1, 0.1);
  // Without the penalty the node's row is zero: a status, not an exception or garbage.
  const auto bare = leastSquares1D(mesh, x, y, 0.0);
  EXPECT_EQ(bare.status.code, StatusCode::NumericalIssue);
}

TEST(LeastSquares1D, BandedSolveMatchesDense) {
  std::mt19937_64 rng(9);
  std::uniform_real_distribution<double> u(0.1, 1.0);
  for (int b : {0, 1, 2, 4}) {
    const int n = 30;
    Eigen::MatrixXd bands = Eigen::MatrixXd::Zero(n, b + 1), M = Eigen::MatrixXd::Zero(n, n);
    for (int i = 0; i < n; ++i) {
      bands(i, 0) = 1.0 + 2.0 * b + u(rng);  // diagonally dominant: SPD
      M(i, i) = bands(i, 0);
      for (int d = 1; d <= b && i + d < n; ++d) M(i, i + d) = M(i + d, i) = bands(i, d) = u(rng);
    }
    Eigen::MatrixXd rhs = Eigen::MatrixXd::Random(n, 3), x = rhs;
    ASSERT_TRUE(solveBandedSpd(bands, x).ok());
    EXPECT_LT((M * x - rhs).norm(), 1e-10) << "bandwidth " << b;
  }
}
