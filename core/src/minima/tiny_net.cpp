#include "lreg/minima/tiny_net.h"

#include <cmath>

#include "lreg/common/status.h"

namespace lreg::minima {

Eigen::VectorXd predict(const TinyNet& net, const Eigen::VectorXd& x) {
  Eigen::VectorXd f = Eigen::VectorXd::Constant(x.size(), net.m);
  for (int j = 0; j < net.hidden(); ++j)
    f += net.a(j) * (net.w(j) * x.array() + net.c(j)).max(0.0).matrix();
  return f;
}

double loss(const TinyNet& net, const Eigen::VectorXd& x, const Eigen::VectorXd& y, double lambda) {
  const double data = 0.5 * (y - predict(net, x)).squaredNorm();
  return data + 0.5 * lambda * (net.a.squaredNorm() + net.w.squaredNorm() + net.c.squaredNorm());
}

Eigen::VectorXd pack(const TinyNet& net) {
  const int h = net.hidden();
  Eigen::VectorXd p(3 * h + 1);
  for (int j = 0; j < h; ++j) p.segment<3>(3 * j) << net.a(j), net.w(j), net.c(j);
  p(3 * h) = net.m;
  return p;
}

TinyNet unpack(const Eigen::VectorXd& p, int hidden) {
  if (p.size() != 3 * hidden + 1) throw InputError("minima: parameter vector has a wrong size");
  TinyNet net;
  net.a.resize(hidden);
  net.w.resize(hidden);
  net.c.resize(hidden);
  for (int j = 0; j < hidden; ++j) {
    net.a(j) = p(3 * j);
    net.w(j) = p(3 * j + 1);
    net.c(j) = p(3 * j + 2);
  }
  net.m = p(3 * hidden);
  return net;
}

double lossAndGradient(const Eigen::VectorXd& p, const Eigen::VectorXd& x, const Eigen::VectorXd& y,
                       double lambda, Eigen::VectorXd& grad) {
  const int h = static_cast<int>(p.size() - 1) / 3;
  const long n = x.size();
  Eigen::VectorXd f = Eigen::VectorXd::Constant(n, p(3 * h));
  Eigen::MatrixXd pre(n, h);
  for (int j = 0; j < h; ++j) {
    pre.col(j) = p(3 * j + 1) * x.array() + p(3 * j + 2);
    f += p(3 * j) * pre.col(j).array().max(0.0).matrix();
  }
  const Eigen::VectorXd e = f - y;
  grad.setZero(p.size());
  for (int j = 0; j < h; ++j) {
    const double a = p(3 * j);
    for (long i = 0; i < n; ++i) {
      if (pre(i, j) <= 0) continue;
      grad(3 * j) += e(i) * pre(i, j);
      grad(3 * j + 1) += e(i) * a * x(i);
      grad(3 * j + 2) += e(i) * a;
    }
    grad.segment<3>(3 * j) += lambda * p.segment<3>(3 * j);
  }
  grad(3 * h) = e.sum();
  double pen = 0;
  for (int j = 0; j < 3 * h; ++j) pen += p(j) * p(j);
  return 0.5 * e.squaredNorm() + 0.5 * lambda * pen;
}

TinyNet fromReduced(const std::vector<ReducedUnit>& units, const Eigen::VectorXd& x,
                    const Eigen::VectorXd& y) {
  const int h = static_cast<int>(units.size());
  TinyNet net;
  net.a = Eigen::VectorXd::Zero(h);
  net.w = Eigen::VectorXd::Zero(h);
  net.c = Eigen::VectorXd::Zero(h);
  for (int j = 0; j < h; ++j) {
    const double r = units[j].u.norm();
    if (r == 0) continue;
    // a^2 = |(w, c)|^2 = |u|: the balanced point of the rescaling orbit.
    net.a(j) = units[j].sign * std::sqrt(r);
    net.w(j) = units[j].u(0) / net.a(j);
    net.c(j) = units[j].u(1) / net.a(j);
  }
  net.m = 0;
  net.m = (y - predict(net, x)).mean();
  return net;
}

std::vector<ReducedUnit> toReduced(const TinyNet& net) {
  std::vector<ReducedUnit> units(net.hidden());
  for (int j = 0; j < net.hidden(); ++j) {
    units[j].u = net.a(j) * Eigen::Vector2d(net.w(j), net.c(j));
    units[j].sign = net.a(j) < 0 ? -1 : 1;
  }
  return units;
}

Eigen::MatrixXd lossHessian(const TinyNet& net, const Eigen::VectorXd& x, const Eigen::VectorXd& y,
                            double lambda) {
  const int h = net.hidden();
  const int d = 3 * h + 1;
  const Eigen::VectorXd e = predict(net, x) - y;
  Eigen::MatrixXd H = Eigen::MatrixXd::Zero(d, d);
  for (long i = 0; i < x.size(); ++i) {
    Eigen::VectorXd J = Eigen::VectorXd::Zero(d);
    J(3 * h) = 1;
    for (int j = 0; j < h; ++j) {
      const double pre = net.w(j) * x(i) + net.c(j);
      if (pre <= 0) continue;
      J.segment<3>(3 * j) << pre, net.a(j) * x(i), net.a(j);
      // Second derivatives of a (w x + c): d2/da dw = x, d2/da dc = 1.
      H(3 * j, 3 * j + 1) += e(i) * x(i);
      H(3 * j + 1, 3 * j) += e(i) * x(i);
      H(3 * j, 3 * j + 2) += e(i);
      H(3 * j + 2, 3 * j) += e(i);
    }
    H += J * J.transpose();
  }
  for (int k = 0; k < 3 * h; ++k) H(k, k) += lambda;
  return H;
}

}  // namespace lreg::minima
