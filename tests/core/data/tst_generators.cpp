#include <gtest/gtest.h>

#include "lreg/common/status.h"
#include "lreg/data/embedded.h"
#include "lreg/data/generators.h"

using namespace lreg;

TEST(Generators, NoiseCeilingsMatchTheStdReading) {
  // Population values computed analytically: A1 1 - 0.015/0.515, A2 1 - 0.001875/0.251875.
  EXPECT_NEAR(*generate("a1").noise_ceiling_r2, 0.9709, 0.001);
  EXPECT_NEAR(*generate("a2").noise_ceiling_r2, 0.99256, 0.0005);
  EXPECT_NEAR(*generate("b1").noise_ceiling_r2, 0.998, 0.0006);
  EXPECT_NEAR(*generate("b2").noise_ceiling_r2, 0.9936, 0.0004);
  EXPECT_NEAR(*generate("sin-inv").noise_ceiling_r2, 0.9998, 0.0001);
  EXPECT_DOUBLE_EQ(*generate("sph-harm").noise_ceiling_r2, 1.0);
}

TEST(Generators, SizesFollowThePaper) {
  const Dataset b2 = generate("b2");
  EXPECT_EQ(b2.x_train.rows(), 50000);
  EXPECT_EQ(b2.x_test.rows(), 10000);
  EXPECT_EQ(b2.inputs(), 2);
  const Dataset sh = generate("sph-harm", {.seed = 1, .n_train = 100, .n_test = 10});
  EXPECT_EQ(sh.outputs(), 2);
  EXPECT_EQ(sh.x_train.rows(), 100);
}

TEST(Generators, SeededAndDistinctAcrossSeeds) {
  const Dataset a = generate("a1", {.seed = 3}), b = generate("a1", {.seed = 3}),
                c = generate("a1", {.seed = 4});
  EXPECT_TRUE(a.x_train.isApprox(b.x_train));
  EXPECT_TRUE(a.y_test.isApprox(b.y_test));
  EXPECT_FALSE(a.x_train.isApprox(c.x_train));
}

TEST(Generators, InputsLieInTheDomain) {
  for (const auto& info : generators()) {
    const Dataset d = generate(info.name, {.seed = 2, .n_train = 500, .n_test = 100});
    for (int k = 0; k < d.inputs(); ++k) {
      EXPECT_GE(d.x_train.col(k).minCoeff(), d.domain_lo[k]) << info.name;
      EXPECT_LE(d.x_train.col(k).maxCoeff(), d.domain_hi[k]) << info.name;
    }
  }
}

TEST(Generators, MultiFrequencyReadingOscillates) {
  // sin-inv: y = sin(1/x) on [0.02, 1]: the truth changes sign many times; b1 (literal) never does.
  const Dataset d = generate("sin-inv", {.seed = 1, .n_train = 5000, .n_test = 0});
  Eigen::VectorXd x = d.x_train.col(0);
  std::vector<int> idx(static_cast<size_t>(x.size()));
  for (int i = 0; i < x.size(); ++i) idx[static_cast<size_t>(i)] = i;
  std::sort(idx.begin(), idx.end(), [&](int a, int b) { return x[a] < x[b]; });
  int changes = 0;
  for (size_t i = 1; i < idx.size(); ++i)
    changes += std::sin(1 / x[idx[i]]) * std::sin(1 / x[idx[i - 1]]) < 0;
  EXPECT_GE(changes, 14);  // (50 - 1) / pi ~ 15.6 zero crossings
  const Dataset b1 = generate("b1", {.seed = 1, .n_train = 1000, .n_test = 0});
  EXPECT_GT(b1.y_train.minCoeff(), -0.05);
}

TEST(Generators, UnknownNameListsTheKnownOnes) {
  try {
    generate("nope");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("sin-inv"), std::string::npos);
  }
}

TEST(Embedded, SdfDecoderAndAbalone) {
  const Dataset sdf = sdfDecoder();
  ASSERT_EQ(sdf.x_train.rows(), 73080);
  EXPECT_DOUBLE_EQ(sdf.y_train(0, 0), 96.897);
  EXPECT_DOUBLE_EQ(sdf.x_train(316, 0), 1.0);  // row-major: row 1, col 1
  EXPECT_DOUBLE_EQ(sdf.x_train(316, 1), 1.0);
  const double mean = sdf.y_train.mean();
  EXPECT_NEAR((sdf.y_train.array() - mean).square().mean(), 693, 1.0);
  const Dataset ab = abalone();
  EXPECT_EQ(ab.x_train.rows(), 4177);
  EXPECT_EQ(ab.inputs(), 7);
}

TEST(Generators, TruthFunctionMatchesTheTruthOfTheTestSet) {
  for (const auto& info : generators()) {
    const Dataset d = generate(info.name, {.seed = 5, .n_train = 10, .n_test = 50});
    const Eigen::MatrixXd t = generatorTruth(info.name, d.x_test);
    EXPECT_LT((t - *d.truth_test).cwiseAbs().maxCoeff(), 1e-12) << info.name;
  }
}
