#pragma once
// The Adam and SGD update rules on a flat parameter vector, shared by every net the gradient
// trainers train (TwoLayerRelu through Adam / Sgd, Mlp through MlpTrainer): the rules only see
// theta and its gradient, so a net need only expose those (Mlp::flatParameters, objective).
#include <Eigen/Core>
#include <cmath>

namespace lreg {

// PyTorch's Adam: m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2,
// p -= lr / bc1 * m / (sqrt(v) / sqrt(bc2) + eps).
struct AdamRule {
  double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
  Eigen::VectorXd m, v;
  long t = 0;

  void apply(Eigen::VectorXd& p, const Eigen::VectorXd& g, double lr) {
    if (m.size() != p.size()) {
      m.setZero(p.size());
      v.setZero(p.size());
    }
    ++t;
    const double bc1 = 1.0 - std::pow(beta1, static_cast<double>(t));
    const double sbc2 = std::sqrt(1.0 - std::pow(beta2, static_cast<double>(t)));
    const double step = lr / bc1;
    m = beta1 * m + (1.0 - beta1) * g;
    v = beta2 * v + (1.0 - beta2) * g.cwiseAbs2();
    p = (p.array() - step * m.array() / (v.array().sqrt() / sbc2 + eps)).matrix().eval();
  }
};

// PyTorch's SGD with heavy-ball momentum: buf = momentum buf + g (buf = g at first), p -= lr buf.
struct SgdRule {
  double momentum = 0.9;
  Eigen::VectorXd buf;
  bool first = true;

  void apply(Eigen::VectorXd& p, const Eigen::VectorXd& g, double lr) {
    if (first || momentum == 0) {
      buf = g;
      first = false;
    } else {
      buf = momentum * buf + g;
    }
    p = p - lr * buf;
  }
};

}  // namespace lreg
