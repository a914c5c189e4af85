#pragma once
// Adam or SGD on an Mlp, with the epoch loop, schedule and History of the two-layer trainers
// (lreg/train/minibatch.h: one step() = one epoch over a seeded shuffle; loss "mse" in raw
// units; extras lr, train_r2, test_r2), so an MLP, an LReg and ANMIN race on one chart. The
// update rules are the same objects Adam and Sgd apply (lreg/train/flat_update.h).
// Scaling as NetTrainer: inputs standardised on the training part, targets centred by default.
// Not thread-safe; drive it from one worker. ProgressFn is called after every epoch.
#include <cstdint>
#include <memory>
#include <random>
#include <string>

#include "lreg/common/history.h"
#include "lreg/common/metrics.h"
#include "lreg/common/progress.h"
#include "lreg/common/status.h"
#include "lreg/common/timer.h"
#include "lreg/data/dataset.h"
#include "lreg/models/mlp.h"
#include "lreg/train/flat_update.h"
#include "lreg/train/minibatch.h"

namespace lreg {

enum class MlpOptimizer { Adam, Sgd };

struct MlpOptions {
  int hidden = 64;  // width of every hidden layer
  int layers = 2;   // hidden layers, 1-4
  Activation activation = Activation::Relu;
  double leak = 0.01;  // leaky ReLU slope (LeakyRelu only)
  std::uint64_t seed = 1;
  TargetScaling targets = TargetScaling::Center;
};

struct MlpTrainOptions {
  MlpOptions net;
  MinibatchOptions mb = {.epochs = 300, .lr = 0.01, .decay_every = 0, .decay = 10.0, .batch = 64};
  MlpOptimizer optimizer = MlpOptimizer::Adam;
  double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;  // Adam
  double momentum = 0.9;                          // SGD
};

struct MlpTrainReport {
  Status status;  // Success, Cancelled (model kept), NumericalIssue
  Mlp model;
  History history;
  Metrics train, test;
  double seconds = 0;
};

class MlpTrainer {
 public:
  // Validates (throws InputError), standardises, initialises (nn.Linear) and records point 0.
  // The model's domain is the data set's (else the training inputs' box).
  MlpTrainer(std::shared_ptr<const Dataset> data, MlpTrainOptions options = {});

  const HistoryPoint& step();  // one epoch; when done() nothing happens
  MlpTrainReport run(const ProgressFn& progress = {});
  MlpTrainReport report() const;

  bool done() const { return steps_ >= opt_.mb.epochs || !status_.ok(); }
  int completedSteps() const { return steps_; }
  const Mlp& model() const { return net_; }
  const History& history() const { return history_; }
  const Dataset& data() const { return *data_; }
  const MlpTrainOptions& options() const { return opt_; }
  double seconds() const { return clock_.seconds(); }
  // Sets the epoch budget (e.g. to continue after a plateau test); >= completed epochs.
  void setEpochs(int epochs);
  // Standardised training data, for callers that evaluate the objective (landscape).
  const Eigen::MatrixXd& xsTrain() const { return xs_train_; }
  const Eigen::MatrixXd& ysTrain() const { return ys_train_; }

 private:
  void record(double lr);

  std::shared_ptr<const Dataset> data_;
  MlpTrainOptions opt_;
  Mlp net_;
  Eigen::MatrixXd xs_train_, ys_train_, xs_test_;
  AdamRule adam_;
  SgdRule sgd_;
  std::mt19937_64 rng_;
  Stopwatch clock_;
  History history_;
  Status status_;
  int steps_ = 0;
};

}  // namespace lreg
