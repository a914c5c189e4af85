#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "lreg/common/history.h"
#include "lreg/common/metrics.h"
#include "lreg/common/status.h"

using namespace lreg;

TEST(Metrics, PerfectPredictionHasR2One) {
  Eigen::MatrixXd y(4, 1);
  y << 1, 2, 3, 5;
  const Metrics m = evaluate(y, y);
  EXPECT_DOUBLE_EQ(m.r2, 1.0);
  EXPECT_DOUBLE_EQ(m.mae, 0.0);
  EXPECT_DOUBLE_EQ(m.mse, 0.0);
}

TEST(Metrics, MeanPredictionHasR2Zero) {
  Eigen::MatrixXd y(4, 1), p(4, 1);
  y << 1, 2, 3, 6;
  p.setConstant(3.0);
  const Metrics m = evaluate(p, y);
  EXPECT_NEAR(m.r2, 0.0, 1e-15);
  EXPECT_DOUBLE_EQ(m.mae, (2 + 1 + 0 + 3) / 4.0);
  EXPECT_DOUBLE_EQ(m.mse, (4 + 1 + 0 + 9) / 4.0);
}

TEST(Metrics, VectorOutputsAverageR2PerOutput) {
  Eigen::MatrixXd y(3, 2), p(3, 2);
  y << 1, 10, 2, 20, 3, 30;
  p << 1, 20, 2, 20, 3, 20;  // second column predicts its mean
  const Metrics m = evaluate(p, y);
  ASSERT_EQ(m.r2_per_output.size(), 2);
  EXPECT_DOUBLE_EQ(m.r2_per_output[0], 1.0);
  EXPECT_NEAR(m.r2_per_output[1], 0.0, 1e-15);
  EXPECT_NEAR(m.r2, 0.5, 1e-15);
}

TEST(Metrics, ConstantTruthGivesNaNR2AndShapeMismatchThrows) {
  Eigen::MatrixXd y = Eigen::MatrixXd::Ones(3, 1);
  EXPECT_TRUE(std::isnan(evaluate(y, y).r2));
  EXPECT_THROW(evaluate(Eigen::MatrixXd::Ones(2, 1), y), InputError);
}

TEST(History, JsonUsesLossNamesAndNullForNonFinite) {
  History h;
  h.loss = "mae";
  h.points.push_back({0, 0.0, 0.5, std::nan(""), {{"dof", 64}, {"logdet", -INFINITY}}});
  const auto j = toJson(h);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["train_mae"], 0.5);
  EXPECT_TRUE(j[0]["test_mae"].is_null());
  EXPECT_TRUE(j[0]["logdet"].is_null());
  EXPECT_EQ(j[0]["dof"], 64);
}

TEST(Status, ExitCodesAreDistinct) {
  EXPECT_EQ(exitCode(StatusCode::Success), 0);
  EXPECT_EQ(exitCode(StatusCode::InvalidInput), 3);
  EXPECT_EQ(exitCode(StatusCode::NumericalIssue), 4);
}
