// The connection's GPU step in a build without CUDA: it says so, and the trainer stays on the CPU.
#include "lreg/cuda/gpu_connection.h"

namespace lreg::gpu {

std::string connectionUnsupported(const ConnectionOptions&, ConnectionLoss) {
  return "this build has no CUDA";
}

struct ConnectionGpu::Impl {};

ConnectionGpu::ConnectionGpu() = default;
ConnectionGpu::~ConnectionGpu() = default;

ConnectionResult ConnectionGpu::lossGradient(const LRegConnection&, const ConnectionData&,
                                             ConnectionGradient&) {
  return {Status::invalidInput("CUDA: built without CUDA; using the CPU"), 0, {}, {}};
}

}  // namespace lreg::gpu
