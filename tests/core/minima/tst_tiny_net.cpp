// The tiny net's loss, gradient, Hessian and balanced form (lreg/minima/tiny_net.h).
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "lreg/minima/tiny_net.h"

using namespace lreg::minima;

namespace {

struct Fixture {
  Eigen::VectorXd x{{-1.5, -0.4, 0.3, 1.1, 2.0}};
  Eigen::VectorXd y{{0.7, -0.2, 0.4, 1.3, 2.2}};
  TinyNet net;
  Fixture() {
    net.a = Eigen::VectorXd{{0.8, -1.3}};
    net.w = Eigen::VectorXd{{1.2, -0.7}};
    net.c = Eigen::VectorXd{{-0.1, 0.45}};
    net.m = 0.3;
  }
};

}  // namespace

TEST(TinyNet, LossIsTheStatedFormulaOnRawData) {
  Fixture f;
  double data = 0;
  for (int i = 0; i < 5; ++i) {
    double out = f.net.m;
    for (int j = 0; j < 2; ++j) out += f.net.a(j) * std::max(0.0, f.net.w(j) * f.x(i) + f.net.c(j));
    data += 0.5 * (f.y(i) - out) * (f.y(i) - out);
  }
  const double lam = 0.05;
  const double pen =
      0.5 * lam * (f.net.a.squaredNorm() + f.net.w.squaredNorm() + f.net.c.squaredNorm());
  EXPECT_NEAR(loss(f.net, f.x, f.y, lam), data + pen, 1e-14);
}

TEST(TinyNet, GradientAndHessianMatchFiniteDifferences) {
  Fixture f;
  const double lam = 0.1;
  const Eigen::VectorXd p = pack(f.net);
  Eigen::VectorXd g, gp, gm;
  lossAndGradient(p, f.x, f.y, lam, g);
  const Eigen::MatrixXd H = lossHessian(f.net, f.x, f.y, lam);
  for (int k = 0; k < p.size(); ++k) {
    Eigen::VectorXd e = Eigen::VectorXd::Zero(p.size());
    e(k) = 1e-6;
    const double fd =
        (lossAndGradient(p + e, f.x, f.y, lam, gp) - lossAndGradient(p - e, f.x, f.y, lam, gm)) /
        2e-6;
    EXPECT_NEAR(g(k), fd, 1e-7) << "parameter " << k;
    const Eigen::VectorXd hcol = (gp - gm) / 2e-6;
    EXPECT_LT((H.col(k) - hcol).norm(), 1e-6) << "Hessian column " << k;
  }
}

TEST(TinyNet, BalancedFormKeepsTheFunctionAndLowersTheRidge) {
  Fixture f;
  const auto units = toReduced(f.net);
  const TinyNet b = fromReduced(units, f.x, f.y);
  for (int j = 0; j < 2; ++j) {
    EXPECT_NEAR(b.a(j) * b.a(j), b.w(j) * b.w(j) + b.c(j) * b.c(j), 1e-12);
    EXPECT_EQ(b.a(j) < 0, f.net.a(j) < 0);
  }
  // Same hidden function; m is re-solved, so the data term can only drop, and AM-GM the ridge.
  const Eigen::VectorXd d = predict(b, f.x) - predict(f.net, f.x);
  EXPECT_LT((d.array() - d.mean()).matrix().norm(), 1e-12);
  EXPECT_LE(loss(b, f.x, f.y, 0.1), loss(f.net, f.x, f.y, 0.1) + 1e-14);
  EXPECT_NEAR(pack(unpack(pack(b), 2)).norm(), pack(b).norm(), 0);
}
