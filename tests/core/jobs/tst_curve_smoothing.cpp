// Debiased EMA: no start-up bias (a constant stays constant from the first point), beta 0 is the
// identity, a NaN holds the value; the outlier-ignoring range excludes a spike.
#include <gtest/gtest.h>

#include <cmath>

#include "lreg/jobs/curve_smoothing.h"

using namespace lreg;

TEST(CurveSmoothing, ConstantHasNoStartupBias) {
  for (double beta : {0.0, 0.6, 0.99})
    for (double v : debiasedEma({2.5, 2.5, 2.5, 2.5}, beta)) EXPECT_NEAR(v, 2.5, 1e-12) << beta;
}

TEST(CurveSmoothing, BetaZeroIsTheIdentityAndFirstPointIsKept) {
  const std::vector<double> x{3, 1, 4, 1, 5};
  EXPECT_EQ(debiasedEma(x, 0), x);
  EXPECT_DOUBLE_EQ(debiasedEma(x, 0.9)[0], 3);
  // Second point: (0.9 * 0.1 * 3 + 0.1 * 1) / (1 - 0.81).
  EXPECT_NEAR(debiasedEma(x, 0.9)[1], (0.09 * 3 + 0.1) / 0.19, 1e-12);
}

TEST(CurveSmoothing, NanHoldsTheValue) {
  const auto s = debiasedEma({NAN, 1, NAN, 3}, 0.5);
  EXPECT_TRUE(std::isnan(s[0]));
  EXPECT_DOUBLE_EQ(s[1], 1);
  EXPECT_DOUBLE_EQ(s[2], 1);
  EXPECT_NEAR(s[3], (0.25 * 1 + 0.5 * 3) / 0.75, 1e-12);
}

TEST(CurveSmoothing, RangeIgnoresASpike) {
  std::vector<double> v;
  for (int i = 0; i < 40; ++i) v.push_back(1 + 0.01 * i);
  v.push_back(1000);
  EXPECT_DOUBLE_EQ(curveRange(v, false).second, 1000);
  EXPECT_LT(curveRange(v, true).second, 2);
  EXPECT_EQ(curveRange({NAN}, true), std::make_pair(0.0, 1.0));
}
