#include <algorithm>

#include "gpu_kernel_math.h"
#include "gpu_kernels.h"

namespace lreg::gpu::detail {

namespace {

constexpr int kThreads = 256;

// Grid-stride loops: a bounded grid covers any size (sizes are 64-bit).
int blocksFor(std::int64_t total) {
  return static_cast<int>(std::min<std::int64_t>((total + kThreads - 1) / kThreads, 65535));
}

__device__ std::int64_t firstIndex() {
  return static_cast<std::int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
}
__device__ std::int64_t gridStride() { return static_cast<std::int64_t>(gridDim.x) * blockDim.x; }

__global__ void kronRowsKernel(const double* factor, std::int64_t ldf, const int* group,
                               const double* gate, int h, int dp1, std::int64_t r0,
                               std::int64_t total, double* Z) {
  for (std::int64_t t = firstIndex(); t < total; t += gridStride())
    Z[t] = kronEntry(factor, ldf, group, gate, h, dp1, r0, t);
}

__global__ void scaleMirrorKernel(double* M, const double* bbt, int h, int dp1,
                                  std::int64_t total) {
  for (std::int64_t t = firstIndex(); t < total; t += gridStride())
    scaleMirrorAt(M, bbt, h, dp1, t);
}

__global__ void addDiagonalKernel(double* K, int n, double lambda) {
  for (std::int64_t i = firstIndex(); i < n; i += gridStride()) K[i * (n + 1)] += lambda;
}

}  // namespace

cudaError_t launchKronRows(const double* factor, std::int64_t ldf, const int* group,
                           const double* gate, int h, int dp1, std::int64_t r0, std::int64_t rows,
                           double* Z) {
  const std::int64_t total = static_cast<std::int64_t>(h) * dp1 * rows;
  if (total == 0) return cudaSuccess;  // a zero-block launch is an error
  kronRowsKernel<<<blocksFor(total), kThreads>>>(factor, ldf, group, gate, h, dp1, r0, total, Z);
  return cudaGetLastError();
}

cudaError_t launchScaleMirror(double* M, const double* bbt, int h, int dp1) {
  const std::int64_t n = static_cast<std::int64_t>(h) * dp1;
  if (n == 0) return cudaSuccess;
  scaleMirrorKernel<<<blocksFor(n * n), kThreads>>>(M, bbt, h, dp1, n * n);
  return cudaGetLastError();
}

cudaError_t launchAddDiagonal(double* K, int n, double lambda) {
  if (n == 0) return cudaSuccess;
  addDiagonalKernel<<<blocksFor(n), kThreads>>>(K, n, lambda);
  return cudaGetLastError();
}

}  // namespace lreg::gpu::detail
