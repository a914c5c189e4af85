#include "lreg/models/lagrange_regressor_2d.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "lreg/common/status.h"
#include "lreg/mesh/delaunay_mesh_2.h"
#include "model_json.h"

namespace lreg {

namespace {

constexpr int kVersion = 1;

// Same formula and operand order as DelaunayMesh2's, so that both agree to the last bits.
std::array<double, 3> bary(const Eigen::Vector2d& a, const Eigen::Vector2d& b,
                           const Eigen::Vector2d& c, double x, double y) {
  const double ax = a.x() - x, ay = a.y() - y, bx = b.x() - x, by = b.y() - y, cx = c.x() - x,
               cy = c.y() - y;
  const double wa = bx * cy - by * cx, wb = cx * ay - cy * ax, wc = ax * by - ay * bx;
  const double sum = wa + wb + wc;
  return {wa / sum, wb / sum, wc / sum};
}

double minOf(const std::array<double, 3>& w) { return std::min({w[0], w[1], w[2]}); }

}  // namespace

LagrangeRegressor2D::LagrangeRegressor2D(Eigen::MatrixX2d P, Eigen::MatrixX3i T,
                                         Eigen::MatrixXd coeffs)
    : P_(std::move(P)), T_(std::move(T)), coeffs_(std::move(coeffs)) {
  const std::string what = "lreg-2d model: ";
  if (P_.rows() < 3 || T_.rows() < 1)
    throw InputError(what + "needs at least 3 vertices and 1 triangle");
  if (!P_.allFinite() || !coeffs_.allFinite()) throw InputError(what + "non-finite values");
  if (coeffs_.rows() != P_.rows() || coeffs_.cols() < 1)
    throw InputError(what + std::to_string(coeffs_.rows()) + " coefficient rows for " +
                     std::to_string(P_.rows()) + " vertices");
  if (T_.minCoeff() < 0 || T_.maxCoeff() >= P_.rows())
    throw InputError(what + "a triangle names a vertex outside 0.." +
                     std::to_string(P_.rows() - 1));
  lo_ = P_.colwise().minCoeff().transpose();
  hi_ = P_.colwise().maxCoeff().transpose();
  if (!(lo_.array() < hi_.array()).all()) throw InputError(what + "the vertices span no area");
  for (Eigen::Index t = 0; t < T_.rows(); ++t) {
    const Eigen::Vector2d a = P_.row(T_(t, 0)), b = P_.row(T_(t, 1)), c = P_.row(T_(t, 2));
    const double area2 = (b - a).x() * (c - a).y() - (b - a).y() * (c - a).x();
    if (!(area2 > 0))
      throw InputError(what + "triangle " + std::to_string(t) +
                       " is degenerate or not counter-clockwise");
  }
  // About one triangle per bucket; each triangle goes to every bucket its bounding box meets.
  grid_ = std::max(1, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(T_.rows())))));
  cells_.assign(static_cast<size_t>(grid_) * static_cast<size_t>(grid_), {});
  for (Eigen::Index t = 0; t < T_.rows(); ++t) {
    Eigen::Vector2d blo = P_.row(T_(t, 0)), bhi = blo;
    for (int k = 1; k < 3; ++k) {
      blo = blo.cwiseMin(P_.row(T_(t, k)).transpose());
      bhi = bhi.cwiseMax(P_.row(T_(t, k)).transpose());
    }
    for (int iy = cellOf(blo.y(), 1); iy <= cellOf(bhi.y(), 1); ++iy)
      for (int ix = cellOf(blo.x(), 0); ix <= cellOf(bhi.x(), 0); ++ix)
        cells_[static_cast<size_t>(iy * grid_ + ix)].push_back(static_cast<int>(t));
  }
}

LagrangeRegressor2D LagrangeRegressor2D::fromMesh(const DelaunayMesh2& mesh) {
  return LagrangeRegressor2D(mesh.points(), mesh.triangleIndices(), mesh.coeffs());
}

int LagrangeRegressor2D::cellOf(double v, int axis) const {
  const double u = (v - lo_[axis]) / (hi_[axis] - lo_[axis]) * grid_;
  return std::clamp(static_cast<int>(std::floor(u)), 0, grid_ - 1);
}

std::array<double, 3> LagrangeRegressor2D::barycentric(int t, const Eigen::Vector2d& x) const {
  return bary(P_.row(T_(t, 0)), P_.row(T_(t, 1)), P_.row(T_(t, 2)), x.x(), x.y());
}

int LagrangeRegressor2D::nearestBoundaryTriangle(const Eigen::Vector2d& x) const {
  const Eigen::Vector2d c = x.cwiseMax(lo_).cwiseMin(hi_);
  // clamp(x) lies on an axis-aligned box edge, so the coordinate across a boundary edge is an
  // exact 0: the triangles holding c are exactly those with all coordinates >= 0.
  const auto& cell = cells_[static_cast<size_t>(cellOf(c.y(), 1) * grid_ + cellOf(c.x(), 0))];
  int best = -1;
  double best_d = std::numeric_limits<double>::infinity();
  std::array<int, 3> best_key{};
  for (const int t : cell) {
    if (minOf(barycentric(t, c)) < 0) continue;
    std::array<int, 3> key{T_(t, 0), T_(t, 1), T_(t, 2)};
    std::sort(key.begin(), key.end());
    const Eigen::Vector2d centroid =
        (P_.row(key[0]).transpose() + P_.row(key[1]).transpose() + P_.row(key[2]).transpose()) /
        3.0;
    const double d = (centroid - c).squaredNorm();
    if (d < best_d || (d == best_d && key < best_key)) {
      best = t;
      best_d = d;
      best_key = key;
    }
  }
  if (best >= 0) return best;
  // Not reached for a valid triangulation of the box; the closest candidate keeps f defined.
  double best_w = -std::numeric_limits<double>::infinity();
  for (const int t : cell)
    if (const double w = minOf(barycentric(t, c)); w > best_w) best_w = w, best = t;
  return best;
}

int LagrangeRegressor2D::triangleFor(const Eigen::Vector2d& x) const {
  if (!x.allFinite()) return -1;
  if ((x.array() < lo_.array()).any() || (x.array() > hi_.array()).any())
    return nearestBoundaryTriangle(x);
  // Inside: the candidate with the largest smallest coordinate (on a shared edge any of the
  // triangles gives the same value).
  int best = -1;
  double best_w = -std::numeric_limits<double>::infinity();
  for (const int t : cells_[static_cast<size_t>(cellOf(x.y(), 1) * grid_ + cellOf(x.x(), 0))]) {
    const double w = minOf(barycentric(t, x));
    if (w > best_w) best_w = w, best = t;
    if (w >= 0) break;
  }
  return best;
}

Eigen::MatrixXd LagrangeRegressor2D::predict(const Eigen::MatrixXd& x) const {
  if (x.cols() != 2 && x.size() > 0)
    throw InputError("lreg-2d model: predict needs 2 input columns, got " +
                     std::to_string(x.cols()));
  Eigen::MatrixXd out(x.rows(), coeffs_.cols());
  for (Eigen::Index r = 0; r < x.rows(); ++r) {
    const Eigen::Vector2d p = x.row(r).transpose();
    const int t = triangleFor(p);
    if (t < 0) {
      out.row(r).setConstant(std::numeric_limits<double>::quiet_NaN());
      continue;
    }
    const auto w = barycentric(t, p);
    for (Eigen::Index k = 0; k < coeffs_.cols(); ++k)
      out(r, k) =
          w[0] * coeffs_(T_(t, 0), k) + w[1] * coeffs_(T_(t, 1), k) + w[2] * coeffs_(T_(t, 2), k);
  }
  return out;
}

ParameterCount LagrangeRegressor2D::parameters() const {
  ParameterCount n;
  n.coefficients = static_cast<long>(coeffs_.size());
  for (Eigen::Index i = 0; i < P_.rows(); ++i) {
    const bool on_x = P_(i, 0) == lo_.x() || P_(i, 0) == hi_.x();
    const bool on_y = P_(i, 1) == lo_.y() || P_(i, 1) == hi_.y();
    n.positions += 2 - (on_x ? 1 : 0) - (on_y ? 1 : 0);
  }
  return n;
}

nlohmann::json LagrangeRegressor2D::toJson() const {
  nlohmann::json j;
  detail::writeHeader(j, kKind, kVersion);
  j["outputs"] = outputs();
  j["vertices"] = detail::matrixJson(Eigen::MatrixXd(P_));
  j["triangles"] = detail::matrixJson(Eigen::MatrixXi(T_));
  j["coeffs"] = detail::matrixJson(coeffs_);  // one row per vertex, one entry per output
  j["domain"] = detail::domainJson(domain());
  j["metadata"] = metadata_;
  return j;
}

LagrangeRegressor2D LagrangeRegressor2D::fromJson(const nlohmann::json& j) {
  detail::checkHeader(j, kKind, kVersion, false);
  const Eigen::MatrixXd P = detail::matrixFrom(j, "vertices", kKind, 2);
  const Eigen::MatrixXi T = detail::indexMatrixFrom(j, "triangles", kKind, 3);
  const Eigen::MatrixXd c = detail::matrixFrom(j, "coeffs", kKind);
  LagrangeRegressor2D m(P, T, c);
  m.setDomain(detail::domainFrom(j, 2, kKind));
  if (j.contains("metadata") && j["metadata"].is_object())
    for (const auto& [key, value] : j["metadata"].items())
      m.setMetadata(key, value.is_string() ? value.get<std::string>() : value.dump());
  return m;
}

}  // namespace lreg
