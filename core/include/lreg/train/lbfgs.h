#pragma once
// Full-batch L-BFGS on the two-layer net (loss eq. 1 with lambda = weight_decay). One step() is
// `inner` quasi-Newton updates (PyTorch's max_iter = 20 per optimizer step); the paper runs 60
// steps and, because LBFGS blows up near the ReLU kinks, keeps the model with the least training
// loss. With line_search (default) each update backtracks from step 1 until the Armijo condition
// holds; without it the step is lr times the quasi-Newton direction (PyTorch's default, lr 0.01
// in the paper). History extras: objective, train_r2, test_r2, best_train_mse.
#include <deque>

#include "lreg/train/net_trainer.h"

namespace lreg {

struct LbfgsOptions {
  NetOptions net;
  int iters = 60;           // history steps
  int inner = 20;           // L-BFGS updates per step
  int memory = 10;          // stored (s, y) pairs
  bool line_search = true;  // Armijo backtracking; false: fixed step lr
  double lr = 0.01;
  double weight_decay = 0.0;
  bool keep_best = true;
};

class Lbfgs : public NetTrainer {
 public:
  Lbfgs(std::shared_ptr<const Dataset> data, LbfgsOptions options = {});
  const LbfgsOptions& options() const { return opt_; }

 private:
  void advance() override;
  double evaluate(const Eigen::VectorXd& theta, Eigen::VectorXd& grad);
  Eigen::VectorXd pack() const;
  void unpack(const Eigen::VectorXd& theta);

  LbfgsOptions opt_;
  Eigen::VectorXd theta_, grad_;
  double loss_ = 0;
  std::deque<Eigen::VectorXd> s_, y_;
  bool first_ = true;
};

}  // namespace lreg
