#include "lreg/linalg/blas.h"

#include <Eigen/Cholesky>
#include <algorithm>
#include <thread>

#ifdef LREG_HAVE_OPENBLAS
#include <cblas.h>
extern "C" void dpotrf_(const char* uplo, const int* n, double* a, const int* lda, int* info);
#endif

namespace lreg::linalg {

namespace {
// C = beta C, where beta = 0 does not read C (as BLAS: it may hold NaN).
void scale(Eigen::Ref<Eigen::MatrixXd> C, double beta) {
  if (beta == 0.0)
    C.setZero();
  else if (beta != 1.0)
    C *= beta;
}
void scaleLower(Eigen::Ref<Eigen::MatrixXd> C, double beta) {
  if (beta == 0.0)
    C.triangularView<Eigen::Lower>().setZero();
  else if (beta != 1.0)
    C.triangularView<Eigen::Lower>() *= beta;
}

#ifdef LREG_HAVE_OPENBLAS
int cores() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }
#endif

#ifdef LREG_HAVE_OPENBLAS
int blasInt(Eigen::Index v) { return static_cast<int>(v); }
#endif
}  // namespace

#ifdef LREG_HAVE_OPENBLAS

bool haveBlas() { return true; }

std::string blasInfo() {
  return std::string("OpenBLAS (") + openblas_get_config() + "), core " + openblas_get_corename() +
         ", " + std::to_string(openblas_get_num_threads()) + " thread(s) per call";
}

// The kernels call OpenBLAS from their own threads: it must not start more (see blas.h).
[[maybe_unused]] const bool g_single_threaded = [] {
  openblas_set_num_threads(1);
  return true;
}();

void setBlasThreads(int n) { openblas_set_num_threads(n > 0 ? n : cores()); }

int blasThreads() { return openblas_get_num_threads(); }

void rankUpdateLower(Eigen::Ref<Eigen::MatrixXd> C, const Eigen::Ref<const Eigen::MatrixXd>& A,
                     double alpha, double beta) {
  if (A.cols() == 0) {
    scaleLower(C, beta);
    return;
  }
  cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, blasInt(C.rows()), blasInt(A.cols()), alpha,
              A.data(), blasInt(A.outerStride()), beta, C.data(), blasInt(C.outerStride()));
}

void gemmNT(Eigen::Ref<Eigen::MatrixXd> C, const Eigen::Ref<const Eigen::MatrixXd>& A,
            const Eigen::Ref<const Eigen::MatrixXd>& B, double alpha, double beta) {
  if (A.cols() == 0) {
    scale(C, beta);
    return;
  }
  cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, blasInt(C.rows()), blasInt(C.cols()),
              blasInt(A.cols()), alpha, A.data(), blasInt(A.outerStride()), B.data(),
              blasInt(B.outerStride()), beta, C.data(), blasInt(C.outerStride()));
}

void gemmNN(Eigen::Ref<Eigen::MatrixXd> C, const Eigen::Ref<const Eigen::MatrixXd>& A,
            const Eigen::Ref<const Eigen::MatrixXd>& B, double alpha, double beta) {
  if (A.cols() == 0) {
    scale(C, beta);
    return;
  }
  cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, blasInt(C.rows()), blasInt(C.cols()),
              blasInt(A.cols()), alpha, A.data(), blasInt(A.outerStride()), B.data(),
              blasInt(B.outerStride()), beta, C.data(), blasInt(C.outerStride()));
}

bool choleskyLower(Eigen::Ref<Eigen::MatrixXd> K) {
  const int n = blasInt(K.rows()), lda = blasInt(K.outerStride());
  if (n == 0) return true;
  int info = 0;
  dpotrf_("L", &n, K.data(), &lda, &info);
  return info == 0;
}

#else  // Eigen fallback

bool haveBlas() { return false; }
std::string blasInfo() { return "Eigen (built without OpenBLAS)"; }
void setBlasThreads(int) {}
int blasThreads() { return 1; }

void rankUpdateLower(Eigen::Ref<Eigen::MatrixXd> C, const Eigen::Ref<const Eigen::MatrixXd>& A,
                     double alpha, double beta) {
  scaleLower(C, beta);
  if (A.cols() > 0) C.selfadjointView<Eigen::Lower>().rankUpdate(A, alpha);
}

void gemmNT(Eigen::Ref<Eigen::MatrixXd> C, const Eigen::Ref<const Eigen::MatrixXd>& A,
            const Eigen::Ref<const Eigen::MatrixXd>& B, double alpha, double beta) {
  scale(C, beta);
  if (A.cols() > 0) C.noalias() += alpha * A * B.transpose();
}

void gemmNN(Eigen::Ref<Eigen::MatrixXd> C, const Eigen::Ref<const Eigen::MatrixXd>& A,
            const Eigen::Ref<const Eigen::MatrixXd>& B, double alpha, double beta) {
  scale(C, beta);
  if (A.cols() > 0) C.noalias() += alpha * A * B;
}

bool choleskyLower(Eigen::Ref<Eigen::MatrixXd> K) {
  Eigen::LLT<Eigen::Ref<Eigen::MatrixXd>, Eigen::Lower> llt(K);  // in place, lower triangle
  return llt.info() == Eigen::Success;
}

#endif

}  // namespace lreg::linalg
