#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "lreg/common/status.h"
#include "lreg/models/two_layer_relu.h"

using namespace lreg;

namespace {
TwoLayerRelu randomNet(double alpha) {
  Eigen::MatrixXd B;
  Eigen::RowVectorXd b0;
  initOutputUniform(5, 2, 3, B, b0);
  return TwoLayerRelu(initHiddenUniform(3, 5, 3), B, b0, alpha,
                      {Eigen::RowVector3d(1, -2, 0.5), Eigen::RowVector3d(2, 0.5, 1)},
                      {Eigen::RowVector2d(10, -1), Eigen::RowVector2d(3, 1)});
}
}  // namespace

// The analytic gradient of eq. 1 matches central differences (away from the kinks).
TEST(TwoLayerRelu, ObjectiveGradientMatchesFiniteDifferences) {
  for (double alpha : {0.0, 0.1}) {
    TwoLayerRelu net = randomNet(alpha);
    const Eigen::MatrixXd xt = withOnes(Eigen::MatrixXd::Random(50, 3));
    const Eigen::MatrixXd ys = Eigen::MatrixXd::Random(50, 2);
    NetGradient g;
    objective(net, xt, ys, 0.01, &g);
    const double h = 1e-6;
    for (int p = 0; p < 4; ++p)
      for (int j = 0; j < 5; ++j) {
        Eigen::MatrixXd Ap = net.A(), Am = net.A();
        Ap(p, j) += h;
        Am(p, j) -= h;
        TwoLayerRelu np = net, nm = net;
        np.setA(Ap);
        nm.setA(Am);
        const double fd = (objective(np, xt, ys, 0.01) - objective(nm, xt, ys, 0.01)) / (2 * h);
        EXPECT_NEAR(g.dA(p, j), fd, 1e-6 * (1 + std::abs(fd)));
      }
    TwoLayerRelu np = net;
    Eigen::RowVectorXd b0 = net.b0();
    b0[1] += h;
    np.setOutputLayer(net.B(), b0);
    EXPECT_NEAR(g.db0[1], (objective(np, xt, ys, 0.01) - objective(net, xt, ys, 0.01)) / h, 1e-4);
  }
}

// predict() works in raw units: standardise, forward, unstandardise; JSON round-trips.
TEST(TwoLayerRelu, PredictInRawUnitsAndJsonRoundTrip) {
  const TwoLayerRelu net = randomNet(0.1);
  const Eigen::MatrixXd x = Eigen::MatrixXd::Random(7, 3) * 5;
  const Eigen::MatrixXd expect =
      net.outputScaling().invert(net.forward(net.inputScaling().apply(x)));
  EXPECT_TRUE(net.predict(x).isApprox(expect));
  const TwoLayerRelu back = TwoLayerRelu::fromJson(net.toJson());
  EXPECT_TRUE(back.predict(x).isApprox(net.predict(x), 1e-14));
  EXPECT_THROW(TwoLayerRelu::fromJson(nlohmann::json::object()), InputError);
}
