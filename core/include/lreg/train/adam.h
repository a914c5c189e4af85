#pragma once
// Adam (Kingma & Ba) on the two-layer net, as Barbu (2023) runs it: 300 epochs, rate 0.03 divided
// by 10 every 100 epochs, batch 256, PyTorch's defaults beta = (0.9, 0.999), eps = 1e-8, and
// PyTorch's nn.Linear initialisation. History extras: lr, train_r2, test_r2, best_train_mse.
#include "lreg/train/flat_update.h"
#include "lreg/train/minibatch.h"

namespace lreg {

struct AdamOptions {
  NetOptions net;
  MinibatchOptions mb;  // epochs 300, lr 0.03, /10 every 100, batch 256
  double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
};

class Adam : public MinibatchTrainer {
 public:
  Adam(std::shared_ptr<const Dataset> data, AdamOptions options = {});
  const AdamOptions& options() const { return opt_; }

 private:
  void update(const NetGradient& g, double lr) override;
  AdamOptions opt_;
  AdamRule rule_;
};

}  // namespace lreg
