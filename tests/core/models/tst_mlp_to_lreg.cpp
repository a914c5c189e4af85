// MLP -> LReg: the converted model equals the MLP to 1e-9 of the output range at 10^5 random
// points and at every breakpoint (1D 1-4 hidden layers, the whole line, 2D one hidden layer,
// several seeds); the 2D region count obeys the line-arrangement identity; and a least-squares
// refit of the converted mesh never fits the training data worse than the MLP.
#include <gtest/gtest.h>

#include <Eigen/LU>
#include <memory>
#include <random>

#include "lreg/common/metrics.h"
#include "lreg/common/status.h"
#include "lreg/data/generators.h"
#include "lreg/models/mlp_to_lreg.h"
#include "lreg/models/mlp_to_lreg_2d.h"
#include "lreg/train/mlp_trainer.h"

using namespace lreg;

namespace {
Mlp randomNet(int inputs, int layers, int width, Activation a, std::uint64_t seed) {
  Standardizer in{Eigen::RowVectorXd::Constant(inputs, 0.5),
                  Eigen::RowVectorXd::Constant(inputs, 0.28)};
  Standardizer out{Eigen::RowVectorXd::Constant(1, 0.3), Eigen::RowVectorXd::Constant(1, 1.7)};
  Mlp m = Mlp::random(inputs, 1, width, layers, a, 0.1, seed, in, out);
  m.setDomain({Eigen::VectorXd::Constant(inputs, 0.02), Eigen::VectorXd::Constant(inputs, 1.0)});
  return m;
}

Eigen::MatrixXd uniform(Eigen::Index n, int cols, double lo, double hi, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(lo, hi);
  Eigen::MatrixXd x(n, cols);
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = u(rng);
  return x;
}

double relativeGap(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, double range) {
  return (a - b).cwiseAbs().maxCoeff() / range;
}
}  // namespace

TEST(MlpToLreg1D, AgreesOnTheDomainForOneToFourLayers) {
  for (int layers = 1; layers <= 4; ++layers) {
    for (std::uint64_t seed : {1u, 2u, 3u}) {
      for (Activation a : {Activation::Relu, Activation::LeakyRelu}) {
        const Mlp m = randomNet(1, layers, 16, a, seed);
        const MlpConversion1D c = convertMlp1D(m);
        const Eigen::MatrixXd x = uniform(100000, 1, 0.02, 1.0, seed);
        const Eigen::MatrixXd ym = m.predict(x);
        const double range = ym.maxCoeff() - ym.minCoeff();
        ASSERT_GT(range, 0);
        EXPECT_LT(relativeGap(c.lreg.predict(x), ym, range), 1e-9)
            << layers << " layers, seed " << seed;
        const Eigen::MatrixXd xb = Eigen::Map<const Eigen::VectorXd>(
            c.breakpoints.data(), static_cast<Eigen::Index>(c.breakpoints.size()));
        if (xb.rows() > 0) {
          EXPECT_LT(relativeGap(c.lreg.predict(xb), m.predict(xb), range), 1e-9);
        }
        EXPECT_GE(c.regions, 2) << "a random net with no kink on the domain tests nothing";
        EXPECT_EQ(c.lreg.mesh().lo(), 0.02);
        EXPECT_EQ(c.lreg.mesh().hi(), 1.0);
      }
    }
  }
}

TEST(MlpToLreg1D, WholeLineOptionAgreesEverywhere) {
  for (int layers = 1; layers <= 4; ++layers) {
    const Mlp m = randomNet(1, layers, 12, Activation::Relu, 10 + layers);
    const MlpConversion1D c = convertMlp1D(m, {.whole_line = true, .domain = {}});
    const Eigen::MatrixXd x = uniform(100000, 1, -200.0, 200.0, layers);
    const Eigen::MatrixXd ym = m.predict(x);
    const double range = ym.maxCoeff() - ym.minCoeff();
    EXPECT_LT(relativeGap(c.lreg.predict(x), ym, range), 1e-9) << layers << " layers";
    EXPECT_GE(static_cast<int>(c.breakpoints.size()), convertMlp1D(m).regions - 1);
  }
}

TEST(MlpToLreg1D, RejectsWhatIsNotPiecewiseLinear) {
  EXPECT_THROW(convertMlp1D(randomNet(1, 2, 4, Activation::Tanh, 1)), InputError);
  EXPECT_THROW(convertMlp1D(randomNet(2, 1, 4, Activation::Relu, 1)), InputError);
  EXPECT_THROW(convertMlp2D(randomNet(2, 2, 4, Activation::Relu, 1)), InputError);
}

TEST(MlpToLreg2D, AgreesOnTheBoxAndCountsTheCells) {
  for (std::uint64_t seed : {1u, 2u, 3u, 4u}) {
    const Mlp m = randomNet(2, 1, 12, seed % 2 ? Activation::Relu : Activation::LeakyRelu, seed);
    const MlpConversion2D c = convertMlp2D(m);
    const Eigen::MatrixXd x = uniform(100000, 2, 0.02, 1.0, seed);
    const Eigen::MatrixXd ym = m.predict(x);
    const double range = ym.maxCoeff() - ym.minCoeff();
    EXPECT_LT(relativeGap(evaluateP1Mesh2D(c.mesh, x), ym, range), 1e-9) << "seed " << seed;
    // Points on the lines themselves (where the MLP kinks) and the arrangement's vertices.
    EXPECT_LT(
        relativeGap(evaluateP1Mesh2D(c.mesh, c.mesh.vertices), m.predict(c.mesh.vertices), range),
        1e-9);
    // Lines in general position cut a convex box into 1 + lines + (crossings inside) cells.
    const MlpLayer& L = m.layers().front();
    const auto& s = m.inputScaling();
    int crossings = 0;
    for (Eigen::Index i = 0; i < L.W.cols(); ++i)
      for (Eigen::Index j = i + 1; j < L.W.cols(); ++j) {
        Eigen::Matrix2d A;
        A << L.W(0, i), L.W(1, i), L.W(0, j), L.W(1, j);
        const Eigen::Vector2d t = A.lu().solve(Eigen::Vector2d(-L.b[i], -L.b[j]));
        const Eigen::Vector2d p = s.mean.transpose() + s.scale.transpose().cwiseProduct(t);
        if ((p.array() > 0.02).all() && (p.array() < 1.0).all()) ++crossings;
      }
    EXPECT_GT(c.lines, 0);
    EXPECT_EQ(c.regions, 1 + c.lines + crossings) << "seed " << seed;
  }
}

TEST(MlpToLreg1D, LeastSquaresRefitNeverFitsWorseThanTheMlp) {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    auto data = std::make_shared<Dataset>(
        generate("sin-inv", {.seed = seed, .n_train = 500, .n_test = 100}));
    MlpTrainOptions o;
    o.net.hidden = 16;
    o.net.layers = 1 + static_cast<int>(seed % 3);
    o.net.seed = seed;
    o.mb.epochs = 30;
    o.mb.batch = 32;
    MlpTrainer t(data, o);
    const MlpTrainReport r = t.run();
    const MlpConversion1D c = convertMlp1D(r.model);
    const LagrangeRegressor1D refit =
        refitLeastSquares1D(c.lreg, data->x_train.col(0), data->y_train);
    const double mse_mlp = meanSquaredError(r.model.predict(data->x_train), data->y_train);
    const double mse_refit = meanSquaredError(refit.predict(data->x_train), data->y_train);
    EXPECT_LE(mse_refit, mse_mlp * (1 + 1e-9)) << "seed " << seed;
    EXPECT_EQ(refit.mesh().nodes(), c.lreg.mesh().nodes());
  }
}
