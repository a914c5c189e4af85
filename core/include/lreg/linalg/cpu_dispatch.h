#pragma once
// Run-time choice of the vector code of our own kernels (the default build targets any x86-64;
// OpenBLAS makes its own choice, see blas.h). The path is chosen once per process: the best the
// CPU supports, or the one named by the environment variable LREG_CPU_DISPATCH (generic, avx2,
// avx512; a path the CPU lacks falls back to the best it has).
#include <Eigen/Core>
#include <cstdint>
#include <string>

namespace lreg::linalg {

enum class CpuPath { Generic, Avx2, Avx512 };
CpuPath cpuPath();
std::string toString(CpuPath p);

// The kernel of the hidden-layer Gram matrix (see accumulateHiddenGram in lreg/train/anmin.h),
// on the current cpuPath(): for each pair q = (j, l) = (pairs[2q], pairs[2q+1]),
// U(:, q) += sum of S(:, k) over the patterns k < 64 words where both units fire, k ascending
// (the same sums, bit for bit, on every path: adds only, in one order). S: P x 64 words (leading
// dimension ldS), P a multiple of 8; fire[u ldf + w] bit t: unit u fires in pattern 64 w + t;
// U: P x npairs (leading dimension ldU).
void pairPatternSums(const double* S, Eigen::Index P, Eigen::Index ldS, const std::uint64_t* fire,
                     Eigen::Index ldf, Eigen::Index words, const std::int32_t* pairs,
                     Eigen::Index npairs, double* U, Eigen::Index ldU);

// Firing bits of rows b..e-1 of xt (N x (d+1)) for At (h x (d+1)): bit j of word w of row i,
// bits[i W + w], is (sum_p xt(i, p) At(j, p) > 0) for j = 64 w + bit, the sum taken in the order
// p = 0..d without fused multiply-adds (as Eigen's product, so the patterns do not depend on the
// path). scratch holds >= h doubles.
void firingBits(const Eigen::Ref<const Eigen::MatrixXd>& xt,
                const Eigen::Ref<const Eigen::MatrixXd>& At, Eigen::Index b, Eigen::Index e,
                std::uint64_t* bits, Eigen::Index W, double* scratch);

}  // namespace lreg::linalg
