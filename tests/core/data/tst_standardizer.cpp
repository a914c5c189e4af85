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
  for (int c : {0, 1}) {  // every column on its own mean and scale, not the first one's
    EXPECT_NEAR(z.col(c).mean(), 0, 1e-12) << c;
    EXPECT_NEAR(z.col(c).squaredNorm() / 100, 1, 1e-12) << c;
  }
  EXPECT_TRUE((z.col(2).array() == 0).all());  // a constant column is only centred
  EXPECT_EQ(s.scale[2], 1.0);
  EXPECT_TRUE(s.invert(z).isApprox(v, 1e-14));
  EXPECT_THROW(s.apply(Eigen::MatrixXd::Zero(2, 2)), InputError);
}
