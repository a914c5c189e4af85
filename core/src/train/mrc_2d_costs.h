#pragma once
// The 2D MRC's local checks of an edit before it is made (private to core/src/train): whether an
// insertion keeps the fit of the triangles it replaces, and what removing a vertex costs. Both
// read the current fit at the attached samples and a DelaunayMesh2 preview of the edit.
#include <Eigen/Core>
#include <utility>
#include <vector>

#include "lreg/mesh/delaunay_mesh_2.h"

namespace lreg::detail {

// The fit at the mesh's attached samples (train rows first) that a check compares against.
struct AttachedFit {
  const DelaunayMesh2& mesh;
  const Eigen::MatrixXd& fit;  // f at every attached sample
  const Eigen::MatrixXd& y_train;
  Eigen::Index ntrain;
};

// True when inserting p (preview r; P, C: the mesh's points and coefficients) leaves the training
// SSE of the replaced triangles' samples at most (1 + tolerance) times what it was, before any
// refit. rows gets (sample, row of values) for those samples, values the fit after the insertion.
bool insertionKeepsFit(const AttachedFit& a, double tolerance, const Eigen::Vector2d& p,
                       const InsertionPreview& r, const Eigen::MatrixX2d& P,
                       const Eigen::MatrixXd& C, std::vector<std::pair<int, int>>& rows,
                       Eigen::MatrixXd& values);

// Exact increase of the training SSE if the vertex of preview r were removed and the fill
// interpolated the remaining coefficients (before any refit); infinity for a flat fill.
double removalCost(const AttachedFit& a, const RemovalPreview& r, const Eigen::MatrixX2d& P,
                   const Eigen::MatrixXd& C);

}  // namespace lreg::detail
