#pragma once
// TrainPhase1D of the LReg outline: the per-sample loss of the current fit and the per-element
// indicators that decide which elements MRC refines and, for equifreq coarsening, where the
// nodes go. All take samples sorted by x with their elements (Mesh1D::locateSorted): O(N + n).
#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "lreg/mesh/mesh_1d.h"
#include "lreg/train/samples_1d.h"

namespace lreg {

// f at the samples: N x outputs.
Eigen::MatrixXd predictSorted(const Mesh1D& mesh, const Eigen::MatrixXd& coeffs, const Samples1D& s,
                              const std::vector<int>& element);

// |f(x_j) - y_j|, averaged over outputs: N.
Eigen::VectorXd sampleLoss(const Eigen::MatrixXd& prediction, const Eigen::MatrixXd& y);

// Number of samples per element.
std::vector<double> sampleCounts(int elements, const std::vector<int>& element);

// The paper's TrainPhase1D count: in every batch of `batch` samples (a seeded permutation; 0 or
// >= N: one batch of all samples), the elements holding its topk largest losses get one count each.
std::vector<double> topkCounts(int elements, const Eigen::VectorXd& loss,
                               const std::vector<int>& element, int topk, int batch,
                               std::uint64_t seed);

// Summed loss per element.
std::vector<double> elementSums(int elements, const Eigen::VectorXd& loss,
                                const std::vector<int>& element);

// Estimated squared-error mass of P1 on each element, n_e h_e^4 kappa_e^2 / 720, where kappa is the
// curvature of the fit at the nodes (its slope jump over the mean adjacent width; norm over
// outputs), averaged over the element's two nodes. Equal masses are the error-equidistributing
// mesh of least squares (node density ~ (rho f''^2)^(1/5)).
std::vector<double> curvatureErrorMass(const Mesh1D& mesh, const Eigen::MatrixXd& coeffs,
                                       const std::vector<int>& element);

}  // namespace lreg
