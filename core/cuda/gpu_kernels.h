#pragma once
// Launchers of the three small kernels of the GPU path (all on the default stream). Each returns
// the launch error; faults while running surface at the next synchronising call, which is checked.
#include <cuda_runtime_api.h>

#include <cstdint>

namespace lreg::gpu::detail {

// Z (n x rows, column-major, n = h dp1) = Kronecker rows r0 .. r0 + rows - 1 (see kronEntry).
cudaError_t launchKronRows(const double* factor, std::int64_t ldf, const int* group,
                           const double* gate, int h, int dp1, std::int64_t r0, std::int64_t rows,
                           double* Z);
// M (n x n, lower triangle filled): scale each block by B B^T / N and mirror into the upper
// triangle.
cudaError_t launchScaleMirror(double* M, const double* bbt, int h, int dp1);
// K(i, i) += lambda, K n x n.
cudaError_t launchAddDiagonal(double* K, int n, double lambda);

}  // namespace lreg::gpu::detail
