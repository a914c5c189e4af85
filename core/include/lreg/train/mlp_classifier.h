#pragma once
// A small MLP classifier trained by Adam on the softmax cross-entropy: the frozen model of the
// connection's real example (the digits job). Inputs are standardised on the training rows; the
// net's outputs are the logits. Training stops at the epoch cap or at a plateau of the training
// cross-entropy (lreg::plateaued, the escape experiment's test).
#include <Eigen/Core>
#include <cstdint>

#include "lreg/common/history.h"
#include "lreg/common/progress.h"
#include "lreg/common/status.h"
#include "lreg/models/mlp.h"

namespace lreg {

struct MlpClassifierOptions {
  int hidden = 32;   // width of every hidden layer
  int layers = 1;    // hidden layers, 1-4
  int epochs = 300;  // cap
  int batch = 64;
  double lr = 1e-3;            // Adam
  double weight_decay = 1e-4;  // lambda ||theta||^2
  int plateau_window = 20;     // W, epochs
  double plateau_tol = 0.01;   // tol
  std::uint64_t seed = 1;
};

struct MlpClassifierReport {
  Status status;    // Success, Cancelled (model kept), NumericalIssue
  Mlp model;        // raw inputs -> logits
  History history;  // per epoch: train_loss = mean CE (no penalty), test_loss = val CE; extras
                    // train_acc, val_acc
  bool plateaued = false;  // false: the cap came first
  double seconds = 0;
};

// Mean softmax cross-entropy of logits against labels in [0, logits.cols()).
double crossEntropy(const Eigen::MatrixXd& logits, const Eigen::VectorXi& labels);
double accuracy(const Eigen::MatrixXd& logits, const Eigen::VectorXi& labels);

// Trains on (x, labels) with classes = 1 + max label unless larger; (x_val, labels_val) may be
// empty. Throws InputError on bad shapes, labels or options. progress: once per epoch.
MlpClassifierReport trainMlpClassifier(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels,
                                       const Eigen::MatrixXd& x_val,
                                       const Eigen::VectorXi& labels_val, int classes,
                                       const MlpClassifierOptions& options,
                                       const ProgressFn& progress = {});

// The last hidden layer's activations at raw inputs x (N x hidden): the features a head on the
// frozen classifier sees.
Eigen::MatrixXd lastHiddenFeatures(const Mlp& net, const Eigen::MatrixXd& x);

}  // namespace lreg
