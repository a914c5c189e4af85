#pragma once
// The loss landscape of a trained MLP (issue 10; Li et al. 2018, "Visualizing the loss landscape
// of neural nets"). All losses are the training objective of eq. 1 without penalty: the MSE on
// standardised data (the units MlpTrainer minimises).
//
// Filter normalisation: a direction d is drawn N(0, 1) per parameter, then each filter of d is
// scaled to the norm of the same filter of theta. A filter is one unit's incoming weights
// together with its bias (column j of W_l and b_l[j]), in every layer. For a 1-D input a
// first-layer filter would be the single scalar w_j, whose rescaling only flips or keeps its
// sign, so the bias always joins its unit's filter: (w_j, b_j) is one filter.
#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "lreg/common/progress.h"
#include "lreg/common/status.h"
#include "lreg/models/lagrange_regressor_1d.h"
#include "lreg/models/mlp.h"

namespace lreg {

// A filter-normalised random direction in the flat parameter order of net.
Eigen::VectorXd filterNormalizedDirection(const Mlp& net, std::uint64_t seed);
// The filters of the flat vector: for each layer and unit, the indices of its weights and bias.
std::vector<std::vector<Eigen::Index>> filters(const Mlp& net);

struct LossSlice {
  Eigen::VectorXd alpha, beta;  // grid coordinates along d1, d2 (grid points each)
  Eigen::MatrixXd loss;         // loss(i, j) at theta + alpha_i d1 + beta_j d2
  Eigen::VectorXd d1, d2;
  Status status;  // Cancelled: rows not reached are NaN
};

// grid >= 3 (InputError); coordinates span [-span, span]. progress: one call per row of alpha.
LossSlice lossSlice(const Mlp& net, const Eigen::MatrixXd& xs, const Eigen::MatrixXd& ys,
                    const Eigen::VectorXd& d1, const Eigen::VectorXd& d2, int grid, double span,
                    const ProgressFn& progress = {});

// The optimiser's path theta_0..theta_K on the first two principal directions of the rows
// theta_k - theta_K (not centred, so theta_K projects to the origin).
struct PathProjection {
  Eigen::MatrixXd coords;     // (K+1) x 2
  Eigen::VectorXd off_plane;  // distance of each theta_k - theta_K from the plane
  Eigen::Vector2d explained;  // share of sum_k ||theta_k - theta_K||^2 on each direction
  Eigen::VectorXd d1, d2;     // unit directions
};
PathProjection projectPath(const std::vector<Eigen::VectorXd>& path);
// The same path on a given plane through theta_K spanned by d1, d2 (e.g. two filter-normalised
// random directions, which need not be orthogonal): coords in the (d1, d2) basis by least
// squares, off_plane the residual norms, explained the shares of sum_k ||theta_k - theta_K||^2 on
// the orthonormalised d1 and on the part of d2 orthogonal to it. d1, d2 are returned as given.
// InputError for fewer than two points, wrong sizes or parallel directions.
PathProjection projectPathOnPlane(const std::vector<Eigen::VectorXd>& path,
                                  const Eigen::VectorXd& d1, const Eigen::VectorXd& d2);

// Loss at (1 - t) a + t b for t in ts (a, b flat parameter vectors of net's shape).
Eigen::VectorXd interpolateLoss(const Mlp& net, const Eigen::VectorXd& a, const Eigen::VectorXd& b,
                                const Eigen::VectorXd& ts, const Eigen::MatrixXd& xs,
                                const Eigen::MatrixXd& ys);

// A 1D LReg written as a one-hidden-layer ReLU net in net's standardised units and of net's
// width (net: one hidden layer, 1 input, ReLU; width >= nodes, else InputError): a unit per
// interior node, two for the affine part, zero units to pad. Units are matched to net's by
// breakpoint (each of net's units, in breakpoint order, takes the nearest free slot) and scaled
// to the matched unit's |w| (ReLU is positively homogeneous, so the function is unchanged).
Mlp lregAsReluNet(const LagrangeRegressor1D& lreg, const Mlp& net);

struct Barrier {
  Eigen::VectorXd t, loss;  // the interpolation mlp -> lreg net
  double barrier = 0;       // max loss - max(loss at the ends)
};
Barrier barrierToLreg(const Mlp& net, const LagrangeRegressor1D& lreg, const Eigen::MatrixXd& xs,
                      const Eigen::MatrixXd& ys, int points = 51);

}  // namespace lreg
