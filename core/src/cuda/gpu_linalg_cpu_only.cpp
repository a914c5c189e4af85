// The GPU API of a build without CUDA: every query says so and every solve hands back to the CPU.
#include "lreg/cuda/gpu_linalg.h"

namespace lreg::gpu {

namespace {
const char* kNotBuilt = "CUDA: built without CUDA; using the CPU";
}

const DeviceInfo& device() {
  static const DeviceInfo info{false, false, kNotBuilt};
  return info;
}

Status loadLibraries() { return Status::invalidInput(kNotBuilt); }

struct Linalg::Impl {};

Linalg::Linalg() = default;
Linalg::~Linalg() = default;

Solve Linalg::regularizedSolve(const Eigen::MatrixXd&, double, const Eigen::MatrixXd&, double) {
  return {Status::invalidInput(kNotBuilt), {}, 0, {}};
}

Solve Linalg::hiddenSolve(const FiringGroups&, const Eigen::MatrixXd&, const Eigen::MatrixXd&,
                          double, double, bool, std::int64_t) {
  return {Status::invalidInput(kNotBuilt), {}, 0, {}};
}

}  // namespace lreg::gpu
