#pragma once
// Coefficient refit by gradient steps, as the LReg authors' reference code trains the
// coefficients: full-batch Adam on the smooth-L1 loss
//
//   L(C) = mean_{j, k} h(f_k(x_j) - y_jk),  h(r) = r^2 / (2 beta) if |r| < beta else |r| - beta / 2
//
// (PyTorch's SmoothL1Loss). The learning rate follows a cosine schedule down to
// final_lr_fraction * learning_rate: Adam's step is about the learning rate whatever the
// gradient, so without decay the coefficients would keep jittering at that amplitude.
#include <Eigen/Core>
#include <vector>

#include "lreg/common/status.h"
#include "lreg/mesh/mesh_1d.h"

namespace lreg {

struct AdamRefitOptions {
  int steps = 200;
  double learning_rate = 0.1;  // the paper's Table 1 uses 0.1 (A1, A2) and 0.9 (B1, B2)
  double final_lr_fraction = 0.01;
  double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
  double smooth_l1_beta = 1.0;  // PyTorch's default
};

struct AdamRefitResult {
  Status status;           // NumericalIssue if the coefficients become non-finite
  Eigen::MatrixXd coeffs;  // mesh.size() x outputs
  double loss = 0;         // smooth-L1 loss after the last step
};

// Starts from `coeffs` (e.g. interpolated from the previous mesh). element[j]: the element of x[j].
// O(steps * (N + n)).
AdamRefitResult adamRefit1D(const Mesh1D& mesh, const Eigen::VectorXd& x,
                            const std::vector<int>& element, const Eigen::MatrixXd& y,
                            Eigen::MatrixXd coeffs, const AdamRefitOptions& options = {});

double smoothL1Loss(const Eigen::MatrixXd& prediction, const Eigen::MatrixXd& target, double beta);

}  // namespace lreg
