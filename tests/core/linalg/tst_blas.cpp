// The BLAS wrappers agree with Eigen's products on strided blocks (leading dimensions passed).
#include <gtest/gtest.h>

#include <Eigen/Cholesky>
#include <limits>

#include "lreg/linalg/blas.h"

using namespace lreg;

TEST(Blas, RankUpdateLowerIsAAtOnTheLowerTriangle) {
  const Eigen::MatrixXd big = Eigen::MatrixXd::Random(40, 70);
  const auto A = big.block(3, 5, 30, 60);  // outer stride 40, not 30
  Eigen::MatrixXd C = Eigen::MatrixXd::Random(30, 30);
  const Eigen::MatrixXd C0 = C;
  linalg::rankUpdateLower(C, A, 0.5, 2.0);
  const Eigen::MatrixXd ref = 2.0 * C0 + 0.5 * A * A.transpose();
  EXPECT_LT((C.triangularView<Eigen::Lower>().toDenseMatrix() -
             ref.triangularView<Eigen::Lower>().toDenseMatrix())
                .norm(),
            1e-12 * ref.norm());
  // The strict upper triangle is not written.
  EXPECT_EQ(C.triangularView<Eigen::StrictlyUpper>().toDenseMatrix(),
            C0.triangularView<Eigen::StrictlyUpper>().toDenseMatrix());
}

TEST(Blas, GemmMatchesEigen) {
  const Eigen::MatrixXd A = Eigen::MatrixXd::Random(17, 9), B = Eigen::MatrixXd::Random(13, 9);
  const Eigen::MatrixXd Bn = Eigen::MatrixXd::Random(9, 13);
  Eigen::MatrixXd C = Eigen::MatrixXd::Random(17, 13);
  Eigen::MatrixXd ref = 3.0 * C - A * B.transpose();
  linalg::gemmNT(C, A, B, -1.0, 3.0);
  EXPECT_LT((C - ref).norm(), 1e-12 * ref.norm());
  ref = A * Bn;
  linalg::gemmNN(C, A, Bn, 1.0, 0.0);
  EXPECT_LT((C - ref).norm(), 1e-12 * ref.norm());
}

// beta = 0 does not read C, as in BLAS, also for an empty inner dimension: C may hold NaN.
TEST(Blas, BetaZeroOverwritesNaNs) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const Eigen::Index k : {0, 4}) {
    const Eigen::MatrixXd A = Eigen::MatrixXd::Random(6, k), B = Eigen::MatrixXd::Random(5, k);
    Eigen::MatrixXd C = Eigen::MatrixXd::Constant(6, 5, nan);
    linalg::gemmNT(C, A, B, 1.0, 0.0);
    EXPECT_TRUE(C.isApprox(A * B.transpose()) || (k == 0 && C.isZero())) << "k = " << k;
    C.setConstant(nan);
    linalg::gemmNN(C, A, B.transpose(), 1.0, 0.0);
    EXPECT_TRUE(C.allFinite()) << "k = " << k;
    Eigen::MatrixXd S = Eigen::MatrixXd::Constant(6, 6, nan);
    linalg::rankUpdateLower(S, A, 1.0, 0.0);
    const Eigen::MatrixXd lower = S.triangularView<Eigen::Lower>();
    EXPECT_TRUE(lower.allFinite()) << "k = " << k;
  }
}

TEST(Blas, CholeskyFactorsAndRejectsIndefinite) {
  const Eigen::MatrixXd Z = Eigen::MatrixXd::Random(50, 20);
  Eigen::MatrixXd K = Z.transpose() * Z + Eigen::MatrixXd::Identity(20, 20);
  const Eigen::MatrixXd K0 = K;
  ASSERT_TRUE(linalg::choleskyLower(K));
  const Eigen::MatrixXd L = K.triangularView<Eigen::Lower>();
  EXPECT_LT((L * L.transpose() - K0).norm(), 1e-12 * K0.norm());
  EXPECT_GT(L.diagonal().minCoeff(), 0.0);
  Eigen::MatrixXd bad = K0;
  bad(7, 7) = -1.0;
  EXPECT_FALSE(linalg::choleskyLower(bad));
}

TEST(Blas, ThreadCountIsSetAndReported) {
  EXPECT_EQ(linalg::blasThreads(), 1) << "the kernels call BLAS from their own threads";
  linalg::setBlasThreads(2);
  EXPECT_EQ(linalg::blasThreads(), linalg::haveBlas() ? 2 : 1);
  linalg::setBlasThreads(1);
  EXPECT_EQ(linalg::blasThreads(), 1);
  EXPECT_FALSE(linalg::blasInfo().empty());
}
