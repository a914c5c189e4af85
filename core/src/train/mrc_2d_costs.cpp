// The 2D MRC's two local cost checks, computed on the samples of the star a preview touches.
#include "mrc_2d_costs.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "lreg/mesh/barycentric.h"

namespace lreg::detail {

// Whether inserting p (previewed) leaves the fit of the triangles it replaces about as it was.
// Inserting into a Delaunay mesh re-triangulates the whole conflict zone, and on anisotropic
// cells (a quantile grid's thin rectangles are all cocircular) that zone can reach far and
// replace good thin triangles by long slivers: the interpolated fit then gets worse before any
// refit could help. Returns the new fit at the zone's training samples when it is kept.
bool insertionKeepsFit(const AttachedFit& a, double tolerance, const Eigen::Vector2d& p,
                       const InsertionPreview& r, const Eigen::MatrixX2d& P,
                       const Eigen::MatrixXd& C, std::vector<std::pair<int, int>>& rows,
                       Eigen::MatrixXd& values) {
  // The fan is star-shaped around p: a sample lies in the triangle whose angular sector holds
  // its direction from p, found by binary search over the sectors' start angles.
  struct Sector {
    double start;
    Eigen::Matrix3d S;  // inverted vertex matrix of (p, a, b): [x y 1] S = barycentrics
    std::array<int, 2> edge;
  };
  std::vector<Sector> sectors;
  sectors.reserve(r.fan.size());
  for (const auto& e : r.fan) {
    const auto b = Barycentric::of(p, P.row(e[0]).transpose(), P.row(e[1]).transpose());
    if (!b) continue;  // p on a hull edge: that flat 'sector' faces outside the domain
    sectors.push_back({std::atan2(P(e[0], 1) - p.y(), P(e[0], 0) - p.x()), b->matrix(), e});
  }
  std::sort(sectors.begin(), sectors.end(),
            [](const Sector& x, const Sector& y) { return x.start < y.start; });
  rows.clear();
  double before = 0;
  for (int t : r.conflict)
    for (int s : a.mesh.samplesIn(t))
      if (s < a.ntrain) {
        rows.emplace_back(s, static_cast<int>(rows.size()));
        before += (a.fit.row(s) - a.y_train.row(s)).squaredNorm();
      }
  const double bound = (1 + tolerance) * before;
  values.resize(static_cast<Eigen::Index>(rows.size()), C.cols());
  const auto& X = a.mesh.samplePoints();
  const auto n = static_cast<std::ptrdiff_t>(sectors.size());
  double after = 0;
  for (const auto& [s, row] : rows) {
    const Eigen::RowVector3d xh(X(s, 0), X(s, 1), 1.0);
    const double angle = std::atan2(X(s, 1) - p.y(), X(s, 0) - p.x());
    auto it = std::upper_bound(sectors.begin(), sectors.end(), angle,
                               [](double v, const Sector& sec) { return v < sec.start; });
    std::ptrdiff_t j = it == sectors.begin() ? n - 1 : (it - sectors.begin()) - 1;
    Eigen::RowVector3d u = xh * sectors[static_cast<size_t>(j)].S;
    if (u.minCoeff() < -1e-9) {  // on a sector border or p on the hull: take the best sector
      double best = -std::numeric_limits<double>::infinity();
      for (std::ptrdiff_t k = 0; k < n; ++k) {
        const Eigen::RowVector3d v = xh * sectors[static_cast<size_t>(k)].S;
        if (v.minCoeff() > best) {
          best = v.minCoeff();
          u = v;
          j = k;
        }
      }
    }
    const auto& e = sectors[static_cast<size_t>(j)].edge;
    values.row(row) = u[0] * r.coeff + u[1] * C.row(e[0]) + u[2] * C.row(e[1]);
    after += (values.row(row) - a.y_train.row(s)).squaredNorm();
    if (after > bound) return false;
  }
  return true;
}

// Exact increase of the training SSE if vertex i were removed and the fill interpolated the
// remaining coefficients (before any refit).
double removalCost(const AttachedFit& a, const RemovalPreview& r, const Eigen::MatrixX2d& P,
                   const Eigen::MatrixXd& C) {
  std::vector<Eigen::Matrix3d> S;
  S.reserve(r.fill.size());
  const auto vertex = [&](int i) -> Eigen::Vector2d { return P.row(i).transpose(); };
  for (const auto& f : r.fill) {
    const auto b = Barycentric::of(vertex(f[0]), vertex(f[1]), vertex(f[2]));
    if (!b) return std::numeric_limits<double>::infinity();  // a flat fill: never remove i
    S.push_back(b->matrix());
  }
  const auto& X = a.mesh.samplePoints();
  const auto& Y = a.y_train;
  double delta = 0;
  for (int t : r.star) {
    for (int s : a.mesh.samplesIn(t)) {
      if (s >= a.ntrain) continue;
      const Eigen::RowVector3d xh(X(s, 0), X(s, 1), 1.0);
      double best = -std::numeric_limits<double>::infinity();
      Eigen::RowVector3d u_best = Eigen::RowVector3d::Zero();
      size_t f_best = 0;
      for (size_t j = 0; j < S.size(); ++j) {
        const Eigen::RowVector3d u = xh * S[j];
        if (u.minCoeff() > best) {
          best = u.minCoeff();
          u_best = u;
          f_best = j;
        }
      }
      const auto& f = r.fill[f_best];
      const Eigen::RowVectorXd fnew =
          u_best[0] * C.row(f[0]) + u_best[1] * C.row(f[1]) + u_best[2] * C.row(f[2]);
      delta += (fnew - Y.row(s)).squaredNorm() - (a.fit.row(s) - Y.row(s)).squaredNorm();
    }
  }
  return delta;
}

}  // namespace lreg::detail
