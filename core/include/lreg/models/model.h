#pragma once
// The one interface every fitted model implements (1D LReg, 2D LReg, two-layer net, MLP, LReg
// connection): predict in raw units, a parameter count, and a JSON form with a "kind" and a
// "format_version", so that any model the project writes can be read back and evaluated by
// `lreg predict` and by the studio. Trainers produce models; models know nothing of trainers.
//
//   std::unique_ptr<Model> m = loadModel("fit.json");     // any kind
//   Eigen::MatrixXd y = m->predict(x);                      // x: N x inputs() -> N x outputs()
#include <Eigen/Core>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace lreg {

// Free numbers of a model. Mesh models count their coefficients and their free vertex
// positions separately (an adapted mesh's node positions are fitted numbers too).
struct ParameterCount {
  long coefficients = 0;  // weights, biases, nodal values
  long positions = 0;     // free vertex coordinates (interior 1D nodes; 2D vertices x 2)
  long total() const { return coefficients + positions; }
};

// The input box a model was fitted on: from the training data or declared by the user,
// never from test inputs. Empty vectors mean "unknown" (older files).
struct Domain {
  Eigen::VectorXd lo, hi;
  bool empty() const { return lo.size() == 0; }
};

class Model {
 public:
  virtual ~Model() = default;

  virtual std::string kind() const = 0;  // "lreg-1d", "lreg-2d", "two-layer-relu", "mlp", ...
  virtual int inputs() const = 0;
  virtual int outputs() const = 0;
  // Raw units: x is N x inputs() -> N x outputs(). Throws InputError on a wrong column count.
  virtual Eigen::MatrixXd predict(const Eigen::MatrixXd& x) const = 0;
  virtual ParameterCount parameters() const = 0;
  // Includes "kind" and "format_version"; fromJson of the same kind reads it back exactly.
  virtual nlohmann::json toJson() const = 0;

  virtual const Domain& domain() const { return domain_; }
  void setDomain(Domain d) { domain_ = std::move(d); }

 protected:
  Model() = default;
  Model(const Model&) = default;
  Model& operator=(const Model&) = default;

 private:
  Domain domain_;
};

// Reads any kind this build knows (dispatch on "kind"); throws InputError naming the kind or
// the field that is wrong.
std::unique_ptr<Model> modelFromJson(const nlohmann::json& j);

// Files: written to a temporary name in the same folder and renamed, so a crash never leaves a
// half-written model. Errors name the path (InputError).
void saveModel(const Model& model, const std::string& path);
std::unique_ptr<Model> loadModel(const std::string& path);

}  // namespace lreg
