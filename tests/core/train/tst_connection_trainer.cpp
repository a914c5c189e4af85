#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <random>

#include "lreg/train/connection_trainer.h"

using namespace lreg;

namespace {

// A frozen "model" that knows only the linear part (frozen_scale x1) of a task that needs a
// nonlinear function of the leading feature: class = [sin(2 x0) + 1.2 x1 > 0], C_in = 4 (x0 has
// the largest variance, so the first principal component finds it).
ConnectionData synthetic(int n, std::uint64_t seed, double frozen_scale = 0.0) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-2.0, 2.0);
  ConnectionData d;
  d.features.resize(n, 4);
  d.frozen.resize(n, 2);
  d.labels.resize(n);
  for (int r = 0; r < n; ++r) {
    for (int c = 0; c < 4; ++c) d.features(r, c) = (c == 0 ? 1.0 : 0.25) * u(rng);
    const double f = std::sin(2 * d.features(r, 0)) + 1.2 * d.features(r, 1);
    d.labels[r] = f > 0;
    d.frozen(r, 0) = -frozen_scale * d.features(r, 1);
    d.frozen(r, 1) = frozen_scale * d.features(r, 1);
  }
  return d;
}

LRegConnection randomConnection(int cin, int d, int n, int C, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> g;
  Eigen::MatrixXd P = Eigen::MatrixXd::NullaryExpr(d, cin, [&] { return 0.7 * g(rng); });
  Eigen::VectorXd b = Eigen::VectorXd::NullaryExpr(d, [&] { return 0.3 * g(rng); });
  Eigen::MatrixXd nodes(d, n);
  for (int i = 0; i < d; ++i) {
    Eigen::VectorXd gaps =
        Eigen::VectorXd::NullaryExpr(n - 1, [&] { return 0.2 + std::abs(g(rng)); });
    nodes(i, 0) = 0;
    for (int k = 1; k < n; ++k) nodes(i, k) = nodes(i, k - 1) + gaps[k - 1] / gaps.sum();
  }
  Eigen::MatrixXd W =
      Eigen::MatrixXd::NullaryExpr(static_cast<Eigen::Index>(d) * n, C, [&] { return g(rng); });
  return LRegConnection(P, b, nodes, W, ConnectionLoss::CrossEntropy);
}

}  // namespace

TEST(ConnectionLoss, GradientMatchesCentralDifferencesForHeadAndProjection) {
  for (ConnectionLoss loss : {ConnectionLoss::CrossEntropy, ConnectionLoss::MeanSquared}) {
    ConnectionData data = synthetic(40, 3, 0.5);
    data.loss = loss;
    if (loss == ConnectionLoss::MeanSquared) data.targets = Eigen::MatrixXd::Random(40, 2);
    LRegConnection m = randomConnection(4, 3, 6, 2, 11);
    ConnectionGradient g;
    connectionLoss(m, data, 0.05, &g, true);
    const double h = 1e-6;
    auto check = [&](Eigen::MatrixXd& param, const Eigen::MatrixXd& grad, const char* name) {
      for (Eigen::Index k = 0; k < param.size(); k += 3) {
        const double keep = param.data()[k];
        param.data()[k] = keep + h;
        const double up = connectionLoss(m, data, 0.05);
        param.data()[k] = keep - h;
        const double down = connectionLoss(m, data, 0.05);
        param.data()[k] = keep;
        EXPECT_NEAR(grad.data()[k], (up - down) / (2 * h), 1e-6 * (1 + std::abs(grad.data()[k])))
            << name << "[" << k << "]";
      }
    };
    check(m.mutableW(), g.dW, "W");
    check(m.mutableP(), g.dP, "P");
    Eigen::MatrixXd bm = m.b();
    Eigen::MatrixXd db = g.db;
    for (Eigen::Index k = 0; k < bm.size(); ++k) {
      const double keep = m.b()[k];
      m.mutableB()[k] = keep + h;
      const double up = connectionLoss(m, data, 0.05);
      m.mutableB()[k] = keep - h;
      const double down = connectionLoss(m, data, 0.05);
      m.mutableB()[k] = keep;
      EXPECT_NEAR(db(k, 0), (up - down) / (2 * h), 1e-6 * (1 + std::abs(db(k, 0))))
          << "b[" << k << "]";
    }
  }
}

TEST(ConnectionTrainer, StartsExactlyAtTheFrozenModelAndBeatsItOnValidation) {
  auto split =
      std::make_shared<ConnectionSplit>(splitConnectionData(synthetic(1500, 1, 0.4), 0.2, 1));
  ConnectionOptions o;
  o.components = 4;
  o.nodes = 12;
  o.epochs = 8;
  o.lr = 0.05;
  ConnectionTrainer t(split, o);
  // Point 0: the head is zero, so the logits are the frozen model's.
  EXPECT_EQ(t.model().predict(split->val.features).cwiseAbs().maxCoeff(), 0.0);
  const auto r0 = t.report();
  EXPECT_DOUBLE_EQ(t.history().points[0].test_loss, r0.frozen_val_loss);
  const ConnectionReport r = t.run();
  ASSERT_TRUE(r.status.ok()) << r.status.message;
  EXPECT_LT(r.history.last().test_loss, 0.6 * r.frozen_val_loss);
  EXPECT_GT(r.history.last().extra.at("val_acc"), r.frozen_val_acc + 0.15);
  EXPECT_EQ(r.edges.size(), 9u);  // initial + one mesh update per epoch
  EXPECT_EQ(r.model.parameters().total(), (4 + 1) * 4 + 4 * 12 * 2);
}

TEST(ConnectionTrainer, PaperEdgesLeaveTheNegativeHalfWithoutData) {
  // The authors' linspace(-1, 1) edges under a sigmoid: no sample can fall below 0.
  auto split = std::make_shared<ConnectionSplit>(splitConnectionData(synthetic(400, 2), 0.25, 2));
  ConnectionOptions o = ConnectionOptions::paper();
  o.components = 3;
  o.nodes = 8;
  o.epochs = 0;
  ConnectionTrainer t(split, o);
  const Eigen::MatrixXd s = t.model().sigmoidNorm(split->train.features);
  for (int i = 0; i < 3; ++i)
    for (Eigen::Index r = 0; r < s.rows(); ++r) EXPECT_GE(t.model().locate(i, s(r, i)), 3);
}

TEST(ConnectionMesh, UpdateKeepsEndsOrderAndValuesAndFollowsTheCounts) {
  LRegConnection m = randomConnection(4, 2, 10, 3, 5);
  const LRegConnection before = m;
  Eigen::VectorXd counts = Eigen::VectorXd::Zero(9);
  counts[6] = 100;  // the worst samples sit in interval 6 of component 0
  updateComponentMesh(m, 0, counts, 0.25);
  const auto x = m.nodes().row(0);
  EXPECT_EQ(x[0], before.nodes()(0, 0));
  EXPECT_EQ(x[9], before.nodes()(0, 9));
  for (int k = 1; k < 10; ++k) EXPECT_GT(x[k], x[k - 1]);
  // Most nodes move into the counted interval.
  int inside = 0;
  for (int k = 0; k < 10; ++k)
    inside += x[k] >= before.nodes()(0, 6) && x[k] <= before.nodes()(0, 7);
  EXPECT_GE(inside, 6);
  // The new coefficients are the old function's values at the new nodes.
  for (int k = 0; k < 10; ++k) {
    const double s = x[k];
    const int e = before.locate(0, s);
    const double t = (s - before.nodes()(0, e)) / (before.nodes()(0, e + 1) - before.nodes()(0, e));
    const Eigen::RowVectorXd old = (1 - t) * before.W().row(e) + t * before.W().row(e + 1);
    EXPECT_LT((m.W().row(k) - old).cwiseAbs().maxCoeff(), 1e-12);
  }
  // Component 1 is untouched.
  EXPECT_EQ(m.nodes().row(1), before.nodes().row(1));
}

TEST(LRegConnectionModel, JsonRoundTripIsBitExactAndChecksShapes) {
  const LRegConnection m = randomConnection(5, 3, 7, 4, 9);
  const LRegConnection back = LRegConnection::fromJson(nlohmann::json::parse(m.toJson().dump()));
  EXPECT_EQ(back.P(), m.P());
  EXPECT_EQ(back.W(), m.W());
  EXPECT_EQ(back.nodes(), m.nodes());
  nlohmann::json j = m.toJson();
  j["W"].erase(0);
  EXPECT_THROW(LRegConnection::fromJson(j), InputError);
}
