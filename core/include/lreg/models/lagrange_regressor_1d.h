#pragma once
// LReg in 1D: f(x) = sum_i c_i psi_i(x), piecewise linear on a Mesh1D, c outputs (coeffs n x c).
// Outside [first node, last node] the end elements extend linearly.
// Parameters: coefficients n x c; positions n - 2 (the interior nodes, which MRC inserts, removes
// and moves; the two end nodes sit on the domain's ends).
#include <Eigen/Core>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "lreg/mesh/mesh_1d.h"
#include "lreg/models/model.h"

namespace lreg {

class LagrangeRegressor1D : public Model {
 public:
  LagrangeRegressor1D() = default;
  LagrangeRegressor1D(Mesh1D mesh, Eigen::MatrixXd coeffs);

  const Mesh1D& mesh() const { return mesh_; }
  const Eigen::MatrixXd& coeffs() const { return coeffs_; }
  LagrangeRegressor1D(const LagrangeRegressor1D&) = default;
  LagrangeRegressor1D& operator=(const LagrangeRegressor1D&) = default;

  static constexpr const char* kKind = "lreg-1d";
  std::string kind() const override { return kKind; }
  int inputs() const override { return 1; }
  int outputs() const override { return static_cast<int>(coeffs_.cols()); }
  ParameterCount parameters() const override;

  // x: N x 1 (or a vector) -> N x outputs, O(N log n).
  Eigen::MatrixXd predict(const Eigen::MatrixXd& x) const override;
  Eigen::VectorXd predict1(const Eigen::VectorXd& x) const;  // first output only

  // {"kind": "lreg-1d", "format_version", "outputs", "nodes", "coeffs", "domain", "metadata"};
  // fromJson also reads the files written before the Model interface ("format": "lreg-1d").
  nlohmann::json toJson() const override;
  static LagrangeRegressor1D fromJson(const nlohmann::json& j);  // throws InputError

  // JSON files (saveModel / loadModel); errors name the path (InputError).
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
