#pragma once
// GPU vs CPU training of the LReg connection on the same synthetic data, seed and batches:
// the validation loss after every optimiser step, compared. Used by `lreg selftest --gpu` and
// the parity test, so both state and check the same tolerance.
#include <string>
#include <vector>

#include "lreg/common/status.h"

namespace lreg {

struct ConnectionParity {
  bool ran = false;              // false: no usable GPU (skipped; `why` says so)
  std::string why;               // the device message when skipped
  std::vector<double> cpu, gpu;  // validation CE after each step
  double max_rel_diff = 0;       // max over steps of |gpu - cpu| / |cpu|
  // Summation order differs (atomics on the device), and a near-tie in the top-k counting could
  // move a mesh node differently, so the curves agree to this, not bit for bit.
  static constexpr double kTolerance = 1e-6;
  bool ok() const { return ran && max_rel_diff <= kTolerance && cpu.size() == gpu.size(); }
};

ConnectionParity connectionGpuParity(int steps = 200);

}  // namespace lreg
