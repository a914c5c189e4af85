// The run-time CPU dispatch: the path it picks, and the kernels on that path against plain loops.
// ctest also runs this with LREG_CPU_DISPATCH=generic (tst_cpu_dispatch_generic), and tst_anmin's
// recorded-reference test with the generic path and OpenBLAS's oldest x86-64 kernels.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
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

// Every chunk width (8, 16, 24, 32 and their sums), a partial last word, a pair list that is not
// in order, a unit with a pair of itself, sums added to what U holds, and nothing written past P
// rows of U. The kernel adds in ascending pattern order, as the loop here, so the sums are equal.
TEST(CpuDispatch, PairPatternSumsAddThePatternsWhereBothUnitsFire) {
  const Eigen::Index K = 150, words = 3, h = 5;
  std::vector<std::uint64_t> fire(static_cast<size_t>(h * words));
  for (size_t i = 0; i < fire.size(); ++i)
    fire[i] = (0x9E3779B97F4A7C15ULL * (i + 1)) ^ (0xBF58476D1CE4E5B9ULL >> (i % 7));
  for (Eigen::Index u = 0; u < h; ++u) fire[static_cast<size_t>(u * words + 2)] &= (1ULL << 22) - 1;
  fire[static_cast<size_t>(4 * words + 1)] = 0;  // a word where unit 4 never fires
  const std::vector<std::int32_t> pairs = {0, 1, 3, 3, 1, 4, 2, 2, 0, 4, 2, 3};
  const Eigen::Index npairs = static_cast<Eigen::Index>(pairs.size() / 2);
  for (const Eigen::Index P : {8, 24, 40, 112}) {
    const Eigen::MatrixXd S = Eigen::MatrixXd::Random(P + 3, 64 * words);  // ldS > P
    Eigen::MatrixXd U = Eigen::MatrixXd::Random(P + 2, npairs);
    Eigen::MatrixXd want = U;
    for (Eigen::Index q = 0; q < npairs; ++q)
      for (Eigen::Index k = 0; k < K; ++k) {
        const auto fires = [&](std::int32_t u) {
          return (fire[static_cast<size_t>(u * words + k / 64)] >> (k % 64)) & 1U;
        };
        if (fires(pairs[static_cast<size_t>(2 * q)]) &&
            fires(pairs[static_cast<size_t>(2 * q + 1)]))
          want.col(q).head(P) += S.col(k).head(P);
      }
    linalg::pairPatternSums(S.data(), P, S.rows(), fire.data(), words, words, pairs.data(), npairs,
                            U.data(), U.rows());
    EXPECT_EQ(U, want) << "P = " << P;
  }
  EXPECT_THROW(linalg::pairPatternSums(nullptr, 12, 12, fire.data(), words, words, pairs.data(),
                                       npairs, nullptr, 12),
               std::invalid_argument);
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
