// Barycentric evaluation of a P1Mesh2D (no CGAL): a uniform grid of buckets over the vertices'
// bounding box lists the triangles whose bounding boxes meet each bucket.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "lreg/common/status.h"
#include "lreg/models/mlp_to_lreg_2d.h"

namespace lreg {

Eigen::MatrixXd evaluateP1Mesh2D(const P1Mesh2D& mesh, const Eigen::MatrixXd& x) {
  if (x.cols() != 2)
    throw InputError("P1 mesh: input has " + std::to_string(x.cols()) + " columns, expected 2");
  const Eigen::Index nt = mesh.triangles.rows();
  if (nt == 0) throw InputError("P1 mesh: no triangles");
  const Eigen::RowVector2d lo = mesh.vertices.colwise().minCoeff();
  const Eigen::RowVector2d hi = mesh.vertices.colwise().maxCoeff();
  const int g = std::max(1, static_cast<int>(std::sqrt(static_cast<double>(nt)) / 2));
  const Eigen::RowVector2d cell = ((hi - lo) / g).cwiseMax(1e-300);
  auto bucket = [&](double v, int k) {
    return std::clamp(static_cast<int>(std::floor((v - lo[k]) / cell[k])), 0, g - 1);
  };
  std::vector<std::vector<int>> grid(static_cast<size_t>(g) * g);
  for (Eigen::Index t = 0; t < nt; ++t) {
    Eigen::RowVector2d a = mesh.vertices.row(mesh.triangles(t, 0)), b = a;
    for (int k = 1; k < 3; ++k) {
      a = a.cwiseMin(mesh.vertices.row(mesh.triangles(t, k)));
      b = b.cwiseMax(mesh.vertices.row(mesh.triangles(t, k)));
    }
    for (int i = bucket(a[0], 0); i <= bucket(b[0], 0); ++i)
      for (int j = bucket(a[1], 1); j <= bucket(b[1], 1); ++j)
        grid[static_cast<size_t>(i) * g + j].push_back(static_cast<int>(t));
  }
  auto bary = [&](Eigen::Index t, double px, double py) {
    const auto p0 = mesh.vertices.row(mesh.triangles(t, 0));
    const auto p1 = mesh.vertices.row(mesh.triangles(t, 1));
    const auto p2 = mesh.vertices.row(mesh.triangles(t, 2));
    const double det = (p1[0] - p0[0]) * (p2[1] - p0[1]) - (p2[0] - p0[0]) * (p1[1] - p0[1]);
    const double l1 = ((px - p0[0]) * (p2[1] - p0[1]) - (p2[0] - p0[0]) * (py - p0[1])) / det;
    const double l2 = ((p1[0] - p0[0]) * (py - p0[1]) - (px - p0[0]) * (p1[1] - p0[1])) / det;
    return Eigen::Vector3d(1.0 - l1 - l2, l1, l2);
  };
  Eigen::MatrixXd y(x.rows(), mesh.values.cols());
  for (Eigen::Index r = 0; r < x.rows(); ++r) {
    const auto& list = grid[static_cast<size_t>(bucket(x(r, 0), 0)) * g + bucket(x(r, 1), 1)];
    Eigen::Index best = -1;
    double best_min = -std::numeric_limits<double>::infinity();
    Eigen::Vector3d w = Eigen::Vector3d::Zero();
    for (int t : list) {
      const Eigen::Vector3d l = bary(t, x(r, 0), x(r, 1));
      if (l.minCoeff() > best_min) {
        best_min = l.minCoeff();
        best = t;
        w = l;
        if (best_min >= 0) break;
      }
    }
    if (best < 0) {  // an empty bucket (outside the mesh): search every triangle
      for (Eigen::Index t = 0; t < nt; ++t) {
        const Eigen::Vector3d l = bary(t, x(r, 0), x(r, 1));
        if (l.minCoeff() > best_min) best_min = l.minCoeff(), best = t, w = l;
      }
    }
    y.row(r) = w[0] * mesh.values.row(mesh.triangles(best, 0)) +
               w[1] * mesh.values.row(mesh.triangles(best, 1)) +
               w[2] * mesh.values.row(mesh.triangles(best, 2));
  }
  return y;
}

}  // namespace lreg
