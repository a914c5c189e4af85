#pragma once
// MeshUpdate1D of the LReg outline (section 2.4, Figure 1): refine chosen elements at their
// midpoints, coarsen back to a target DoF (by removal or by equal-mass re-placement), and carry
// the coefficients over by interpolation. Reindexing is implicit: a Mesh1D is a sorted list.
#include <Eigen/Core>
#include <utility>
#include <vector>

#include "lreg/mesh/mesh_1d.h"
#include "lreg/models/lagrange_regressor_1d.h"
#include "lreg/train/samples_1d.h"

namespace lreg {

// Indices of the (at most) k elements with the largest positive indicator, ascending. Ties go to
// the wider element; elements narrower than min_width are never chosen (no degenerate elements).
std::vector<int> topElements(const Mesh1D& mesh, const std::vector<double>& indicator, int k,
                             double min_width);

struct Refinement1D {
  LagrangeRegressor1D model;                       // the refined mesh, same f
  std::vector<std::pair<double, double>> refined;  // the elements that were split
  std::vector<double> inserted;                    // their midpoints
};

// Inserts the midpoints of `elements`; a midpoint's coefficient is the mean of its element's two
// coefficients, so f is unchanged.
Refinement1D refineMidpoints(const LagrangeRegressor1D& model, const std::vector<int>& elements);

// The P1 interpolant of model's f on another mesh: coefficients = f at the new nodes.
LagrangeRegressor1D interpolateOnto(const LagrangeRegressor1D& model, Mesh1D mesh);

// n nodes at equal steps of the cumulative distribution of a piecewise-constant density whose
// mass on element e of `mesh` is mass[e] (>= 0, positive total); both ends of `mesh` are kept.
Mesh1D equidistribute(const Mesh1D& mesh, const std::vector<double>& mass, int n);

struct Removal1D {
  LagrangeRegressor1D model;    // survivors keep their coefficients (f interpolated)
  std::vector<double> removed;  // the nodes dropped, in the order they were dropped
};

// Greedy coarsening (the paper's text, Figure 1c): repeatedly drops the interior node whose
// removal raises the summed absolute training error least, until `target` nodes remain.
// O(R n + N log N) for R removals.
Removal1D coarsenByRemoval(const LagrangeRegressor1D& model, const Samples1D& samples, int target);

}  // namespace lreg
