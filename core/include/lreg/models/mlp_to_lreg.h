#pragma once
// A ReLU (or leaky ReLU) MLP is piecewise linear; these functions write it exactly as an LReg.
//
// 1D, any depth (exact line tracing): the sorted breakpoints are traced layer by layer. Between
// two consecutive points of the list every unit of the next layer is affine in x, so a unit that
// changes sign inside a segment does so at one point, found from its values at the two ends;
// those points join the list before the next layer. Nodes are every breakpoint plus both domain
// ends; coefficients are the MLP's values there, so the P1 interpolant equals the MLP on the
// domain. With whole_line the rays beyond the outermost points are traced too (a unit is affine
// on each ray), so that, with the LReg's linear extrapolation of its end elements, the two agree
// everywhere on the line.
//
// 2D, one hidden layer (lreg/models/mlp_to_lreg_2d.h): the cells of the arrangement of the h
// lines {x : z_j(x) = 0}, clipped to the domain box, are the linear regions.
#include <Eigen/Core>
#include <vector>

#include "lreg/models/lagrange_regressor_1d.h"
#include "lreg/models/mlp.h"

namespace lreg {

struct MlpConvert1DOptions {
  bool whole_line = false;  // also every breakpoint outside the domain
  Domain domain = {};       // empty: the model's domain (InputError if that is unknown too)
};

struct MlpConversion1D {
  LagrangeRegressor1D lreg;         // nodes = ends + breakpoints, coeffs = MLP values
  std::vector<double> breakpoints;  // raw x where some hidden unit changes sign, sorted
  int regions = 0;                  // linear pieces on the domain (on the line with whole_line)
};

// Throws InputError for tanh nets, a 2D net or a missing domain.
MlpConversion1D convertMlp1D(const Mlp& mlp, const MlpConvert1DOptions& options = {});

}  // namespace lreg

namespace lreg {

// Least squares for the coefficients on the model's mesh without any ridge: the minimum-norm
// solution (complete orthogonal decomposition of the dense N x n design), so elements without
// samples are allowed. The converted MLP is one candidate, hence the refit's train MSE is never
// higher than the MLP's. O(N n^2): meant for converted meshes (n in the hundreds).
LagrangeRegressor1D refitLeastSquares1D(const LagrangeRegressor1D& model, const Eigen::VectorXd& x,
                                        const Eigen::MatrixXd& y);

}  // namespace lreg
