#include "lreg/train/net_trainer.h"

#include <cmath>
#include <limits>

namespace lreg {

TargetScaling parseTargetScaling(const std::string& s) {
  if (s == "none") return TargetScaling::None;
  if (s == "center") return TargetScaling::Center;
  if (s == "standardize") return TargetScaling::Standardize;
  throw InputError("--targets-scaling: expected none, center or standardize, got '" + s + "'");
}

std::string toString(TargetScaling t) {
  switch (t) {
    case TargetScaling::None:
      return "none";
    case TargetScaling::Center:
      return "center";
    case TargetScaling::Standardize:
      return "standardize";
  }
  return "center";
}

NetTrainer::NetTrainer(std::string method, std::shared_ptr<const Dataset> data,
                       const NetOptions& net, int total_steps, bool keep_best)
    : method_(std::move(method)),
      data_(std::move(data)),
      net_options_(net),
      total_(total_steps),
      keep_best_(keep_best) {
  clock_.pause();
  if (!data_) throw InputError(method_ + ": no data set");
  validateDataset(*data_);
  if (net.hidden < 1)
    throw InputError(method_ + ": --hidden must be >= 1, got " + std::to_string(net.hidden));
  // alpha = 1 (a linear net) is outside the paper's range but a useful limit case.
  if (!(net.alpha >= 0.0 && net.alpha <= 1.0))
    throw InputError(method_ + ": --alpha must be in [0, 1], got " + std::to_string(net.alpha));
  if (total_steps < 0) throw InputError(method_ + ": the number of iterations must be >= 0");
  if (net.threads < 0)
    throw InputError(method_ + ": --threads must be >= 0, got " + std::to_string(net.threads));

  const Standardizer in = net.standardize_inputs ? Standardizer::fit(data_->x_train)
                                                 : Standardizer::identity(data_->inputs());
  Standardizer out = Standardizer::identity(data_->outputs());
  if (net.targets != TargetScaling::None) out = Standardizer::fit(data_->y_train);
  if (net.targets == TargetScaling::Center) out.scale.setOnes();
  xt_train_ = withOnes(in.apply(data_->x_train));
  ys_train_ = out.apply(data_->y_train);
  xt_test_ = data_->hasTest() ? withOnes(in.apply(data_->x_test))
                              : Eigen::MatrixXd(0, data_->inputs() + 1);
  net_ = TwoLayerRelu(Eigen::MatrixXd::Zero(data_->inputs() + 1, net.hidden),
                      Eigen::MatrixXd::Zero(net.hidden, data_->outputs()),
                      Eigen::RowVectorXd::Zero(data_->outputs()), net.alpha, in, out);
  history_.method = method_;
  history_.loss = "mse";
}

const HistoryPoint& NetTrainer::step() {
  if (done()) return history_.last();
  clock_.resume();
  advance();
  clock_.pause();
  if (status_.ok()) ++steps_;
  return history_.last();
}

NetTrainReport NetTrainer::run(const ProgressFn& progress) {
  while (!done()) {
    step();
    Progress p{steps_, total_, clock_.seconds(), method_};
    if (!lreg::report(progress, p)) {
      status_ = Status::cancelled();
      break;
    }
  }
  return report();
}

NetTrainReport NetTrainer::report() const {
  NetTrainReport r;
  r.status = status_;
  r.method = method_;
  r.model = model();
  r.history = history_;
  r.seconds = clock_.seconds();
  r.train = evaluate(r.model.predict(data_->x_train), data_->y_train);
  if (data_->hasTest())
    r.test = evaluate(r.model.predict(data_->x_test), data_->y_test);
  else
    r.test.mse = r.test.r2 = r.test.mae = std::numeric_limits<double>::quiet_NaN();
  return r;
}

namespace {
Eigen::MatrixXd xsOf(const Eigen::MatrixXd& xt) { return xt.rightCols(xt.cols() - 1); }
}  // namespace

void NetTrainer::record(double selection_loss, std::map<std::string, double> extra,
                        const Eigen::MatrixXd* train_pred_std) {
  // Called with the clock running (inside step() or a constructor); evaluation is not timed.
  const double t = clock_.seconds();
  clock_.pause();
  const Standardizer& out = net_.outputScaling();
  const Eigen::MatrixXd pred_train =
      out.invert(train_pred_std ? *train_pred_std : net_.forward(xsOf(xt_train_)));
  const Metrics train = evaluate(pred_train, data_->y_train);
  Metrics test;
  test.mse = test.r2 = std::numeric_limits<double>::quiet_NaN();
  if (xt_test_.rows() > 0) test = evaluate(out.invert(net_.forward(xsOf(xt_test_))), data_->y_test);

  // Keep-best (Barbu's Algorithm 1, lines 17-20): a NaN loss never replaces the kept model.
  if (!have_best_ || !keep_best_ || selection_loss < best_selection_ ||
      (!std::isfinite(best_selection_) && std::isfinite(selection_loss))) {
    best_ = net_;
    best_selection_ = selection_loss;
    best_train_mse_ = train.mse;
    have_best_ = true;
  }

  HistoryPoint p;
  p.step = static_cast<int>(history_.points.size());
  p.seconds = t;
  p.train_loss = train.mse;
  p.test_loss = test.mse;
  p.extra = std::move(extra);
  p.extra["train_r2"] = train.r2;
  p.extra["test_r2"] = test.r2;
  p.extra["best_train_mse"] = best_train_mse_;
  if (keep_best_) p.extra["best_objective"] = best_selection_;
  history_.points.push_back(std::move(p));
  clock_.resume();
}

}  // namespace lreg
