#pragma once
// LReg in 1D: f(x) = sum_i c_i psi_i(x), piecewise linear on a Mesh1D, c outputs (coeffs n x c).
#include <map>
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

  // JSON files; errors name the path (InputError).
  void save(const std::string& path) const;
  static LagrangeRegressor1D load(const std::string& path);

  // Free-form description saved with the model: data set, options, scores.
  const std::map<std::string, std::string>& metadata() const { return metadata_; }
  void setMetadata(const std::string& key, const std::string& value) { metadata_[key] = value; }

 private:
  Mesh1D mesh_;
  Eigen::MatrixXd coeffs_;
  std::map<std::string, std::string> metadata_;
};

}  // namespace lreg
