#include <algorithm>

#include "gpu_connection_kernel.h"

namespace lreg::gpu::detail {

namespace {

constexpr int kThreads = 256;
constexpr int kMaxComponents = 4096;  // ConnectionOptions::validate's bound on d

// Block-wide reduction of one value per thread (max or sum), the result in every thread.
template <bool Max>
__device__ double blockReduce(double v, double* shared) {
  for (int off = 16; off > 0; off /= 2) {
    const double o = __shfl_down_sync(0xffffffffu, v, off);
    v = Max ? fmax(v, o) : v + o;
  }
  const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  if (lane == 0) shared[warp] = v;
  __syncthreads();
  if (warp == 0) {
    v = lane < blockDim.x / 32 ? shared[lane] : (Max ? -INFINITY : 0.0);
    for (int off = 16; off > 0; off /= 2) {
      const double o = __shfl_down_sync(0xffffffffu, v, off);
      v = Max ? fmax(v, o) : v + o;
    }
    if (lane == 0) shared[0] = v;
  }
  __syncthreads();
  const double r = shared[0];
  __syncthreads();
  return r;
}

// Same element search as LRegConnection::locate: the end elements take what lies beyond the ends.
__device__ int locate(const double* nodes, int d, int n, int i, double s) {
  const auto at = [&](int k) { return nodes[i + static_cast<long long>(k) * d]; };
  int lo = 0, hi = n - 1;
  if (s <= at(1)) return 0;
  if (s >= at(hi - 1)) return hi - 1;
  while (hi - lo > 1) {
    const int mid = (lo + hi) / 2;
    if (at(mid) <= s)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

// Dynamic shared memory: d ints (elements) then d doubles (weights t) then 32 doubles (reduction).
__global__ void connectionStepKernel(const double* Z, const double* b, const double* nodes,
                                     const double* WT, const double* frozenT, const int* labels,
                                     int N, int d, int n, int C, double* scratch, double* dWT,
                                     double* each, int* elements) {
  extern __shared__ double smem[];
  double* t = smem;
  double* red = smem + d;
  int* e = reinterpret_cast<int*>(smem + d + 32);
  for (int r = blockIdx.x; r < N; r += gridDim.x) {
    for (int i = threadIdx.x; i < d; i += blockDim.x) {
      const double s = 1.0 / (1.0 + exp(-(Z[r + static_cast<long long>(i) * N] + b[i])));
      const int k = locate(nodes, d, n, i, s);
      const double x0 = nodes[i + static_cast<long long>(k) * d],
                   x1 = nodes[i + static_cast<long long>(k + 1) * d];
      e[i] = k;
      t[i] = (s - x0) / (x1 - x0);
      elements[i + static_cast<long long>(r) * d] = k;
    }
    __syncthreads();
    double* out = scratch + static_cast<long long>(r) * C;
    double mx = -INFINITY;
    for (int c = threadIdx.x; c < C; c += blockDim.x) {  // threads over classes: coalesced reads
      double o = frozenT[c + static_cast<long long>(r) * C];
      for (int i = 0; i < d; ++i) {
        const long long j = static_cast<long long>(i) * n + e[i];
        o += (1.0 - t[i]) * WT[c + j * C] + t[i] * WT[c + (j + 1) * C];
      }
      out[c] = o;
      mx = fmax(mx, o);
    }
    mx = blockReduce<true>(mx, red);
    double z = 0;
    for (int c = threadIdx.x; c < C; c += blockDim.x) z += exp(out[c] - mx);
    z = blockReduce<false>(z, red);
    const int label = labels[r];
    if (threadIdx.x == 0) each[r] = log(z) + mx - out[label];
    for (int c = threadIdx.x; c < C; c += blockDim.x) {
      const double g = (exp(out[c] - mx) / z - (c == label ? 1.0 : 0.0)) / N;
      for (int i = 0; i < d; ++i) {
        const long long j = static_cast<long long>(i) * n + e[i];
        atomicAdd(&dWT[c + j * C], (1.0 - t[i]) * g);
        atomicAdd(&dWT[c + (j + 1) * C], t[i] * g);
      }
    }
    __syncthreads();  // e and t are rewritten for the next sample
  }
}

}  // namespace

cudaError_t launchConnectionStep(const double* Z, const double* b, const double* nodes,
                                 const double* WT, const double* frozenT, const int* labels, int N,
                                 int d, int n, int C, double* scratch, double* dWT, double* each,
                                 int* elements) {
  if (N == 0) return cudaSuccess;  // a zero-block launch is an error
  if (d > kMaxComponents || n < 2) return cudaErrorInvalidValue;
  const size_t shared =
      (static_cast<size_t>(d) + 32) * sizeof(double) + static_cast<size_t>(d) * sizeof(int);
  if (shared > 48 * 1024) {
    const cudaError_t err =
        cudaFuncSetAttribute(connectionStepKernel, cudaFuncAttributeMaxDynamicSharedMemorySize,
                             static_cast<int>(shared));
    if (err != cudaSuccess) return err;
  }
  const int blocks = std::min(N, 65535);
  connectionStepKernel<<<blocks, kThreads, shared>>>(Z, b, nodes, WT, frozenT, labels, N, d, n, C,
                                                     scratch, dWT, each, elements);
  return cudaGetLastError();
}

}  // namespace lreg::gpu::detail
