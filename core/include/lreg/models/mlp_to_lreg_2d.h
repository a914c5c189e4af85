#pragma once
// MLP -> LReg in 2D for one hidden layer. Unit j is affine in x and changes sign on the line
// z_j(x) = 0; the cells of the arrangement of these h lines (CGAL Arrangement_2, exact
// arithmetic), clipped to the domain box, are the net's linear regions. A constrained Delaunay
// triangulation whose constraints are the arrangement's edges triangulates every cell, and the
// MLP's values at the vertices give a P1 function equal to the MLP on the box. Deeper nets are
// not converted: a second layer's zero sets are polylines bent at the first layer's lines, which
// this does not trace (InputError).
#include <Eigen/Core>

#include "lreg/models/mlp.h"

namespace lreg {

// A P1 function on a triangulation: the data LagrangeRegressor2D holds.
struct P1Mesh2D {
  Eigen::MatrixXd vertices;   // #V x 2, raw units
  Eigen::MatrixXi triangles;  // #T x 3 vertex indices, counter-clockwise
  Eigen::MatrixXd values;     // #V x outputs, the function at the vertices
};

struct MlpConversion2D {
  P1Mesh2D mesh;
  int regions = 0;  // arrangement cells inside the box (linear regions on the domain)
  int lines = 0;    // hidden units whose zero line crosses the box's interior
};

// domain: empty = the model's. Throws InputError for tanh, != 2 inputs, > 1 hidden layer or
// no domain.
MlpConversion2D convertMlp2D(const Mlp& mlp, const Domain& domain = {});

// Barycentric evaluation of the P1 function at the rows of x (N x 2 -> N x outputs): in the
// triangle that contains each point; outside the triangulation, the closest triangle's affine
// extension (by the largest least barycentric coordinate among nearby triangles).
Eigen::MatrixXd evaluateP1Mesh2D(const P1Mesh2D& mesh, const Eigen::MatrixXd& x);

}  // namespace lreg
