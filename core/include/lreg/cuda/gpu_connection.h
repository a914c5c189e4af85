#pragma once
// The LReg connection's loss and gradient on the GPU (lreg/train/connection_trainer.h has the
// CPU's): cuBLAS DGEMM for the projection Z = X P^T, then one fused kernel, one block per sample,
// for SigmoidNorm, the element search, the head's forward gather, the softmax cross-entropy and
// the backward scatter into dW (atomics); it also returns each sample's element per component,
// from which the caller counts the intervals of the top-k samples. The smoothness term (d n C
// numbers, smoothnessPenalty()) and the optimiser update stay on the host: the caller adds them.
// Cross-entropy with a fixed projection only (connectionUnsupported() says why not otherwise).
// Plain C++ like gpu_linalg.h: no CUDA type appears here.
#include <Eigen/Core>
#include <memory>
#include <string>

#include "lreg/common/status.h"
#include "lreg/train/connection_trainer.h"

namespace lreg::gpu {

// Empty when the GPU step can train with these options, else the reason (one line).
std::string connectionUnsupported(const ConnectionOptions& o, ConnectionLoss loss);

struct ConnectionResult {
  Status status;
  double loss = 0;           // mean CE (connectionLoss() without the smoothness term)
  Eigen::VectorXd each;      // per-sample CE
  Eigen::MatrixXi elements;  // d x N: the element of each component that holds s(r, i)
};

// Device buffers reused across steps (they only grow). Construct only when device().available.
class ConnectionGpu {
 public:
  ConnectionGpu();
  ~ConnectionGpu();
  ConnectionGpu(const ConnectionGpu&) = delete;
  ConnectionGpu& operator=(const ConnectionGpu&) = delete;

  // Fills grad.dW of the mean CE (grad.dP, grad.db untouched); a CUDA failure is a
  // NumericalIssue status.
  ConnectionResult lossGradient(const LRegConnection& m, const ConnectionData& batch,
                                ConnectionGradient& grad);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lreg::gpu
