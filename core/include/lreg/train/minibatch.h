#pragma once
// The epoch loop shared by Adam and SGD: each step() is one epoch over a fresh seeded shuffle of
// the training rows in minibatches, with the learning rate divided by `decay` every
// `decay_every` epochs (Barbu 2023, section 2.6: 0.03, /10 every 100 epochs, batch 256).
// The loss is eq. 1 with lambda = weight_decay (0 by default, as in the paper's runs).
#include <memory>
#include <random>

#include "lreg/train/net_trainer.h"

namespace lreg {

struct MinibatchOptions {
  int epochs = 300;
  double lr = 0.03;
  int decay_every = 100;  // epochs; 0 = constant rate
  double decay = 10.0;    // divide the rate by this every decay_every epochs
  int batch = 256;
  double weight_decay = 0.0;  // lambda of eq. 1
  bool keep_best = false;     // the paper reports the final Adam/SGD model
};

class MinibatchTrainer : public NetTrainer {
 public:
  double learningRate(int epoch) const;  // rate used in 0-based epoch

 protected:
  MinibatchTrainer(std::string method, std::shared_ptr<const Dataset> data, const NetOptions& net,
                   const MinibatchOptions& mb);
  // Applies one minibatch gradient with the current rate.
  virtual void update(const NetGradient& g, double lr) = 0;
  // The net's (A, B, b0) laid end to end (column-major each), for the flat update rules.
  static Eigen::VectorXd flatten(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B,
                                 const Eigen::RowVectorXd& b0);
  static void unflatten(const Eigen::VectorXd& p, TwoLayerRelu& net);

 private:
  void advance() override;
  MinibatchOptions mb_;
  std::mt19937_64 rng_;
  Eigen::MatrixXd xt_perm_, ys_perm_;
};

}  // namespace lreg
