#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "lreg/common/status.h"
#include "lreg/models/lagrange_regressor_1d.h"

using namespace lreg;

namespace {

LagrangeRegressor1D randomModel(int n, int outputs, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<double> p{0.0};
  for (int i = 1; i < n; ++i) p.push_back(p.back() + 0.01 + u(rng));
  Eigen::MatrixXd c(n, outputs);
  for (auto& v : c.reshaped()) v = 4 * u(rng) - 2;
  return LagrangeRegressor1D(Mesh1D(p), c);
}

}  // namespace

TEST(LagrangeRegressor1D, PredictIsTheSumOfCoefficientsTimesBasis) {
  const LagrangeRegressor1D m = randomModel(17, 3, 1);
  std::mt19937_64 rng(2);
  std::uniform_real_distribution<double> x(m.mesh().lo() - 1, m.mesh().hi() + 1);
  Eigen::MatrixXd xs(200, 1);
  for (auto& v : xs.reshaped()) v = x(rng);
  const Eigen::MatrixXd f = m.predict(xs);
  ASSERT_EQ(f.rows(), 200);
  ASSERT_EQ(f.cols(), 3);
  for (Eigen::Index j = 0; j < xs.rows(); ++j)
    for (int k = 0; k < 3; ++k) {
      double sum = 0;
      for (int i = 0; i < m.mesh().size(); ++i)
        sum += m.coeffs()(i, k) * m.mesh().basis(i, xs(j, 0));
      EXPECT_NEAR(f(j, k), sum, 1e-12);
    }
  EXPECT_TRUE(m.predict1(xs.col(0)).isApprox(f.col(0)));
}

TEST(LagrangeRegressor1D, InterpolatesItsCoefficientsAtTheNodes) {
  const LagrangeRegressor1D m = randomModel(9, 2, 3);
  const Eigen::Map<const Eigen::VectorXd> p(m.mesh().nodes().data(), m.mesh().size());
  EXPECT_TRUE(m.predict(p).isApprox(m.coeffs(), 1e-14));
}

TEST(LagrangeRegressor1D, SaveLoadRoundTripIsExact) {
  LagrangeRegressor1D m = randomModel(33, 2, 4);
  m.setMetadata("data", "b1");
  m.setMetadata("indicator", "curvature");
  const std::string path = ::testing::TempDir() + "lreg1d_roundtrip.json";
  m.save(path);
  const LagrangeRegressor1D back = LagrangeRegressor1D::load(path);
  EXPECT_EQ(back.mesh().nodes(), m.mesh().nodes());
  EXPECT_EQ(back.coeffs(), m.coeffs());
  EXPECT_EQ(back.metadata(), m.metadata());
  Eigen::VectorXd x = Eigen::VectorXd::LinSpaced(101, -1.0, 20.0);
  EXPECT_EQ(back.predict(x), m.predict(x));
  std::remove(path.c_str());
}

TEST(LagrangeRegressor1D, RejectsMalformedModels) {
  const LagrangeRegressor1D m = randomModel(5, 1, 5);
  nlohmann::json j = m.toJson();
  j["coeffs"].erase(0);
  EXPECT_THROW(LagrangeRegressor1D::fromJson(j), InputError);
  j = m.toJson();
  j["nodes"][2] = j["nodes"][1];
  EXPECT_THROW(LagrangeRegressor1D::fromJson(j), InputError);
  EXPECT_THROW(LagrangeRegressor1D::fromJson(nlohmann::json{{"format", "other"}}), InputError);
  EXPECT_THROW(LagrangeRegressor1D(Mesh1D({0.0, 1.0}), Eigen::MatrixXd::Zero(3, 1)), InputError);
  const std::string path = ::testing::TempDir() + "lreg1d_bad.json";
  std::ofstream(path) << "{ not json";
  try {
    LagrangeRegressor1D::load(path);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
  std::remove(path.c_str());
}
