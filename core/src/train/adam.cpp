#include "lreg/train/adam.h"

#include "lreg/train/flat_update.h"

namespace lreg {

Adam::Adam(std::shared_ptr<const Dataset> data, AdamOptions options)
    : MinibatchTrainer("adam", std::move(data), options.net, options.mb), opt_(options) {
  rule_.beta1 = opt_.beta1;
  rule_.beta2 = opt_.beta2;
  rule_.eps = opt_.eps;
}

void Adam::update(const NetGradient& g, double lr) {
  // The rule is elementwise, so applying it to (A, B, b0) laid end to end is the same update.
  Eigen::VectorXd p = flatten(net_.A(), net_.B(), net_.b0());
  rule_.apply(p, flatten(g.dA, g.dB, g.db0), lr);
  unflatten(p, net_);
}

}  // namespace lreg
