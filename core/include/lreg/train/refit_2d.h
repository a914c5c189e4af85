#pragma once
// Coefficient refits of a 2D LReg model (DelaunayMesh2) against the targets of its attached
// samples: y holds the targets of the first y.rows() attached samples (the training part; the
// rest, e.g. test inputs, are ignored). Both use the cached sample locations, O(N + #V).
#include <Eigen/Core>

#include "lreg/common/status.h"
#include "lreg/mesh/delaunay_mesh_2.h"

namespace lreg {

// Sparse least squares  min |B c - y|^2 + lambda (c^T K c + 1e-3 |c - c_now|^2),
// B the #samples by #V basis matrix, K the P1 stiffness matrix (the Dirichlet energy of f) and
// lambda = ridge * trace(B^T B) / trace(K). The stiffness term rather than a plain ridge makes a
// vertex without samples the harmonic extension of its neighbours instead of pulling it to 0,
// and the tiny pull to the current coefficients keeps the system definite even with no samples.
// Solved by a sparse Cholesky (LDL^T) factorisation. NumericalIssue if it fails or is not finite.
Status refitLeastSquares2D(DelaunayMesh2& mesh, const Eigen::MatrixXd& y, double ridge = 1e-8);

// Full-batch Adam on the smooth-L1 loss (PyTorch's SmoothL1Loss, beta below), as the LReg
// authors' code trains the coefficients, from the current coefficients. The learning rate decays
// on a cosine schedule to final_lr_fraction of its start: Adam's step is about the learning rate
// whatever the gradient, so without decay the coefficients would keep jittering at that size.
struct AdamRefit2DOptions {
  int steps = 200;
  double learning_rate = 0.1;
  double final_lr_fraction = 0.01;
  double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
  double smooth_l1_beta = 1.0;
};
Status refitAdam2D(DelaunayMesh2& mesh, const Eigen::MatrixXd& y,
                   const AdamRefit2DOptions& options = {});

// f at every attached sample: #samples by outputs, from the cached locations.
Eigen::MatrixXd predictAttached(const DelaunayMesh2& mesh);

}  // namespace lreg
