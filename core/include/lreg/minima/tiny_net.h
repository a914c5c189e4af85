#pragma once
// The minimal ReLU perceptron of Fukasaku, Kabata and Okuno (2025) on a 1-D input:
//   f(x) = m + sum_{j<h} a_j relu(w_j x + c_j),
//   L = (1/2) sum_i (y_i - f(x_i))^2 + (lambda/2)(|a|^2 + |w|^2 + |c|^2)   (m unpenalised),
// always on the data as given (no standardisation), so L recomputes from printed parameters.
//
// The balanced (reduced) form: u_j = a_j (w_j, c_j) in R^2 and s_j = sign(a_j), so that
// a_j relu(w_j x + c_j) = s_j relu(s_j u_j . (x, 1)) whenever a_j^2 = w_j^2 + c_j^2.
#include <Eigen/Core>
#include <vector>

namespace lreg::minima {

struct TinyNet {
  Eigen::VectorXd a, w, c;  // h each
  double m = 0;
  int hidden() const { return static_cast<int>(a.size()); }
};

// One balanced unit: u = a (w, c), sign = sign(a) (+1 for a dead unit, u = 0).
struct ReducedUnit {
  Eigen::Vector2d u = Eigen::Vector2d::Zero();
  int sign = 1;
};

Eigen::VectorXd predict(const TinyNet& net, const Eigen::VectorXd& x);
double loss(const TinyNet& net, const Eigen::VectorXd& x, const Eigen::VectorXd& y, double lambda);

// Packed parameters (a_0, w_0, c_0, a_1, w_1, c_1, ..., m): 3h + 1 numbers.
Eigen::VectorXd pack(const TinyNet& net);
TinyNet unpack(const Eigen::VectorXd& p, int hidden);
// L and its gradient at packed p, with relu'(0) = 0 (the one-sided choice every trainer makes).
double lossAndGradient(const Eigen::VectorXd& p, const Eigen::VectorXd& x, const Eigen::VectorXd& y,
                       double lambda, Eigen::VectorXd& grad);

// Balanced parameters of the reduced units, with m solved exactly: m = mean(y - sum units).
TinyNet fromReduced(const std::vector<ReducedUnit>& units, const Eigen::VectorXd& x,
                    const Eigen::VectorXd& y);
std::vector<ReducedUnit> toReduced(const TinyNet& net);

// Hessian of L in packed parameters where every alive unit has no sample on its kink (there L is
// a polynomial); dead units (a = w = c = 0) have relu' = 0 everywhere.
Eigen::MatrixXd lossHessian(const TinyNet& net, const Eigen::VectorXd& x, const Eigen::VectorXd& y,
                            double lambda);

}  // namespace lreg::minima
