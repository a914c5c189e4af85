#include "lreg/train/sgd.h"

namespace lreg {

Sgd::Sgd(std::shared_ptr<const Dataset> data, SgdOptions options)
    : MinibatchTrainer("sgd", std::move(data), options.net, options.mb), opt_(options) {
  if (!(opt_.momentum >= 0 && opt_.momentum < 1))
    throw InputError("sgd: --momentum must be in [0, 1), got " + std::to_string(opt_.momentum));
  rule_.momentum = opt_.momentum;
}

void Sgd::update(const NetGradient& g, double lr) {
  Eigen::VectorXd p = flatten(net_.A(), net_.B(), net_.b0());
  rule_.apply(p, flatten(g.dA, g.dB, g.db0), lr);
  unflatten(p, net_);
}

}  // namespace lreg
