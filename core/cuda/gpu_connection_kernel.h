#pragma once
// Launcher of the fused connection kernel (gpu_connection_kernel.cu), used by gpu_connection.cpp.
#include <cuda_runtime_api.h>

namespace lreg::gpu::detail {

// Per sample r (one block each): s_i = sigmoid(Z(r, i) + b_i), e_i = its element on nodes(i, .),
// out = frozenT(:, r) + sum_i the P1 gather of WT, CE against labels[r] into each[r], and
// g = (softmax(out) - onehot) / N scattered into dWT (C x d n, zeroed by the caller) with atomics.
// Z: N x d (column-major), b: d, nodes: d x n, WT and frozenT: C x (d n) and C x N, scratch: C x N.
cudaError_t launchConnectionStep(const double* Z, const double* b, const double* nodes,
                                 const double* WT, const double* frozenT, const int* labels, int N,
                                 int d, int n, int C, double* scratch, double* dWT, double* each,
                                 int* elements);

}  // namespace lreg::gpu::detail
