#pragma once
// The scaling experiment's pieces (LReg paper, Figure 3 and section 2.5), exposed for its tests.
#include <cstdint>
#include <vector>

#include "lreg/data/dataset.h"

namespace lreg::repro {

struct ScalingPlan {
  int d = 1;  // input dimension
  int n_train = 0, n_test = 0;
  std::vector<int> dofs;  // one run per DoF (the paper's 32 gray points)
};

// The sizes run: quick (within the CLI's 2 minutes) or full; runs > 0 sets the number of DoFs.
ScalingPlan scalingPlan(int d, bool quick, int runs);

// Figure 3's sets. d = 1: y = sin(1/x), x = 1/v, v ~ U(1, 50) (the multi-frequency reading of
// "1/X ~ U(0.02, 1)", generator sin-inv). d = 2: y = sin(x_1 / 2 pi) + sin(x_2 / 2 pi) with
// x_i ~ U(0, 4 pi^2), one full period per input (the paper gives no domain). noisy: N(0, sd
// 0.01) added to y as in the paper; else y is the truth.
constexpr double kScalingNoiseSd = 0.01;
Dataset scalingData(int d, bool noisy, int n_train, int n_test, std::uint64_t seed);

}  // namespace lreg::repro
