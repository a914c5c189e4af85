#include <gtest/gtest.h>

#include "lreg/common/status.h"
#include "lreg/data/standardizer.h"

using namespace lreg;

TEST(Standardizer, ZeroMeanUnitVarianceAndInverse) {
  Eigen::MatrixXd v = Eigen::MatrixXd::Random(100, 3) * 7;
  v.col(1).array() += 300;
  v.col(2).setConstant(4);  // constant column: scale 1, no division by zero
  const Standardizer s = Standardizer::fit(v);
  const Eigen::MatrixXd z = s.apply(v);
  EXPECT_NEAR(z.col(0).mean(), 0, 1e-12);
  EXPECT_NEAR(z.col(1).squaredNorm() / 100, 1, 1e-12);
  EXPECT_EQ(s.scale[2], 1.0);
  EXPECT_TRUE(s.invert(z).isApprox(v, 1e-14));
  EXPECT_THROW(s.apply(Eigen::MatrixXd::Zero(2, 2)), InputError);
}
