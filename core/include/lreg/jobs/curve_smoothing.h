#pragma once
// Smoothing and scaling of training curves for the Jobs panel's overlay (as TensorBoard does):
// an exponential moving average with its start-up bias removed, and a y range that ignores
// outliers.
#include <utility>
#include <vector>

namespace lreg {

// s_t = beta s_{t-1} + (1 - beta) x_t from s_0 = 0, divided by (1 - beta^t) over the finite
// values seen so far; a non-finite x_t keeps the series' value (NaN before the first finite one).
// beta in [0, 1): 0 returns the input.
std::vector<double> debiasedEma(const std::vector<double>& x, double beta);

// The [lo, hi] range of the finite values, or with ignore_outliers the range between the 5th
// and 95th percentiles widened by 10%; {0, 1} when there is no finite value.
std::pair<double, double> curveRange(const std::vector<double>& values, bool ignore_outliers);

}  // namespace lreg
