#pragma once
// Minibatch SGD with optional (heavy-ball, PyTorch-style) momentum on the two-layer net. The
// paper tunes its rate per data set; the default 0.001 is stable on centred raw-unit targets
// such as the SDF distances (std 26 pixels). History extras as Adam's.
#include "lreg/train/flat_update.h"
#include "lreg/train/minibatch.h"

namespace lreg {

struct SgdOptions {
  NetOptions net;
  MinibatchOptions mb = {.epochs = 300, .lr = 1e-3};
  double momentum = 0.9;
};

class Sgd : public MinibatchTrainer {
 public:
  Sgd(std::shared_ptr<const Dataset> data, SgdOptions options = {});
  const SgdOptions& options() const { return opt_; }

 private:
  void update(const NetGradient& g, double lr) override;
  SgdOptions opt_;
  SgdRule rule_;
};

}  // namespace lreg
