#pragma once
// The common shape of every trainer of TwoLayerRelu (ANMIN, Adam, SGD, LBFGS): construct on a
// data set (the initial model is history point 0), then step() one iteration / epoch at a time
// or run() to the end with a ProgressFn that may cancel. All produce the same History
// (loss "mse", in the data's raw units: SDF squared pixels), so any two can be raced on a chart.
//
// Scaling (NetOptions): inputs are standardised (mean 0, variance 1, training-part statistics)
// so that randomly initialised hidden hyperplanes cut through the data cloud whatever the units
// (SDF pixel coordinates run to 314). Targets are only centred by default: lambda then weighs
// the penalty of eq. 1 against the squared error in the data's own units, as in the paper
// (scaling SDF targets to variance 1 would make lambda = 1e-3 ~700x stronger and the fit ~10x
// worse). The model keeps the scalings and predicts raw units; reported MSE, R^2 and MAE are of
// raw predictions against raw targets (SDF: squared pixels).
// Threading: a trainer is not thread-safe; drive it from one worker thread. ProgressFn is called
// on that thread after every step (Progress::step = completed steps, total = planned steps) and
// may copy history().last() or model() for a GUI.
#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "lreg/common/history.h"
#include "lreg/common/metrics.h"
#include "lreg/common/progress.h"
#include "lreg/common/status.h"
#include "lreg/common/timer.h"
#include "lreg/data/dataset.h"
#include "lreg/models/two_layer_relu.h"

namespace lreg {

enum class TargetScaling { None, Center, Standardize };

struct NetOptions {
  int hidden = 64;         // h, hidden units
  double alpha = 0.0;      // leaky ReLU slope in [0, 1]; 0 = ReLU, 1 = linear
  std::uint64_t seed = 1;  // initialisation (and minibatch order)
  bool standardize_inputs = true;
  TargetScaling targets = TargetScaling::Center;
  int threads = 0;  // the trainer's kernel threads (0: one per core), see lreg/linalg/parallel.h
};

TargetScaling parseTargetScaling(const std::string& s);  // "none", "center", "standardize"
std::string toString(TargetScaling t);

struct NetTrainReport {
  Status status;  // Success, Cancelled (model = best so far), NumericalIssue
  std::string method;
  TwoLayerRelu model;   // the kept model (best or last, per the method's keep_best)
  History history;      // loss "mse"; extra: train_r2, test_r2, best_train_mse, best_objective
                        // (keep-best methods), and method-specific ones
  Metrics train, test;  // of the kept model, raw units
  double seconds = 0;   // training time (evaluation for reporting excluded)
};

class NetTrainer {
 public:
  virtual ~NetTrainer() = default;
  NetTrainer(const NetTrainer&) = delete;
  NetTrainer& operator=(const NetTrainer&) = delete;

  const std::string& method() const { return method_; }
  int completedSteps() const { return steps_; }
  int totalSteps() const { return total_; }
  bool done() const { return steps_ >= total_ || stop_early_ || !status_.ok(); }
  const Status& status() const { return status_; }

  // One iteration (ANMIN, LBFGS) or epoch (Adam, SGD). Returns the new history point; when done()
  // it does nothing and returns the last point.
  const HistoryPoint& step();
  // Steps until done or until progress returns false (status Cancelled; the model is kept).
  NetTrainReport run(const ProgressFn& progress = {});
  NetTrainReport report() const;
  // Asked inside a long step (between L-BFGS updates, between minibatches): true ends the step
  // early, which is then recorded as usual; the caller then cancels (run()'s progress returning
  // false, a GUI loop checking its token). Lets a cancel land within one update, not one step.
  void setStopCheck(std::function<bool()> stop) { stop_ = std::move(stop); }

  const TwoLayerRelu& model() const { return keep_best_ ? best_ : net_; }
  const TwoLayerRelu& current() const { return net_; }
  const History& history() const { return history_; }
  const Dataset& data() const { return *data_; }
  double seconds() const { return clock_.seconds(); }

 protected:
  // Validates data and options (throws InputError), standardises, sets net_'s scalings; the
  // subclass constructor then initialises the weights and calls record() for point 0.
  NetTrainer(std::string method, std::shared_ptr<const Dataset> data, const NetOptions& net,
             int total_steps, bool keep_best);

  // One step of the method: update net_, then call record() (or fail()).
  virtual void advance() = 0;

  // Appends a history point for net_ (clock paused while evaluating). selection_loss is what
  // keep-best minimises (NaN: not used); train_pred_std may pass the train predictions in
  // standardised units when the method already has them.
  void record(double selection_loss, std::map<std::string, double> extra,
              const Eigen::MatrixXd* train_pred_std = nullptr);
  void fail(Status status) { status_ = std::move(status); }
  // Ends the run successfully after the current step (a method's own stopping rule).
  void finishEarly() { stop_early_ = true; }
  bool stopRequested() const { return stop_ && stop_(); }

  const NetOptions& netOptions() const { return net_options_; }
  Stopwatch clock_;
  TwoLayerRelu net_;
  Eigen::MatrixXd xt_train_, ys_train_;  // standardised, xt with the leading column of ones
  Eigen::MatrixXd xt_test_;

 private:
  std::string method_;
  std::shared_ptr<const Dataset> data_;
  NetOptions net_options_;
  int total_ = 0, steps_ = 0;
  bool keep_best_ = false;
  bool stop_early_ = false;
  Status status_;
  TwoLayerRelu best_;
  double best_selection_ = 0;
  double best_train_mse_ = 0;
  bool have_best_ = false;
  History history_;
  std::function<bool()> stop_;
};

}  // namespace lreg
