#include <gtest/gtest.h>

#include <random>

#include "lreg/models/lagrange_regressor_1d.h"
#include "lreg/train/adam_refit.h"
#include "lreg/train/least_squares_1d.h"

using namespace lreg;

TEST(AdamRefit1D, LowersTheSmoothL1LossAndApproachesLeastSquares) {
  // With residuals well inside beta the smooth-L1 loss is half the MSE: Adam must head for the
  // least-squares solution from a constant start.
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::normal_distribution<double> noise(0.0, 0.05);
  const Mesh1D mesh = Mesh1D::uniform(0.0, 3.0, 10);
  Eigen::VectorXd x(400);
  Eigen::MatrixXd y(400, 1);
  for (int j = 0; j < 400; ++j) {
    x[j] = 3.0 * u(rng);
    y(j, 0) = std::sin(2 * x[j]) + noise(rng);
  }
  std::vector<int> element(400);
  for (int j = 0; j < 400; ++j) element[static_cast<size_t>(j)] = mesh.locate(x[j]);
  const Eigen::MatrixXd start = Eigen::MatrixXd::Constant(10, 1, y.mean());
  const double before = smoothL1Loss(LagrangeRegressor1D(mesh, start).predict(x), y, 1.0);
  AdamRefitOptions o;
  o.steps = 800;
  o.learning_rate = 0.1;
  const auto r = adamRefit1D(mesh, x, element, y, start, o);
  ASSERT_TRUE(r.status.ok()) << r.status.message;
  EXPECT_LT(r.loss, 0.2 * before);
  const auto lsq = leastSquares1D(mesh, x, element, y, 1e-8);
  EXPECT_LT((r.coeffs - lsq.coeffs).cwiseAbs().maxCoeff(), 0.02);
}

TEST(AdamRefit1D, RejectsInconsistentInput) {
  const Mesh1D mesh = Mesh1D::uniform(0.0, 1.0, 3);
  Eigen::VectorXd x(2);
  x << 0.2, 0.7;
  const auto r =
      adamRefit1D(mesh, x, {0, 1}, Eigen::MatrixXd::Zero(2, 1), Eigen::MatrixXd::Zero(4, 1));
  EXPECT_EQ(r.status.code, StatusCode::InvalidInput);
}
