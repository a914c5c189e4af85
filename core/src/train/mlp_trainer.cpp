#include "lreg/train/mlp_trainer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

namespace lreg {

MlpTrainer::MlpTrainer(std::shared_ptr<const Dataset> data, MlpTrainOptions options)
    : data_(std::move(data)), opt_(std::move(options)), rng_(opt_.net.seed) {
  clock_.pause();
  const std::string m = opt_.optimizer == MlpOptimizer::Adam ? "mlp-adam" : "mlp-sgd";
  if (!data_) throw InputError(m + ": no data set");
  validateDataset(*data_);
  const std::string where = data_->name.empty() ? std::string("data") : data_->name;
  if (data_->inputs() < 1 || data_->inputs() > 2)
    throw InputError(where + ": an MLP takes 1 or 2 input columns, the data has " +
                     std::to_string(data_->inputs()));
  const MinibatchOptions& mb = opt_.mb;
  if (mb.epochs < 0) throw InputError(m + ": --epochs must be >= 0");
  if (!(mb.lr > 0)) throw InputError(m + ": --lr must be > 0, got " + std::to_string(mb.lr));
  if (mb.batch < 1) throw InputError(m + ": --batch must be >= 1");
  if (mb.decay_every < 0 || !(mb.decay > 0))
    throw InputError(m + ": the rate decay must be > 0 every >= 0 epochs");
  if (!(mb.weight_decay >= 0)) throw InputError(m + ": weight decay must be >= 0");
  if (!(opt_.momentum >= 0 && opt_.momentum < 1))
    throw InputError(m + ": --momentum must be in [0, 1)");

  const Standardizer in = Standardizer::fit(data_->x_train);
  Standardizer out = Standardizer::identity(data_->outputs());
  if (opt_.net.targets != TargetScaling::None) out = Standardizer::fit(data_->y_train);
  if (opt_.net.targets == TargetScaling::Center) out.scale.setOnes();
  net_ = Mlp::random(data_->inputs(), data_->outputs(), opt_.net.hidden, opt_.net.layers,
                     opt_.net.activation, opt_.net.leak, opt_.net.seed, in, out);
  Domain d;
  if (data_->domain_lo.size() == data_->inputs() && data_->domain_hi.size() == data_->inputs()) {
    d = {data_->domain_lo, data_->domain_hi};
  } else {
    d = {data_->x_train.colwise().minCoeff().transpose(),
         data_->x_train.colwise().maxCoeff().transpose()};
  }
  net_.setDomain(std::move(d));
  xs_train_ = in.apply(data_->x_train);
  ys_train_ = out.apply(data_->y_train);
  xs_test_ = data_->hasTest() ? in.apply(data_->x_test) : Eigen::MatrixXd(0, data_->inputs());
  adam_.beta1 = opt_.beta1;
  adam_.beta2 = opt_.beta2;
  adam_.eps = opt_.eps;
  sgd_.momentum = opt_.momentum;
  history_.method = m;
  history_.loss = "mse";
  record(mb.lr);
}

void MlpTrainer::setEpochs(int epochs) {
  if (epochs < steps_) throw InputError("mlp: cannot plan fewer epochs than already run");
  opt_.mb.epochs = epochs;
}

const HistoryPoint& MlpTrainer::step() {
  if (done()) return history_.last();
  clock_.resume();
  const MinibatchOptions& mb = opt_.mb;
  const double lr =
      mb.decay_every <= 0 ? mb.lr : mb.lr / std::pow(mb.decay, steps_ / mb.decay_every);
  const Eigen::Index N = xs_train_.rows();
  std::vector<Eigen::Index> order(static_cast<size_t>(N));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::shuffle(order.begin(), order.end(), rng_);
  Eigen::MatrixXd xp(N, xs_train_.cols()), yp(N, ys_train_.cols());
  for (Eigen::Index i = 0; i < N; ++i) {
    xp.row(i) = xs_train_.row(order[static_cast<size_t>(i)]);
    yp.row(i) = ys_train_.row(order[static_cast<size_t>(i)]);
  }
  Eigen::VectorXd theta = net_.flatParameters(), g;
  for (Eigen::Index i0 = 0; i0 < N; i0 += mb.batch) {
    const Eigen::Index nb = std::min<Eigen::Index>(mb.batch, N - i0);
    net_.objective(xp.middleRows(i0, nb), yp.middleRows(i0, nb), mb.weight_decay, &g);
    if (opt_.optimizer == MlpOptimizer::Adam)
      adam_.apply(theta, g, lr);
    else
      sgd_.apply(theta, g, lr);
    net_.setFlatParameters(theta);
  }
  if (!net_.allFinite()) {
    status_ = Status::numerical(history_.method + ": epoch " + std::to_string(steps_ + 1) +
                                ": the weights are no longer finite (learning rate too large?)");
    clock_.pause();
    return history_.last();
  }
  ++steps_;
  record(lr);
  return history_.last();
}

void MlpTrainer::record(double lr) {
  const double t = clock_.seconds();
  clock_.pause();
  const Standardizer& out = net_.outputScaling();
  const Metrics train = evaluate(out.invert(net_.forward(xs_train_)), data_->y_train);
  Metrics test;
  test.mse = test.r2 = test.mae = std::numeric_limits<double>::quiet_NaN();
  if (xs_test_.rows() > 0) test = evaluate(out.invert(net_.forward(xs_test_)), data_->y_test);
  HistoryPoint p;
  p.step = steps_;
  p.seconds = t;
  p.train_loss = train.mse;
  p.test_loss = test.mse;
  p.extra = {{"lr", lr},
             {"train_r2", train.r2},
             {"test_r2", test.r2},
             {"train_mae", train.mae},
             {"test_mae", test.mae}};
  history_.points.push_back(std::move(p));
}

MlpTrainReport MlpTrainer::run(const ProgressFn& progress) {
  while (!done()) {
    step();
    if (!lreg::report(progress, {steps_, opt_.mb.epochs, clock_.seconds(), history_.method})) {
      status_ = Status::cancelled();
      break;
    }
  }
  return report();
}

MlpTrainReport MlpTrainer::report() const {
  MlpTrainReport r;
  r.status = status_;
  r.model = net_;
  r.history = history_;
  r.seconds = clock_.seconds();
  r.train = evaluate(net_.predict(data_->x_train), data_->y_train);
  if (data_->hasTest())
    r.test = evaluate(net_.predict(data_->x_test), data_->y_test);
  else
    r.test.mse = r.test.r2 = r.test.mae = std::numeric_limits<double>::quiet_NaN();
  return r;
}

}  // namespace lreg
