#pragma once
// The 2D MRC's data checks and starting mesh (private to core/src/train).
#include <Eigen/Core>

#include "lreg/data/dataset.h"
#include "lreg/mesh/delaunay_mesh_2.h"
#include "lreg/train/mrc_options.h"

namespace lreg::detail {

// The box of the data's declared domain, else of its training inputs.
Eigen::Vector2d domainLo(const Dataset& d);
Eigen::Vector2d domainHi(const Dataset& d);

// InputError unless the data has 2 finite inputs spanning an area, a target, and >= dof rows.
void checkData2D(const Dataset& d, int dof);

// The starting mesh with the training samples attached and every coefficient at the mean target:
// initial_vertices when given (dof rows, corners included), else a uniform or (MeshInit::Quantile)
// quantile grid; then vertices at triangle centroids, into the triangle with most training samples
// (quantile) or the largest one, until there are dof.
DelaunayMesh2 initialMesh2D(const Dataset& d, int dof, MeshInit init,
                            const Eigen::MatrixX2d& initial_vertices);

}  // namespace lreg::detail
