#include "lreg/train/adam.h"

#include <cmath>

namespace lreg {

Adam::Adam(std::shared_ptr<const Dataset> data, AdamOptions options)
    : MinibatchTrainer("adam", std::move(data), options.net, options.mb), opt_(options) {
  m_.dA.setZero(net_.A().rows(), net_.A().cols());
  m_.dB.setZero(net_.B().rows(), net_.B().cols());
  m_.db0.setZero(net_.b0().size());
  v_ = m_;
}

void Adam::update(const NetGradient& g, double lr) {
  ++t_;
  const double b1 = opt_.beta1, b2 = opt_.beta2;
  const double bc1 = 1.0 - std::pow(b1, static_cast<double>(t_));
  const double sbc2 = std::sqrt(1.0 - std::pow(b2, static_cast<double>(t_)));
  const double step = lr / bc1, eps = opt_.eps;
  // PyTorch's form: p -= lr / bc1 * m / (sqrt(v) / sqrt(bc2) + eps).
  auto apply = [&](auto& m, auto& v, const auto& grad, const auto& p) {
    m = b1 * m + (1.0 - b1) * grad;
    v = b2 * v + (1.0 - b2) * grad.cwiseAbs2();
    return (p.array() - step * m.array() / (v.array().sqrt() / sbc2 + eps)).matrix().eval();
  };
  Eigen::MatrixXd A = apply(m_.dA, v_.dA, g.dA, net_.A());
  Eigen::MatrixXd B = apply(m_.dB, v_.dB, g.dB, net_.B());
  Eigen::RowVectorXd b0 = apply(m_.db0, v_.db0, g.db0, net_.b0());
  net_.setA(std::move(A));
  net_.setOutputLayer(std::move(B), std::move(b0));
}

}  // namespace lreg
