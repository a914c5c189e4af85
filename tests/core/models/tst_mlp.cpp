// Mlp: sizes and parameter count, an exact JSON round trip, the analytic gradient against finite
// differences for every activation, and training by the shared Adam / SGD rules.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>

#include "lreg/common/status.h"
#include "lreg/data/generators.h"
#include "lreg/models/mlp.h"
#include "lreg/train/mlp_trainer.h"

using namespace lreg;

namespace {
Standardizer scaling(int cols, double mean, double scale) {
  return {Eigen::RowVectorXd::Constant(cols, mean), Eigen::RowVectorXd::Constant(cols, scale)};
}
}  // namespace

TEST(Mlp, ParameterCountIsEveryWeightAndBias) {
  const Mlp m = Mlp::random(2, 1, 5, 3, Activation::Relu, 0, 1, scaling(2, 0, 1), scaling(1, 0, 1));
  EXPECT_EQ(m.hiddenLayers(), 3);
  EXPECT_EQ(m.parameters().coefficients, (2 * 5 + 5) + 2 * (5 * 5 + 5) + (5 + 1));
  EXPECT_EQ(m.parameters().positions, 0);
  EXPECT_EQ(m.flatParameters().size(), m.parameters().total());
}

TEST(Mlp, JsonRoundTripIsBitExact) {
  Mlp m = Mlp::random(1, 2, 7, 4, Activation::LeakyRelu, 0.05, 3, scaling(1, 0.37, 0.21),
                      scaling(2, -1.3, 2.7));
  m.setDomain({Eigen::VectorXd::Constant(1, 0.02), Eigen::VectorXd::Constant(1, 1.0)});
  const std::string text = m.toJson().dump();
  const Mlp back = Mlp::fromJson(nlohmann::json::parse(text));
  EXPECT_EQ(back.kind(), "mlp");
  EXPECT_EQ(back.activation(), Activation::LeakyRelu);
  EXPECT_EQ(back.leak(), 0.05);
  EXPECT_TRUE((back.flatParameters().array() == m.flatParameters().array()).all());
  EXPECT_EQ(back.domain().lo[0], 0.02);
  EXPECT_EQ(back.domain().hi[0], 1.0);
  const Eigen::MatrixXd x = Eigen::VectorXd::LinSpaced(101, -1, 2);
  EXPECT_TRUE((back.predict(x).array() == m.predict(x).array()).all());
  EXPECT_EQ(back.toJson().dump(), text);
}

TEST(Mlp, BadJsonNamesTheField) {
  const Mlp m = Mlp::random(1, 1, 3, 1, Activation::Relu, 0, 1, scaling(1, 0, 1), scaling(1, 0, 1));
  nlohmann::json j = m.toJson();
  j.erase("x_scale");
  try {
    Mlp::fromJson(j);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("x_scale"), std::string::npos) << e.what();
  }
  nlohmann::json k = m.toJson();
  k["layers"][1]["W"] = nlohmann::json::array({{1.0, 2.0}});  // 1 x 2 after 3 units
  EXPECT_THROW(Mlp::fromJson(k), InputError);
  EXPECT_THROW(Mlp::random(1, 1, 3, 5, Activation::Relu, 0, 1, scaling(1, 0, 1), scaling(1, 0, 1)),
               InputError);
}

TEST(Mlp, GradientMatchesFiniteDifferences) {
  for (Activation a : {Activation::Relu, Activation::LeakyRelu, Activation::Tanh}) {
    const Mlp m0 = Mlp::random(2, 2, 6, 3, a, 0.1, 7, scaling(2, 0, 1), scaling(2, 0, 1));
    Eigen::MatrixXd xs = Eigen::MatrixXd::Random(40, 2), ys = Eigen::MatrixXd::Random(40, 2);
    const double lambda = 1e-3;
    Eigen::VectorXd g;
    m0.objective(xs, ys, lambda, &g);
    const Eigen::VectorXd theta = m0.flatParameters();
    Mlp m = m0;
    double worst = 0;
    for (Eigen::Index k = 0; k < theta.size(); ++k) {
      const double h = 1e-6;
      Eigen::VectorXd t = theta;
      t[k] += h;
      m.setFlatParameters(t);
      const double fp = m.objective(xs, ys, lambda);
      t[k] -= 2 * h;
      m.setFlatParameters(t);
      const double fm = m.objective(xs, ys, lambda);
      worst = std::max(worst, std::abs((fp - fm) / (2 * h) - g[k]) / (1e-3 + std::abs(g[k])));
    }
    EXPECT_LT(worst, 1e-4) << toString(a);
  }
}

TEST(MlpTrainer, AdamAndSgdLowerTheLossWithTheSharedHistoryShape) {
  auto data = std::make_shared<Dataset>(generate("a1", {.seed = 2, .n_train = 400, .n_test = 100}));
  for (MlpOptimizer opt : {MlpOptimizer::Adam, MlpOptimizer::Sgd}) {
    MlpTrainOptions o;
    o.net.hidden = 16;
    o.net.layers = 2;
    o.mb.epochs = 40;
    o.mb.batch = 32;
    o.mb.lr = opt == MlpOptimizer::Adam ? 0.01 : 0.01;
    o.optimizer = opt;
    MlpTrainer t(data, o);
    const MlpTrainReport r = t.run();
    ASSERT_TRUE(r.status.ok()) << r.status.message;
    ASSERT_EQ(r.history.points.size(), 41u);
    EXPECT_EQ(r.history.loss, "mse");
    EXPECT_LT(r.train.mse, 0.5 * r.history.points[0].train_loss);
    EXPECT_NEAR(r.history.last().train_loss, r.train.mse, 1e-12);
    EXPECT_TRUE(r.history.last().extra.count("test_r2"));
    EXPECT_EQ(r.model.domain().lo[0], data->domain_lo[0]);
  }
}

TEST(MlpTrainer, CancelKeepsTheModelAndStops) {
  auto data = std::make_shared<Dataset>(generate("a1", {.seed = 1, .n_train = 200, .n_test = 50}));
  MlpTrainOptions o;
  o.net.hidden = 8;
  o.mb.epochs = 50;
  MlpTrainer t(data, o);
  const MlpTrainReport r = t.run([](const Progress& p) { return p.step < 3; });
  EXPECT_EQ(r.status.code, StatusCode::Cancelled);
  EXPECT_EQ(r.history.points.size(), 4u);
}
