#pragma once
// Polishing a 1D P1 function to a coordinate-wise minimum of the training MAE (issue 10, the
// studio's "Figure 1 you can drag"). An Adam plateau on the MSE is not a minimum of the MAE, so
// dragging a node of a freshly converted MLP can lower the MAE; after polishing it cannot.
//
// The coordinates are every node's value c_i and every interior node's position p_i. One sweep
// visits them in order (values of all nodes, then positions of the interior ones) and moves each
// to its exact minimiser, the others held fixed:
//   - value c_i: the MAE is sum_k |r_k - psi_i(x_k) d| / N in the shift d (r = y - f), convex and
//     piecewise linear; its minimiser is the weighted median of r_k / psi_i(x_k) with weights
//     psi_i(x_k) over the samples of the two elements around node i.
//   - position p_i in [p_{i-1} + gap, p_{i+1} - gap]: on each piece between the samples and the
//     points where a residual changes sign, the loss is A + B / (p - p_{i-1}) + C / (p_{i+1} - p);
//     its minimum on the piece is at an end or at the stationary point when B, C > 0. A sweep over
//     the pieces keeps A, B, C up to date (O(m log m) for m samples around the node) and scores
//     every candidate; the best few are evaluated directly, the best is taken. Those few are also
//     tried with the node's value re-optimised there (weighted median): a joint move of the node,
//     without which coordinate descent only creeps along a valley of the non-smooth MAE.
// Sweeps repeat until one lowers the summed absolute residual S by at most tol * S and a pass
// that computes, without moving, every coordinate's best gain finds none above tol * S (max_gain
// is the largest, as a share of S), or until max_sweeps (then max_gain is measured on the result).
//
// Certificate (converged = true, i.e. max_gain <= tol): at the returned model no change of any
// one node's value and no move of any one interior node's position between its neighbours (less
// the gap) lowers the training MAE by more than tol of it. This is a coordinate-wise minimum, and
// for each coordinate a global one along that coordinate. Because the MAE is not smooth, it is not
// certified against moves of several coordinates at once (a diagonal move could still descend), nor
// is it the global minimum (which MRC's discrete moves look for).
#include <Eigen/Core>

#include "lreg/common/progress.h"
#include "lreg/common/status.h"
#include "lreg/models/lagrange_regressor_1d.h"

namespace lreg {

struct PolishMae1DOptions {
  int max_sweeps = 500;
  double tol = 1e-8;      // stop when a sweep lowers S by at most this share; certified gain
  double min_gap = 1e-6;  // share of the mesh's width two nodes keep between them
  bool move_positions = true;
};

struct PolishMae1DReport {
  Status status;  // Success, or Cancelled (the model as of the last finished sweep)
  LagrangeRegressor1D model;
  double mae_before = 0, mae_after = 0;  // training MAE
  int sweeps = 0;
  long value_moves = 0, position_moves = 0;
  double max_gain = 0;     // the best single move's gain at the model, as a share of S
  bool converged = false;  // max_gain <= tol: the certificate above holds
};

// model: one output. x, y: the training samples (N each), inside [first node, last node]; throws
// InputError naming the first sample outside or a size mismatch. progress: once per sweep.
PolishMae1DReport polishMae1D(const LagrangeRegressor1D& model, const Eigen::VectorXd& x,
                              const Eigen::VectorXd& y, const PolishMae1DOptions& options = {},
                              const ProgressFn& progress = {});

}  // namespace lreg
