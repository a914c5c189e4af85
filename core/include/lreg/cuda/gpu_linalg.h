#pragma once
// Optional GPU (CUDA) path of ANMIN's hidden-layer system (eqs. 6-9): accumulate M on the device
// (cuBLAS DSYRK over Kronecker rows built from the firing-pattern factor rows), add lambda I,
// Cholesky (cuSOLVER DPOTRF/DPOTRS) and the log-determinant from the factor's diagonal.
// Plain C++: no CUDA type appears here, so core and its users compile without the toolkit.
// In a build without CUDA (LREG_WITH_CUDA=OFF or no nvcc) the same functions exist and answer
// "built without CUDA"; every failure is a Status, so the caller runs the CPU path instead.
#include <Eigen/Core>
#include <cstdint>
#include <memory>
#include <string>

#include "lreg/common/status.h"

namespace lreg {
struct FiringGroups;
}

namespace lreg::gpu {

struct DeviceInfo {
  bool built = false;      // compiled with CUDA
  bool available = false;  // a usable device (compute capability >= 8.0) and cuBLAS/cuSOLVER loaded
  std::string
      message;  // one line, e.g. "CUDA: no device found (cudaGetDeviceCount: ...); using the CPU"
};

// Probed once per process (thread-safe); later calls return the cached answer.
const DeviceInfo& device();

// Loads cuBLAS and cuSOLVER (dlopen) and resolves the functions used here; needs no device.
// They are loaded at run time, not linked, so that lreg starts on machines without the toolkit.
Status loadLibraries();

struct Solve {
  Status status;      // NumericalIssue: not SPD / ln|M + lambda I| <= tau / a CUDA error
  Eigen::MatrixXd x;  // (M + lambda I)^-1 rhs; empty unless status.ok()
  double logdet = 0;  // ln|M + lambda I| from the Cholesky factor (-inf when it failed)
  Eigen::MatrixXd
      M;  // n x n, both triangles (hiddenSolve: when asked for, or when the solve failed)
  bool rejected = false;  // the Cholesky or the tau test rejected M + lambda I (not a CUDA error):
                          // the CPU's SVD fallback applies, and the device stays usable
};

// Device handles and buffers, reused across calls (buffers only grow). One per worker thread;
// construct only when device().available. Not copyable.
class Linalg {
 public:
  Linalg();
  ~Linalg();
  Linalg(const Linalg&) = delete;
  Linalg& operator=(const Linalg&) = delete;

  // x = (M + lambda I)^-1 rhs for symmetric M (n x n; its lower triangle is read), by Cholesky;
  // status NumericalIssue when it fails or when logdet <= tau. Solve::M stays empty.
  Solve regularizedSolve(const Eigen::MatrixXd& M, double lambda, const Eigen::MatrixXd& rhs,
                         double tau);

  // ANMIN eq. 7 and eq. 9 on the device: M as accumulateHiddenGram(g, B, .), then as
  // regularizedSolve(M, lambda, rhs, tau). rhs (n x k) is hiddenRhs (cheap, computed on the CPU).
  // Solve::M is filled when return_m or when the accumulation succeeded but the solve did not,
  // so the CPU path (SVD fallback) can go on without recomputing it. batch_rows: factor rows per
  // SYRK (0: as many as 256 MiB of Kronecker rows hold; result unchanged).
  Solve hiddenSolve(const FiringGroups& g, const Eigen::MatrixXd& B, const Eigen::MatrixXd& rhs,
                    double lambda, double tau, bool return_m = false, std::int64_t batch_rows = 0);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lreg::gpu
