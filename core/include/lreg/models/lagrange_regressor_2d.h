#pragma once
// LReg in 2D, immutable and CGAL-free: f(x) = sum_i c_i psi_i(x), P1 on a fixed triangulation
// (P: #V by 2 vertices, T: #T by 3 counter-clockwise vertex indices, coeffs: #V by outputs).
// What a trained DelaunayMesh2 / Mrc2D fit is saved and evaluated as.
//
// Point location: a uniform grid of buckets over the triangles' bounding boxes, then a
// barycentric test. Points outside the triangulation's box [lo, hi] take the affine function of
// the nearest boundary triangle (the same rule as DelaunayMesh2, see nearestBoundaryTriangle):
// the triangle holding clamp(x) (the nearest domain point); where several do (clamp(x) is a
// vertex), the one whose centroid (vertices summed in ascending index order) is nearest to it,
// then the smallest sorted vertex triple. 1D extends its end elements the same way.
//
// Parameters: coefficients #V x outputs; positions 2 per interior vertex and 1 per boundary
// vertex that is not a corner (MRC inserts vertices on boundary edges and the studio can move
// them along the edge), 0 for the 4 fixed corners.
#include <Eigen/Core>
#include <array>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "lreg/models/model.h"

namespace lreg {

class DelaunayMesh2;

class LagrangeRegressor2D : public Model {
 public:
  // Throws InputError: fewer than 3 vertices, an index out of range, a degenerate or clockwise
  // triangle, non-finite values, coefficient rows != vertices.
  LagrangeRegressor2D(Eigen::MatrixX2d P, Eigen::MatrixX3i T, Eigen::MatrixXd coeffs);
  // The trained mesh's vertices, triangles and coefficients (same indices).
  static LagrangeRegressor2D fromMesh(const DelaunayMesh2& mesh);

  LagrangeRegressor2D(const LagrangeRegressor2D&) = default;
  LagrangeRegressor2D& operator=(const LagrangeRegressor2D&) = default;

  static constexpr const char* kKind = "lreg-2d";
  std::string kind() const override { return kKind; }
  int inputs() const override { return 2; }
  int outputs() const override { return static_cast<int>(coeffs_.cols()); }
  Eigen::MatrixXd predict(const Eigen::MatrixXd& x) const override;  // N x 2 -> N x outputs
  ParameterCount parameters() const override;
  // {"kind": "lreg-2d", "format_version", "outputs", "vertices", "triangles", "coeffs",
  //  "domain", "metadata"}
  nlohmann::json toJson() const override;
  static LagrangeRegressor2D fromJson(const nlohmann::json& j);  // throws InputError

  const Eigen::MatrixX2d& vertices() const { return P_; }
  const Eigen::MatrixX3i& triangles() const { return T_; }
  const Eigen::MatrixXd& coeffs() const { return coeffs_; }
  const Eigen::Vector2d& lo() const { return lo_; }  // bounding box of the vertices
  const Eigen::Vector2d& hi() const { return hi_; }

  // The triangle whose affine function gives f(x): the containing one inside, the nearest
  // boundary triangle outside (rule above). -1 only for a non-finite x.
  int triangleFor(const Eigen::Vector2d& x) const;
  // Barycentric coordinates of x in triangle t (negative outside it: the affine extension).
  std::array<double, 3> barycentric(int t, const Eigen::Vector2d& x) const;

  const std::map<std::string, std::string>& metadata() const { return metadata_; }
  void setMetadata(const std::string& key, const std::string& value) { metadata_[key] = value; }

 private:
  int cellOf(double v, int axis) const;
  int nearestBoundaryTriangle(const Eigen::Vector2d& x) const;

  Eigen::MatrixX2d P_;
  Eigen::MatrixX3i T_;
  Eigen::MatrixXd coeffs_;
  Eigen::Vector2d lo_, hi_;
  int grid_ = 1;                         // grid_ x grid_ buckets over [lo, hi]
  std::vector<std::vector<int>> cells_;  // triangles overlapping each bucket, row-major
  std::map<std::string, std::string> metadata_;
};

}  // namespace lreg
