#pragma once
// The dense kernels the trainers' hot loops call: OpenBLAS when the build found it (threads,
// kernels chosen at run time for the CPU it runs on), else Eigen (one thread, the build's ISA).
// Matrices are column-major Eigen objects; shapes are given as rows x columns.
//
// Threads: OpenBLAS's pthreads build has one process-wide thread count, and its own threads
// spin-wait between calls, which costs dearly on a shared machine and makes two trainers in one
// process fight over it. So the calls made here run single-threaded (the count is set to 1 when
// the library loads) and the kernels parallelise above them (lreg/linalg/parallel.h), each with
// the thread count its caller passes: threads are per trainer, not per process.
#include <Eigen/Core>
#include <string>

namespace lreg::linalg {

bool haveBlas();         // built with OpenBLAS
std::string blasInfo();  // e.g. "OpenBLAS 0.3.21, core Haswell, 2 threads" or "Eigen (no BLAS)"

// OpenBLAS's own thread count (process-wide; n <= 0: one per core), for reference measurements
// of OpenBLAS itself (bench_anmin); set it back to 1 before the trainers' kernels run.
void setBlasThreads(int n);
int blasThreads();  // the current OpenBLAS thread count (1 without BLAS)

// C (n x n) = beta C + alpha A A^T on the lower triangle (with the diagonal); A: n x k.
void rankUpdateLower(Eigen::Ref<Eigen::MatrixXd> C, const Eigen::Ref<const Eigen::MatrixXd>& A,
                     double alpha = 1.0, double beta = 1.0);
// C (m x n) = beta C + alpha A B^T; A: m x k, B: n x k.
void gemmNT(Eigen::Ref<Eigen::MatrixXd> C, const Eigen::Ref<const Eigen::MatrixXd>& A,
            const Eigen::Ref<const Eigen::MatrixXd>& B, double alpha = 1.0, double beta = 1.0);
// C (m x n) = beta C + alpha A B; A: m x k, B: k x n.
void gemmNN(Eigen::Ref<Eigen::MatrixXd> C, const Eigen::Ref<const Eigen::MatrixXd>& A,
            const Eigen::Ref<const Eigen::MatrixXd>& B, double alpha = 1.0, double beta = 1.0);
// In place: the lower triangle of K (n x n, symmetric, lower triangle read) becomes L with
// K = L L^T (the strict upper triangle is left as it was). False when K is not positive definite.
bool choleskyLower(Eigen::Ref<Eigen::MatrixXd> K);

}  // namespace lreg::linalg
