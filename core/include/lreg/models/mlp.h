#pragma once
// A fully connected net with 1-4 hidden layers of equal width and a linear output layer:
//   h_0 = standardised x,  h_l = sigma(h_{l-1} W_l + b_l) (l = 1..L),  f = h_L W_{L+1} + b_{L+1}
// with sigma = ReLU, leaky ReLU max(u, leak u) or tanh. The weights act on standardised data
// (the scalings are kept, as in TwoLayerRelu); predict() takes and returns raw units. ReLU and
// leaky ReLU nets are piecewise linear, which lreg/models/mlp_to_lreg.h converts exactly (1 or 2
// inputs; any number otherwise, e.g. the digits classifier of lreg/train/mlp_classifier.h).
#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "lreg/data/standardizer.h"
#include "lreg/models/model.h"

namespace lreg {

enum class Activation { Relu, LeakyRelu, Tanh };
Activation parseActivation(const std::string& s);  // "relu", "leaky-relu", "tanh"
std::string toString(Activation a);

struct MlpLayer {
  Eigen::MatrixXd W;     // fan_in x fan_out
  Eigen::RowVectorXd b;  // 1 x fan_out
};

class Mlp : public Model {
 public:
  Mlp() = default;
  // layers: L hidden layers then the output layer; sizes must chain. Throws InputError.
  Mlp(std::vector<MlpLayer> layers, Activation activation, double leak, Standardizer input,
      Standardizer output);
  // PyTorch's nn.Linear initialisation for every layer: entries ~ U(-1/sqrt(fan_in), +).
  static Mlp random(int inputs, int outputs, int hidden, int layers, Activation activation,
                    double leak, std::uint64_t seed, Standardizer input, Standardizer output);

  std::string kind() const override { return "mlp"; }
  int inputs() const override;
  int outputs() const override;
  Eigen::MatrixXd predict(const Eigen::MatrixXd& x) const override;
  ParameterCount parameters() const override;  // all weights and biases are coefficients
  // {"kind":"mlp","format_version":1,"activation","leak","layers":[{"W","b"}...],"x_mean",
  //  "x_scale","y_mean","y_scale","domain_lo","domain_hi"}; doubles round-trip exactly.
  nlohmann::json toJson() const override;
  static Mlp fromJson(const nlohmann::json& j);  // throws InputError naming the field

  int hiddenLayers() const { return static_cast<int>(layers_.size()) - 1; }
  int width(int layer) const { return static_cast<int>(layers_[layer].W.cols()); }
  const std::vector<MlpLayer>& layers() const { return layers_; }
  Activation activation() const { return activation_; }
  double leak() const { return leak_; }
  bool piecewiseLinear() const { return activation_ != Activation::Tanh; }
  const Standardizer& inputScaling() const { return in_; }
  const Standardizer& outputScaling() const { return out_; }

  // Standardised units: xs N x inputs -> N x outputs.
  Eigen::MatrixXd forward(const Eigen::MatrixXd& xs) const;
  // Pre-activations z_l = h_{l-1} W_l + b_l of hidden layer l (0-based) at standardised xs.
  Eigen::MatrixXd preActivation(const Eigen::MatrixXd& xs, int layer) const;
  double sigma(double u) const;

  // The trainable-parameters view the gradient trainers use: every layer's W (column-major)
  // then its b, layer by layer.
  Eigen::Index flatSize() const;
  Eigen::VectorXd flatParameters() const;
  void setFlatParameters(const Eigen::VectorXd& theta);  // sizes must match
  bool allFinite() const;
  // Eq. (1) on standardised data: (1/N) sum_i ||f(x_i) - y_i||^2 + lambda ||theta||^2, and with
  // grad != null its gradient (flat order; the ReLU kink counts as not firing, like PyTorch).
  double objective(const Eigen::Ref<const Eigen::MatrixXd>& xs,
                   const Eigen::Ref<const Eigen::MatrixXd>& ys, double lambda,
                   Eigen::VectorXd* grad = nullptr) const;
  // Back-propagation for any loss of the outputs: at standardised xs, dloss gets the outputs
  // (N x outputs) and returns dL/df of that shape; grad gets dL/dtheta (flat order). Returns the
  // outputs.
  using OutputGradient = std::function<Eigen::MatrixXd(const Eigen::MatrixXd& outputs)>;
  Eigen::MatrixXd backward(const Eigen::Ref<const Eigen::MatrixXd>& xs, const OutputGradient& dloss,
                           Eigen::VectorXd& grad) const;

 private:
  std::vector<MlpLayer> layers_;
  Activation activation_ = Activation::Relu;
  double leak_ = 0.0;
  Standardizer in_, out_;
};

}  // namespace lreg
