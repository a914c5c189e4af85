#pragma once
// Run-time choice of the vector code of our own kernels (the default build targets any x86-64;
// OpenBLAS makes its own choice, see blas.h). The path is chosen once per process: the best the
// CPU supports, or the one named by the environment variable LREG_CPU_DISPATCH (generic, avx2,
// avx512; a path the CPU lacks falls back to the best it has).
#include <string>

#include <Eigen/Core>

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
Eigen::Index gatherUnit(const Eigen::Ref<const Eigen::MatrixXd>& Gt, const Eigen::Ref<const Eigen::MatrixXd>& Q,
                        Eigen::Index j, double* Gj, double* Qj);

}  // namespace lreg::linalg
