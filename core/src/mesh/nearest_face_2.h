#pragma once
// Which finite face of a Delaunay triangulation of the box [lo, hi] gives f(x) for a point x
// outside the box: the nearest boundary triangle, i.e. a face holding clamp(x), the nearest
// domain point. Where several do (clamp(x) is a vertex: a corner, or a vertex on a boundary
// edge), the face whose centroid (vertices summed in ascending index order) is nearest to
// clamp(x), then the smallest sorted vertex-index triple: one plane for a whole corner quadrant,
// so f stays affine along every ray out of the domain. LagrangeRegressor2D applies the same rule,
// so a saved 2D model and the trained mesh agree everywhere. Private to DelaunayMesh2 (CGAL
// types).
#include <Eigen/Core>
#include <algorithm>
#include <array>
#include <limits>

namespace lreg::detail {

// DT: a CGAL Delaunay_triangulation_2 whose vertex info has an `index`.
template <class DT>
typename DT::Face_handle nearestBoundaryFace(const DT& dt, const Eigen::Vector2d& lo,
                                             const Eigen::Vector2d& hi, const Eigen::Vector2d& x,
                                             typename DT::Face_handle hint) {
  using FH = typename DT::Face_handle;
  const Eigen::Vector2d c = x.cwiseMax(lo).cwiseMin(hi);
  typename DT::Locate_type lt;
  int li = 0;
  const FH f = dt.locate(typename DT::Point(c.x(), c.y()), lt, li, hint);
  if (lt == DT::EDGE) return dt.is_infinite(f) ? f->neighbor(li) : f;
  if (lt != DT::VERTEX) return dt.is_infinite(f) ? f->neighbor(f->index(dt.infinite_vertex())) : f;
  FH best;
  double best_d = std::numeric_limits<double>::infinity();
  std::array<int, 3> best_key{};
  auto fc = dt.incident_faces(f->vertex(li)), end = fc;
  do {
    if (dt.is_infinite(fc)) continue;
    std::array<int, 3> key{};
    std::array<Eigen::Vector2d, 3> p;
    for (int k = 0; k < 3; ++k) key[static_cast<size_t>(k)] = fc->vertex(k)->info().index;
    std::array<int, 3> order{0, 1, 2};
    std::sort(order.begin(), order.end(), [&](int a, int b) { return key[a] < key[b]; });
    for (int k = 0; k < 3; ++k) {
      const auto& q = fc->vertex(order[static_cast<size_t>(k)])->point();
      p[static_cast<size_t>(k)] = {q.x(), q.y()};
    }
    std::sort(key.begin(), key.end());
    const Eigen::Vector2d centroid = (p[0] + p[1] + p[2]) / 3.0;
    const double d = (centroid - c).squaredNorm();
    if (d < best_d || (d == best_d && key < best_key)) {
      best = fc;
      best_d = d;
      best_key = key;
    }
  } while (++fc != end);
  return best;
}

}  // namespace lreg::detail
