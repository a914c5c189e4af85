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

// The kernels of the hidden-layer Gram matrix (see accumulateHiddenGram in lreg/train/anmin.h),
// on the current cpuPath(). P = (d+1)(d+2)/2 products per row.
//
// Q (P x nb) column r = (l_p l_q) over q = 0..d, p = q..d, of Lt column r (Lt: (d+1) x nb).
void pairProducts(const Eigen::Ref<const Eigen::MatrixXd>& Lt, Eigen::Ref<Eigen::MatrixXd> Q);
// The rows where unit j's gate s_r = Gt(j, r) is non-zero (all of them unless alpha = 0), packed:
// Gj ((h-j) x m, leading dimension h-j) column i = Gt(j..h-1, r_i) and Qj (P x m) column
// i = s_{r_i} Q(:, r_i). Gt: h x nb gates of the rows. Returns m; Gj and Qj hold >= nb columns.
Eigen::Index gatherUnit(const Eigen::Ref<const Eigen::MatrixXd>& Gt,
                        const Eigen::Ref<const Eigen::MatrixXd>& Q, Eigen::Index j, double* Gj,
                        double* Qj);

// Firing bits of rows b..e-1 of xt (N x (d+1)) for At (h x (d+1)): bit j of word w of row i,
// bits[i W + w], is (sum_p xt(i, p) At(j, p) > 0) for j = 64 w + bit, the sum taken in the order
// p = 0..d without fused multiply-adds (as Eigen's product, so the patterns do not depend on the
// path). scratch holds >= h doubles.
void firingBits(const Eigen::Ref<const Eigen::MatrixXd>& xt,
                const Eigen::Ref<const Eigen::MatrixXd>& At, Eigen::Index b, Eigen::Index e,
                std::uint64_t* bits, Eigen::Index W, double* scratch);

}  // namespace lreg::linalg
