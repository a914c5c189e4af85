#include "lreg/train/mesh_update_1d.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "lreg/common/status.h"

namespace lreg {

std::vector<int> topElements(const Mesh1D& mesh, const std::vector<double>& indicator, int k,
                             double min_width) {
  std::vector<int> candidates;
  for (int e = 0; e < mesh.elements(); ++e)
    if (indicator[static_cast<size_t>(e)] > 0 && mesh.width(e) >= min_width)
      candidates.push_back(e);
  const auto take = static_cast<std::ptrdiff_t>(
      std::min<size_t>(static_cast<size_t>(std::max(k, 0)), candidates.size()));
  std::partial_sort(
      candidates.begin(), candidates.begin() + take, candidates.end(), [&](int a, int b) {
        const double ia = indicator[static_cast<size_t>(a)], ib = indicator[static_cast<size_t>(b)];
        if (ia != ib) return ia > ib;
        return mesh.width(a) > mesh.width(b);
      });
  candidates.resize(static_cast<size_t>(take));
  std::sort(candidates.begin(), candidates.end());
  return candidates;
}

Refinement1D refineMidpoints(const LagrangeRegressor1D& model, const std::vector<int>& elements) {
  const Mesh1D& mesh = model.mesh();
  const Eigen::MatrixXd& c = model.coeffs();
  std::vector<char> split(static_cast<size_t>(mesh.elements()), 0);
  for (int e : elements) {
    if (e < 0 || e >= mesh.elements())
      throw InputError("refine: element " + std::to_string(e) + " is not in the mesh");
    split[static_cast<size_t>(e)] = 1;
  }
  const auto added = static_cast<Eigen::Index>(std::count(split.begin(), split.end(), 1));
  std::vector<double> nodes;
  nodes.reserve(static_cast<size_t>(mesh.size() + added));
  Eigen::MatrixXd coeffs(mesh.size() + added, c.cols());
  Refinement1D r;
  Eigen::Index row = 0;
  for (int i = 0; i < mesh.size(); ++i) {
    nodes.push_back(mesh.node(i));
    coeffs.row(row++) = c.row(i);
    if (i < mesh.elements() && split[static_cast<size_t>(i)]) {
      const double mid = 0.5 * (mesh.node(i) + mesh.node(i + 1));
      nodes.push_back(mid);
      coeffs.row(row++) = 0.5 * (c.row(i) + c.row(i + 1));
      r.refined.emplace_back(mesh.node(i), mesh.node(i + 1));
      r.inserted.push_back(mid);
    }
  }
  r.model = LagrangeRegressor1D(Mesh1D(std::move(nodes)), std::move(coeffs));
  return r;
}

LagrangeRegressor1D interpolateOnto(const LagrangeRegressor1D& model, Mesh1D mesh) {
  const Eigen::Map<const Eigen::VectorXd> p(mesh.nodes().data(), mesh.size());
  Eigen::MatrixXd coeffs = model.predict(p);
  return LagrangeRegressor1D(std::move(mesh), std::move(coeffs));
}

Mesh1D equidistribute(const Mesh1D& mesh, const std::vector<double>& mass, int n) {
  const int E = mesh.elements();
  if (static_cast<int>(mass.size()) != E)
    throw InputError("equidistribute: " + std::to_string(mass.size()) + " masses for " +
                     std::to_string(E) + " elements");
  if (n < 2) throw InputError("equidistribute: needs n >= 2 nodes, got " + std::to_string(n));
  std::vector<double> cum(static_cast<size_t>(E + 1), 0.0);
  for (int e = 0; e < E; ++e) {
    const double m = mass[static_cast<size_t>(e)];
    if (!(m >= 0) || !std::isfinite(m))
      throw InputError("equidistribute: the mass of element " + std::to_string(e) +
                       " is not a finite number >= 0");
    cum[static_cast<size_t>(e + 1)] = cum[static_cast<size_t>(e)] + m;
  }
  const double total = cum.back();
  if (!(total > 0)) throw InputError("equidistribute: the total mass is zero");
  std::vector<double> p(static_cast<size_t>(n));
  p.front() = mesh.lo();
  p.back() = mesh.hi();
  int e = 0;
  for (int k = 1; k + 1 < n; ++k) {
    const double t = total * k / (n - 1);
    while (e < E - 1 && cum[static_cast<size_t>(e + 1)] <= t) ++e;
    const double m = mass[static_cast<size_t>(e)];
    const double frac = m > 0 ? std::clamp((t - cum[static_cast<size_t>(e)]) / m, 0.0, 1.0) : 1.0;
    p[static_cast<size_t>(k)] = mesh.node(e) + frac * mesh.width(e);
  }
  // Rounding can make neighbours coincide where one tiny element holds several nodes' mass.
  Mesh1D::spreadTies(p);
  return Mesh1D(std::move(p));
}

namespace {

// Summed |error| over samples [first, last) of the straight segment from (xa, ca) to (xb, cb).
double segmentError(const Samples1D& s, Eigen::Index first, Eigen::Index last, double xa, double xb,
                    const Eigen::RowVectorXd& ca, const Eigen::RowVectorXd& cb) {
  double err = 0;
  for (Eigen::Index j = first; j < last; ++j) {
    const double t = (s.x[j] - xa) / (xb - xa);
    err += ((1.0 - t) * ca + t * cb - s.y.row(j)).cwiseAbs().sum();
  }
  return err;
}

}  // namespace

Removal1D coarsenByRemoval(const LagrangeRegressor1D& model, const Samples1D& s, int target) {
  const Mesh1D& mesh = model.mesh();
  const Eigen::MatrixXd& c = model.coeffs();
  const int n = mesh.size();
  if (target < 2)
    throw InputError("coarsen: target DoF must be >= 2, got " + std::to_string(target));
  Removal1D r;
  if (n <= target) {
    r.model = model;
    return r;
  }
  // first[i]: index of the first sample >= node i (samples beyond the ends belong to the end
  // elements, which never merge past the ends).
  std::vector<Eigen::Index> first(static_cast<size_t>(n + 1));
  for (int i = 0; i < n; ++i)
    first[static_cast<size_t>(i)] =
        i == 0 ? 0
               : std::lower_bound(s.x.data(), s.x.data() + s.x.size(), mesh.node(i)) - s.x.data();
  first[static_cast<size_t>(n)] = s.x.size();
  auto samplesFrom = [&](int node) { return first[static_cast<size_t>(node)]; };
  auto samplesTo = [&](int node) {
    return node == n - 1 ? s.x.size() : first[static_cast<size_t>(node)];
  };

  std::vector<int> prev(static_cast<size_t>(n)), next(static_cast<size_t>(n));
  std::iota(prev.begin(), prev.end(), -1);
  std::iota(next.begin(), next.end(), 1);
  // err[i]: current error of the segment from node i to next[i].
  std::vector<double> err(static_cast<size_t>(n), 0.0), cost(static_cast<size_t>(n), 0.0);
  for (int i = 0; i + 1 < n; ++i)
    err[static_cast<size_t>(i)] = segmentError(s, samplesFrom(i), samplesTo(i + 1), mesh.node(i),
                                               mesh.node(i + 1), c.row(i), c.row(i + 1));
  auto removalCost = [&](int i) {
    const int a = prev[static_cast<size_t>(i)], b = next[static_cast<size_t>(i)];
    const double merged = segmentError(s, samplesFrom(a), samplesTo(b), mesh.node(a), mesh.node(b),
                                       c.row(a), c.row(b));
    return merged - err[static_cast<size_t>(a)] - err[static_cast<size_t>(i)];
  };
  std::vector<char> alive(static_cast<size_t>(n), 1);
  for (int i = 1; i + 1 < n; ++i) cost[static_cast<size_t>(i)] = removalCost(i);
  for (int left = n; left > target; --left) {
    int best = -1;
    for (int i = next[0]; i != n - 1; i = next[static_cast<size_t>(i)])
      if (best < 0 || cost[static_cast<size_t>(i)] < cost[static_cast<size_t>(best)]) best = i;
    const int a = prev[static_cast<size_t>(best)], b = next[static_cast<size_t>(best)];
    err[static_cast<size_t>(a)] += err[static_cast<size_t>(best)] + cost[static_cast<size_t>(best)];
    next[static_cast<size_t>(a)] = b;
    prev[static_cast<size_t>(b)] = a;
    alive[static_cast<size_t>(best)] = 0;
    r.removed.push_back(mesh.node(best));
    if (a > 0) cost[static_cast<size_t>(a)] = removalCost(a);
    if (b < n - 1) cost[static_cast<size_t>(b)] = removalCost(b);
  }
  std::vector<double> nodes;
  Eigen::MatrixXd coeffs(target, c.cols());
  for (int i = 0; i < n; ++i) {
    if (!alive[static_cast<size_t>(i)]) continue;
    coeffs.row(static_cast<Eigen::Index>(nodes.size())) = c.row(i);
    nodes.push_back(mesh.node(i));
  }
  r.model = LagrangeRegressor1D(Mesh1D(std::move(nodes)), std::move(coeffs));
  return r;
}

}  // namespace lreg
