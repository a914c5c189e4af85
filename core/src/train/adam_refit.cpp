#include "lreg/train/adam_refit.h"

#include <cmath>
#include <numbers>
#include <string>

namespace lreg {

namespace {

double smoothL1(double r, double beta) {
  const double a = std::abs(r);
  return a < beta ? 0.5 * r * r / beta : a - 0.5 * beta;
}

double smoothL1Derivative(double r, double beta) {
  return std::abs(r) < beta ? r / beta : (r > 0 ? 1.0 : -1.0);
}

}  // namespace

double smoothL1Loss(const Eigen::MatrixXd& prediction, const Eigen::MatrixXd& target, double beta) {
  double sum = 0;
  for (Eigen::Index j = 0; j < target.rows(); ++j)
    for (Eigen::Index k = 0; k < target.cols(); ++k)
      sum += smoothL1(prediction(j, k) - target(j, k), beta);
  return target.size() > 0 ? sum / static_cast<double>(target.size()) : 0.0;
}

AdamRefitResult adamRefit1D(const Mesh1D& mesh, const Eigen::VectorXd& x,
                            const std::vector<int>& element, const Eigen::MatrixXd& y,
                            Eigen::MatrixXd coeffs, const AdamRefitOptions& o) {
  AdamRefitResult r;
  if (coeffs.rows() != mesh.size() || coeffs.cols() != y.cols() || x.size() != y.rows() ||
      static_cast<Eigen::Index>(element.size()) != x.size()) {
    r.status = Status::invalidInput("adam refit: inconsistent sizes");
    return r;
  }
  if (o.steps < 0 || !(o.learning_rate > 0) || !(o.smooth_l1_beta > 0)) {
    r.status = Status::invalidInput("adam refit: needs steps >= 0, learning rate > 0, beta > 0");
    return r;
  }
  const Eigen::Index n = coeffs.rows(), c = coeffs.cols(), N = x.size();
  // The barycentric weights do not change during the refit: compute them once.
  Eigen::VectorXd t(N);
  for (Eigen::Index j = 0; j < N; ++j) t[j] = mesh.lambda(element[static_cast<size_t>(j)], x[j]);
  Eigen::MatrixXd m = Eigen::MatrixXd::Zero(n, c), v = Eigen::MatrixXd::Zero(n, c), g(n, c);
  const double inv = N > 0 ? 1.0 / static_cast<double>(N * c) : 0.0;
  double b1t = 1, b2t = 1;
  for (int s = 0; s < o.steps; ++s) {
    g.setZero();
    for (Eigen::Index j = 0; j < N; ++j) {
      const int e = element[static_cast<size_t>(j)];
      for (Eigen::Index k = 0; k < c; ++k) {
        const double f = (1.0 - t[j]) * coeffs(e, k) + t[j] * coeffs(e + 1, k);
        const double d = smoothL1Derivative(f - y(j, k), o.smooth_l1_beta) * inv;
        g(e, k) += (1.0 - t[j]) * d;
        g(e + 1, k) += t[j] * d;
      }
    }
    b1t *= o.beta1;
    b2t *= o.beta2;
    const double progress = o.steps > 1 ? static_cast<double>(s) / (o.steps - 1) : 1.0;
    const double lr =
        o.learning_rate * (o.final_lr_fraction + (1.0 - o.final_lr_fraction) * 0.5 *
                                                     (1.0 + std::cos(std::numbers::pi * progress)));
    m = o.beta1 * m + (1.0 - o.beta1) * g;
    v = o.beta2 * v + (1.0 - o.beta2) * g.cwiseProduct(g);
    coeffs.array() -=
        lr * (m.array() / (1.0 - b1t)) / ((v.array() / (1.0 - b2t)).sqrt() + o.epsilon);
    if (!coeffs.allFinite()) {
      r.status = Status::numerical("adam refit: coefficients became non-finite at step " +
                                   std::to_string(s + 1));
      return r;
    }
  }
  Eigen::MatrixXd pred(N, c);
  for (Eigen::Index j = 0; j < N; ++j) {
    const int e = element[static_cast<size_t>(j)];
    pred.row(j) = (1.0 - t[j]) * coeffs.row(e) + t[j] * coeffs.row(e + 1);
  }
  r.loss = smoothL1Loss(pred, y, o.smooth_l1_beta);
  r.coeffs = std::move(coeffs);
  return r;
}

}  // namespace lreg
