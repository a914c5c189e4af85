#include "lreg/train/minibatch.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

namespace lreg {

MinibatchTrainer::MinibatchTrainer(std::string method, std::shared_ptr<const Dataset> data,
                                   const NetOptions& net, const MinibatchOptions& mb)
    : NetTrainer(method, std::move(data), net, mb.epochs, mb.keep_best), mb_(mb), rng_(net.seed) {
  if (!(mb.lr > 0)) throw InputError(method + ": --lr must be > 0, got " + std::to_string(mb.lr));
  if (mb.batch < 1)
    throw InputError(method + ": --batch must be >= 1, got " + std::to_string(mb.batch));
  if (mb.decay_every < 0 || !(mb.decay > 0))
    throw InputError(method + ": the rate decay must be > 0 every >= 0 epochs");
  if (!(mb.weight_decay >= 0)) throw InputError(method + ": weight decay must be >= 0");
  clock_.resume();
  Eigen::MatrixXd B;
  Eigen::RowVectorXd b0;
  initOutputUniform(net.hidden, net_.outputs(), net.seed, B, b0);
  net_.setA(initHiddenUniform(net_.inputs(), net.hidden, net.seed));
  net_.setOutputLayer(B, b0);
  const double sel = mb.keep_best ? objective(net_, xt_train_, ys_train_, mb.weight_decay)
                                  : std::numeric_limits<double>::quiet_NaN();
  record(sel, {{"lr", learningRate(0)}});
  clock_.pause();
}

Eigen::VectorXd MinibatchTrainer::flatten(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B,
                                          const Eigen::RowVectorXd& b0) {
  Eigen::VectorXd p(A.size() + B.size() + b0.size());
  p << A.reshaped(), B.reshaped(), b0.transpose();
  return p;
}

void MinibatchTrainer::unflatten(const Eigen::VectorXd& p, TwoLayerRelu& net) {
  const Eigen::Index na = net.A().size(), nb = net.B().size();
  net.setA(p.head(na).reshaped(net.A().rows(), net.A().cols()));
  net.setOutputLayer(p.segment(na, nb).reshaped(net.B().rows(), net.B().cols()),
                     p.tail(p.size() - na - nb).transpose());
}

double MinibatchTrainer::learningRate(int epoch) const {
  if (mb_.decay_every <= 0) return mb_.lr;
  return mb_.lr / std::pow(mb_.decay, epoch / mb_.decay_every);
}

void MinibatchTrainer::advance() {
  const int epoch = completedSteps();
  const double lr = learningRate(epoch);
  const Eigen::Index N = xt_train_.rows();
  std::vector<Eigen::Index> order(static_cast<size_t>(N));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::shuffle(order.begin(), order.end(), rng_);
  xt_perm_.resize(N, xt_train_.cols());
  ys_perm_.resize(N, ys_train_.cols());
  for (Eigen::Index i = 0; i < N; ++i) {
    xt_perm_.row(i) = xt_train_.row(order[static_cast<size_t>(i)]);
    ys_perm_.row(i) = ys_train_.row(order[static_cast<size_t>(i)]);
  }
  NetGradient g;
  for (Eigen::Index i0 = 0; i0 < N; i0 += mb_.batch) {
    if (i0 > 0 && stopRequested()) break;  // cancelled: a partial epoch ends the run
    const Eigen::Index nb = std::min<Eigen::Index>(mb_.batch, N - i0);
    objective(net_, xt_perm_.middleRows(i0, nb), ys_perm_.middleRows(i0, nb), mb_.weight_decay, &g);
    update(g, lr);
  }
  if (!net_.allFinite()) {
    fail(Status::numerical(method() + ": epoch " + std::to_string(epoch + 1) +
                           ": the weights are no longer finite (learning rate too large?)"));
    return;
  }
  const double sel = mb_.keep_best ? objective(net_, xt_train_, ys_train_, mb_.weight_decay)
                                   : std::numeric_limits<double>::quiet_NaN();
  record(sel, {{"lr", lr}});
}

}  // namespace lreg
