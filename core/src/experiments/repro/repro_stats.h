#pragma once
// Small statistics the experiments share: mean and sample standard deviation, and the slope of
// log(y) against log(x) by least squares with its confidence interval (Student's t).
#include <vector>

namespace lreg::repro {

struct MeanSd {
  double mean = 0, sd = 0;  // sd with n - 1 (0 for one value); NaN mean for none
  int n = 0;
};
MeanSd meanSd(const std::vector<double>& v);  // NaN values are skipped

struct SlopeFit {
  double slope = 0, intercept = 0;  // log y = intercept + slope log x
  double ci_low = 0, ci_high = 0;   // the slope's confidence interval
  int n = 0;                        // points used (positive, finite x and y)
};

// Points with a non-positive or non-finite x or y are skipped; fewer than 3 left gives NaNs.
SlopeFit logLogSlope(const std::vector<double>& x, const std::vector<double>& y,
                     double level = 0.95);

// The two-sided quantile t with P(|T| > t) = 1 - level for Student's t with dof degrees.
double studentQuantile(double level, double dof);

}  // namespace lreg::repro
