#include "lreg/train/lbfgs.h"

#include <algorithm>
#include <cmath>

namespace lreg {

Lbfgs::Lbfgs(std::shared_ptr<const Dataset> data, LbfgsOptions options)
    : NetTrainer("lbfgs", std::move(data), options.net, options.iters, options.keep_best),
      opt_(options) {
  if (opt_.inner < 1) throw InputError("lbfgs: --inner must be >= 1");
  if (opt_.memory < 1) throw InputError("lbfgs: --memory must be >= 1");
  if (!(opt_.lr > 0)) throw InputError("lbfgs: --lr must be > 0, got " + std::to_string(opt_.lr));
  if (!(opt_.weight_decay >= 0)) throw InputError("lbfgs: weight decay must be >= 0");
  clock_.resume();
  Eigen::MatrixXd B;
  Eigen::RowVectorXd b0;
  initOutputUniform(opt_.net.hidden, net_.outputs(), opt_.net.seed, B, b0);
  net_.setA(initHiddenUniform(net_.inputs(), opt_.net.hidden, opt_.net.seed));
  net_.setOutputLayer(B, b0);
  theta_ = pack();
  loss_ = evaluate(theta_, grad_);
  record(loss_, {{"objective", loss_}});
  clock_.pause();
}

Eigen::VectorXd Lbfgs::pack() const {
  const auto& A = net_.A();
  const auto& B = net_.B();
  Eigen::VectorXd t(A.size() + B.size() + net_.b0().size());
  t << A.reshaped(), B.reshaped(), net_.b0().transpose();
  return t;
}

void Lbfgs::unpack(const Eigen::VectorXd& t) {
  const Eigen::Index a = net_.A().size(), b = net_.B().size();
  net_.setA(t.head(a).reshaped(net_.A().rows(), net_.A().cols()));
  net_.setOutputLayer(t.segment(a, b).reshaped(net_.B().rows(), net_.B().cols()),
                      t.tail(net_.b0().size()).transpose());
}

double Lbfgs::evaluate(const Eigen::VectorXd& theta, Eigen::VectorXd& grad) {
  unpack(theta);
  NetGradient g;
  const double f = objective(net_, xt_train_, ys_train_, opt_.weight_decay, &g);
  grad.resize(theta.size());
  grad << g.dA.reshaped(), g.dB.reshaped(), g.db0.transpose();
  return f;
}

void Lbfgs::advance() {
  Eigen::VectorXd d, q, theta_new, grad_new;
  std::vector<double> alpha(static_cast<size_t>(opt_.memory));
  for (int it = 0; it < opt_.inner; ++it) {
    if (grad_.lpNorm<Eigen::Infinity>() < 1e-12) break;  // converged
    if (it > 0 && stopRequested()) break;                // cancelled: keep the updates so far
    // Two-loop recursion: d = -H grad.
    q = grad_;
    const int m = static_cast<int>(s_.size());
    for (int i = m - 1; i >= 0; --i) {
      alpha[static_cast<size_t>(i)] = s_[static_cast<size_t>(i)].dot(q) /
                                      y_[static_cast<size_t>(i)].dot(s_[static_cast<size_t>(i)]);
      q -= alpha[static_cast<size_t>(i)] * y_[static_cast<size_t>(i)];
    }
    if (m > 0) q *= s_.back().dot(y_.back()) / y_.back().squaredNorm();
    for (int i = 0; i < m; ++i) {
      const double beta = y_[static_cast<size_t>(i)].dot(q) /
                          y_[static_cast<size_t>(i)].dot(s_[static_cast<size_t>(i)]);
      q += s_[static_cast<size_t>(i)] * (alpha[static_cast<size_t>(i)] - beta);
    }
    d = -q;
    double slope = grad_.dot(d);
    if (!(slope < 0)) {  // not a descent direction: restart from steepest descent
      s_.clear();
      y_.clear();
      d = -grad_;
      slope = -grad_.squaredNorm();
    }
    double t = first_ ? std::min(1.0, 1.0 / grad_.lpNorm<1>()) : 1.0;
    first_ = false;
    double f_new = 0;
    if (opt_.line_search) {
      for (int k = 0; k < 40; ++k, t *= 0.5) {
        theta_new = theta_ + t * d;
        f_new = evaluate(theta_new, grad_new);
        if (std::isfinite(f_new) && f_new <= loss_ + 1e-4 * t * slope) break;
      }
    } else {
      theta_new = theta_ + opt_.lr * t * d;
      f_new = evaluate(theta_new, grad_new);
    }
    if (!std::isfinite(f_new) || !grad_new.allFinite()) {
      unpack(theta_);
      fail(Status::numerical("lbfgs: step " + std::to_string(completedSteps() + 1) +
                             ": the loss is no longer finite"));
      return;
    }
    Eigen::VectorXd s = theta_new - theta_, y = grad_new - grad_;
    if (y.dot(s) > 1e-10 * y.squaredNorm()) {
      s_.push_back(std::move(s));
      y_.push_back(std::move(y));
      if (static_cast<int>(s_.size()) > opt_.memory) {
        s_.pop_front();
        y_.pop_front();
      }
    }
    theta_.swap(theta_new);
    grad_.swap(grad_new);
    loss_ = f_new;
  }
  unpack(theta_);
  record(loss_, {{"objective", loss_}});
}

}  // namespace lreg
