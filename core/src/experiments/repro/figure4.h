#pragma once
// The figure4 experiment's data sets (LReg paper, section 3.1, Figure 4), exposed for its tests.
#include <Eigen/Core>
#include <cstdint>
#include <string>

#include "lreg/data/dataset.h"

namespace lreg::repro {

// "A": x ~ U(0, pi/4), y ~ N(sin 8x, sd |cos 8x|);
// "B": y = sin(1/x), x = 1/v, v ~ U(2, 50) (the multi-frequency reading of 1/X ~ U(0.02, 0.5));
// "C": B plus N(0, sd 0.5 x^2) noise. Noise ceilings by Monte Carlo (fixed seed).
Dataset figure4Data(const std::string& set, int n_train, int n_test, std::uint64_t seed);
// The noiseless target of a set at x (n x 1).
Eigen::MatrixXd figure4Truth(const std::string& set, const Eigen::MatrixXd& x);
// The points the curves are drawn at: uniform in x for A, uniform in 1/x for B and C (so that
// every period near x = 0.02 gets as many points as the slow ones).
Eigen::MatrixXd figure4Grid(const std::string& set, int points);

}  // namespace lreg::repro
