#pragma once
// Index arithmetic of the ANMIN kernels, shared by the device code and a CPU test of it (the
// kernels cannot run where there is no GPU; their arithmetic can).
#include <cstdint>

#ifdef __CUDACC__
#define LREG_HOST_DEVICE __host__ __device__
#else
#define LREG_HOST_DEVICE
#endif

namespace lreg::gpu::detail {

// Entry t of Z (n x nb, column-major, n = h (d+1)) for the factor rows r0, r0 + 1, ...: column r
// is the Kronecker row g_k (x) l_r of eq. 6, entry j (d+1) + p = gate(j, k) factor(r0 + r, p),
// k = group[r0 + r]. factor: R x (d+1) column-major with leading dimension ldf; gate: h x K.
LREG_HOST_DEVICE inline double kronEntry(const double* factor, std::int64_t ldf, const int* group,
                                         const double* gate, int h, int dp1, std::int64_t r0,
                                         std::int64_t t) {
  const std::int64_t n = static_cast<std::int64_t>(h) * dp1;
  const std::int64_t r = t / n, e = t - r * n;
  const std::int64_t j = e / dp1, p = e - j * dp1;
  const std::int64_t row = r0 + r;
  return gate[static_cast<std::int64_t>(group[row]) * h + j] * factor[row + p * ldf];
}

// Element t of M (n x n, column-major, lower triangle = sum Z Z^T): entry (a, b) lies in the
// (d+1) x (d+1) block (j, l) = (a / (d+1), b / (d+1)), which eq. 7 scales by (B B^T / N)(j, l)
// (bbt h x h). Only a >= b acts: it scales its own lower entry and writes the mirror, and no
// element reads an upper entry, so all t may run concurrently.
LREG_HOST_DEVICE inline void scaleMirrorAt(double* M, const double* bbt, int h, int dp1,
                                           std::int64_t t) {
  const std::int64_t n = static_cast<std::int64_t>(h) * dp1;
  const std::int64_t b = t / n, a = t - b * n;
  if (a < b) return;
  const double v = M[t] * bbt[(b / dp1) * h + a / dp1];
  M[t] = v;
  M[b + a * n] = v;
}

}  // namespace lreg::gpu::detail
