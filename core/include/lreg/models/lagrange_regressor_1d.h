#pragma once
// LReg in 1D: f(x) = sum_i c_i psi_i(x), piecewise linear on a Mesh1D, c outputs (coeffs n x c).
#include <string>

#include <Eigen/Core>
#include <nlohmann/json_fwd.hpp>

#include "lreg/mesh/mesh_1d.h"

namespace lreg {

class LagrangeRegressor1D {
 public:
  LagrangeRegressor1D() = default;
  LagrangeRegressor1D(Mesh1D mesh, Eigen::MatrixXd coeffs);

  const Mesh1D& mesh() const { return mesh_; }
  const Eigen::MatrixXd& coeffs() const { return coeffs_; }
  int outputs() const { return static_cast<int>(coeffs_.cols()); }

  // x: N x 1 (or a vector) -> N x outputs, O(N log n).
  Eigen::MatrixXd predict(const Eigen::MatrixXd& x) const;
  Eigen::VectorXd predict1(const Eigen::VectorXd& x) const;  // first output only

  nlohmann::json toJson() const;
  static LagrangeRegressor1D fromJson(const nlohmann::json& j);  // throws InputError

 private:
  Mesh1D mesh_;
  Eigen::MatrixXd coeffs_;
};

}  // namespace lreg
