#include "lreg/train/sgd.h"

namespace lreg {

Sgd::Sgd(std::shared_ptr<const Dataset> data, SgdOptions options)
    : MinibatchTrainer("sgd", std::move(data), options.net, options.mb), opt_(options) {
  if (!(opt_.momentum >= 0 && opt_.momentum < 1))
    throw InputError("sgd: --momentum must be in [0, 1), got " + std::to_string(opt_.momentum));
}

void Sgd::update(const NetGradient& g, double lr) {
  // PyTorch's SGD: buf = momentum buf + g (buf = g at the first step); p -= lr buf.
  if (first_ || opt_.momentum == 0) {
    buf_ = g;
    first_ = false;
  } else {
    buf_.dA = opt_.momentum * buf_.dA + g.dA;
    buf_.dB = opt_.momentum * buf_.dB + g.dB;
    buf_.db0 = opt_.momentum * buf_.db0 + g.db0;
  }
  net_.setA(net_.A() - lr * buf_.dA);
  net_.setOutputLayer(net_.B() - lr * buf_.dB, net_.b0() - lr * buf_.db0);
}

}  // namespace lreg
