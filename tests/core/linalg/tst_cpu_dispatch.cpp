// The run-time CPU dispatch: the path it picks, and the kernels on that path against plain loops.
// ctest also runs this with LREG_CPU_DISPATCH=generic (tst_cpu_dispatch_generic), and tst_anmin's
// recorded-reference test with the generic path and OpenBLAS's oldest x86-64 kernels.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <string>
#include <vector>

#include "lreg/linalg/blas.h"
#include "lreg/linalg/cpu_dispatch.h"

using namespace lreg;

TEST(CpuDispatch, PathFollowsTheEnvironmentAndTheCpu) {
  const char* env = std::getenv("LREG_CPU_DISPATCH");
  const linalg::CpuPath p = linalg::cpuPath();
  if (env && std::string(env) == "generic") {
    EXPECT_EQ(p, linalg::CpuPath::Generic);
    return;
  }
#if defined(__x86_64__) && defined(__GNUC__)
  const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  const bool avx512 = avx2 && __builtin_cpu_supports("avx512f");
  if (env && std::string(env) == "avx2")
    EXPECT_EQ(p, avx2 ? linalg::CpuPath::Avx2 : linalg::CpuPath::Generic);
  else
    EXPECT_EQ(p, avx512 ? linalg::CpuPath::Avx512
                 : avx2 ? linalg::CpuPath::Avx2
                        : linalg::CpuPath::Generic);
#endif
}

TEST(CpuDispatch, OpenBlasCoreFollowsTheEnvironment) {
  const char* core = std::getenv("OPENBLAS_CORETYPE");
  if (!linalg::haveBlas() || !core) GTEST_SKIP() << "no OpenBLAS or no OPENBLAS_CORETYPE";
  std::string info = linalg::blasInfo(), want = core;
  for (auto* s : {&info, &want})
    for (char& c : *s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_NE(info.find("core " + want), std::string::npos) << linalg::blasInfo();
}

TEST(CpuDispatch, PairProductsAreTheLowerTriangleOfLLt) {
  const Eigen::Index dp1 = 5, nb = 7, P = dp1 * (dp1 + 1) / 2;
  const Eigen::MatrixXd big = Eigen::MatrixXd::Random(dp1 + 2, nb);
  Eigen::MatrixXd Q = Eigen::MatrixXd::Constant(P + 1, nb, 99.0);
  linalg::pairProducts(big.topRows(dp1), Q.topRows(P));
  for (Eigen::Index r = 0; r < nb; ++r) {
    Eigen::Index idx = 0;
    for (Eigen::Index q = 0; q < dp1; ++q)
      for (Eigen::Index p = q; p < dp1; ++p, ++idx)
        EXPECT_DOUBLE_EQ(Q(idx, r), big(p, r) * big(q, r)) << p << "," << q << " row " << r;
    EXPECT_EQ(Q(P, r), 99.0) << "wrote past P";
  }
}

TEST(CpuDispatch, GatherUnitPacksTheRowsWhereTheUnitIsOn) {
  const Eigen::Index h = 6, nb = 9, P = 4;
  Eigen::MatrixXd Gt = (Eigen::MatrixXd::Random(h, nb).array() > 0).cast<double>();
  Gt.row(2).setZero();
  Gt(2, 4) = 0.25;  // a leaky gate value is kept and scales the products
  const Eigen::MatrixXd Q = Eigen::MatrixXd::Random(P, nb);
  for (Eigen::Index j = 0; j < h; ++j) {
    Eigen::MatrixXd Gj(h, nb), Qj(P, nb);
    const Eigen::Index m = linalg::gatherUnit(Gt, Q, j, Gj.data(), Qj.data());
    Eigen::Index i = 0;
    for (Eigen::Index r = 0; r < nb; ++r) {
      if (Gt(j, r) == 0.0) continue;
      ASSERT_LT(i, m);
      for (Eigen::Index t = 0; t < h - j; ++t) EXPECT_EQ(Gj.data()[i * (h - j) + t], Gt(j + t, r));
      for (Eigen::Index t = 0; t < P; ++t) EXPECT_DOUBLE_EQ(Qj(t, i), Gt(j, r) * Q(t, r));
      ++i;
    }
    EXPECT_EQ(m, i) << "unit " << j;
  }
}

TEST(CpuDispatch, FiringBitsAreTheSignsOfXtA) {
  // Two words, the second partly used; rows past a block of 256 and a partial last block.
  const Eigen::Index N = 600, dp1 = 4, h = 70, W = 2;
  Eigen::MatrixXd xt = Eigen::MatrixXd::Random(N, dp1);
  xt.col(0).setOnes();
  const Eigen::MatrixXd A = Eigen::MatrixXd::Random(dp1, h);
  const Eigen::MatrixXd H = xt * A;
  std::vector<std::uint64_t> bits(static_cast<size_t>(N * W), ~0ULL);
  std::vector<double> scratch(static_cast<size_t>(h));
  linalg::firingBits(xt, A.transpose(), 10, N, bits.data(), W, scratch.data());
  for (Eigen::Index i = 0; i < N; ++i)
    for (Eigen::Index j = 0; j < 128; ++j) {
      const bool bit = (bits[static_cast<size_t>(i * W + j / 64)] >> (j % 64)) & 1U;
      if (i < 10)
        EXPECT_TRUE(bit) << "row " << i << " is outside the range and left alone";
      else if (j >= h)
        EXPECT_FALSE(bit) << "padding bit " << j;
      else
        EXPECT_EQ(bit, H(i, j) > 0) << i << "," << j;
    }
}
