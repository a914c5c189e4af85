// The frozen classifier of the table jobs: its cross-entropy gradient is the true one, it learns
// a problem a linear model cannot, and bad labels are refused by row.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "lreg/train/mlp_classifier.h"

using namespace lreg;

namespace {

// Three classes on rings of radius 1, 2, 3 around the origin (not linearly separable), with two
// noise columns.
void rings(int n, std::uint64_t seed, Eigen::MatrixXd& x, Eigen::VectorXi& y) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> noise(0.0, 0.1);
  std::uniform_real_distribution<double> angle(0.0, 2 * M_PI);
  x.resize(n, 4);
  y.resize(n);
  for (int i = 0; i < n; ++i) {
    const int c = i % 3;
    const double r = 1.0 + c + noise(rng), a = angle(rng);
    x.row(i) << r * std::cos(a), r * std::sin(a), noise(rng), noise(rng);
    y[i] = c;
  }
}

double ceOf(const Mlp& net, const Eigen::MatrixXd& xs, const Eigen::VectorXi& y) {
  return crossEntropy(net.forward(xs), y);
}

}  // namespace

TEST(MlpClassifier, CrossEntropyOfUniformLogitsIsLogClasses) {
  const Eigen::MatrixXd logits = Eigen::MatrixXd::Constant(5, 4, 2.5);
  const Eigen::VectorXi y = (Eigen::VectorXi(5) << 0, 1, 2, 3, 0).finished();
  EXPECT_NEAR(crossEntropy(logits, y), std::log(4.0), 1e-14);
  // A huge logit must not overflow (the row maximum is subtracted).
  Eigen::MatrixXd big = Eigen::MatrixXd::Zero(1, 2);
  big(0, 1) = 1000;
  EXPECT_NEAR(crossEntropy(big, Eigen::VectorXi::Constant(1, 0)), 1000.0, 1e-9);
}

TEST(MlpClassifier, BackwardGivesTheCrossEntropyGradient) {
  Eigen::MatrixXd x;
  Eigen::VectorXi y;
  rings(30, 3, x, y);
  for (int layers : {1, 2}) {
    const Mlp net = Mlp::random(4, 3, 5, layers, Activation::Relu, 0.0, 7, Standardizer::fit(x),
                                Standardizer::identity(3));
    const Eigen::MatrixXd xs = net.inputScaling().apply(x);
    Eigen::VectorXd g;
    net.backward(
        xs,
        [&](const Eigen::MatrixXd& f) -> Eigen::MatrixXd {
          Eigen::MatrixXd p = (f.colwise() - f.rowwise().maxCoeff()).array().exp().matrix();
          p = p.array().colwise() / p.rowwise().sum().array();
          for (Eigen::Index i = 0; i < p.rows(); ++i) p(i, y[i]) -= 1;
          return p / static_cast<double>(p.rows());
        },
        g);
    const Eigen::VectorXd theta = net.flatParameters();
    Mlp probe = net;
    for (Eigen::Index k = 0; k < theta.size(); ++k) {
      const double h = 1e-6;
      Eigen::VectorXd t = theta;
      t[k] += h;
      probe.setFlatParameters(t);
      const double up = ceOf(probe, xs, y);
      t[k] -= 2 * h;
      probe.setFlatParameters(t);
      const double down = ceOf(probe, xs, y);
      EXPECT_NEAR(g[k], (up - down) / (2 * h), 1e-6) << "layers " << layers << " parameter " << k;
    }
  }
}

TEST(MlpClassifier, LearnsRingsBeyondALinearModelAndStopsAtAPlateau) {
  Eigen::MatrixXd x, xv;
  Eigen::VectorXi y, yv;
  rings(600, 1, x, y);
  rings(300, 2, xv, yv);
  MlpClassifierOptions o;
  o.hidden = 32;
  o.epochs = 400;
  o.lr = 1e-2;
  const MlpClassifierReport r = trainMlpClassifier(x, y, xv, yv, 3, o);
  ASSERT_TRUE(r.status.ok()) << r.status.message;
  const HistoryPoint& last = r.history.last();
  // Rings are not linearly separable: a linear classifier is near chance (1/3); the MLP is not.
  EXPECT_GT(last.extra.at("val_acc"), 0.95);
  EXPECT_LT(last.test_loss, 0.3 * r.history.points.front().test_loss);
  EXPECT_TRUE(r.plateaued) << "stopped at the cap after " << last.step << " epochs";
  EXPECT_LT(last.step, o.epochs);
  EXPECT_EQ(lastHiddenFeatures(r.model, xv).cols(), 32);
  EXPECT_GE(lastHiddenFeatures(r.model, xv).minCoeff(), 0.0);  // ReLU activations
  EXPECT_NEAR(crossEntropy(r.model.predict(xv), yv), last.test_loss, 1e-12);
}

TEST(MlpClassifier, RefusesLabelsOutOfRangeNamingTheRow) {
  Eigen::MatrixXd x;
  Eigen::VectorXi y;
  rings(12, 1, x, y);
  y[4] = -1;
  try {
    trainMlpClassifier(x, y, Eigen::MatrixXd(0, 4), Eigen::VectorXi(0), 3, {});
    FAIL() << "a negative label was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("row 5"), std::string::npos) << e.what();
  }
  EXPECT_THROW(trainMlpClassifier(x, Eigen::VectorXi::Zero(12), Eigen::MatrixXd(0, 4),
                                  Eigen::VectorXi(0), 1, {}),
               InputError);  // one class
}
