#pragma once
// Barbu's two-layer network f(x) = sigma((1, x^T) A) B + b0 (Barbu 2023, section 2), with the
// leaky ReLU family sigma(u) = alpha u + (1 - alpha) max(0, u), alpha in [0, 1] (0 = ReLU).
// The weights act on standardised data; predict() takes and returns raw units. The saved model
// carries the input standardisation and the target centring/scaling, so it predicts on its own.
// Parameters: coefficients = A, B and b0 entries; no positions.
#include <Eigen/Core>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "lreg/data/standardizer.h"
#include "lreg/models/model.h"

namespace lreg {

class TwoLayerRelu : public Model {
 public:
  TwoLayerRelu() = default;
  // A: (d+1) x h (row 0 = hidden biases), B: h x c, b0: 1 x c.
  TwoLayerRelu(Eigen::MatrixXd A, Eigen::MatrixXd B, Eigen::RowVectorXd b0, double alpha,
               Standardizer input, Standardizer output);

  TwoLayerRelu(const TwoLayerRelu&) = default;
  TwoLayerRelu& operator=(const TwoLayerRelu&) = default;

  static constexpr const char* kKind = "two-layer-relu";
  std::string kind() const override { return kKind; }
  int inputs() const override { return static_cast<int>(A_.rows()) - 1; }
  int hidden() const { return static_cast<int>(A_.cols()); }
  int outputs() const override { return static_cast<int>(B_.cols()); }
  ParameterCount parameters() const override;
  double alpha() const { return alpha_; }
  const Eigen::MatrixXd& A() const { return A_; }
  const Eigen::MatrixXd& B() const { return B_; }
  const Eigen::RowVectorXd& b0() const { return b0_; }
  const Standardizer& inputScaling() const { return in_; }
  const Standardizer& outputScaling() const { return out_; }

  void setA(Eigen::MatrixXd A) { A_ = std::move(A); }
  void setOutputLayer(Eigen::MatrixXd B, Eigen::RowVectorXd b0) {
    B_ = std::move(B);
    b0_ = std::move(b0);
  }

  // Standardised units: xs N x d -> N x c.
  Eigen::MatrixXd forward(const Eigen::MatrixXd& xs) const;
  // Raw units: x N x d -> N x c.
  Eigen::MatrixXd predict(const Eigen::MatrixXd& x) const override;
  bool allFinite() const;

  // {"kind","format_version","inputs","hidden","outputs","alpha","A","B","b0","x_mean",
  // "x_scale","y_mean","y_scale","domain"}; fromJson also reads files without "kind" (older).
  nlohmann::json toJson() const override;
  static TwoLayerRelu fromJson(const nlohmann::json& j);  // throws InputError

 private:
  Eigen::MatrixXd A_, B_;
  Eigen::RowVectorXd b0_;
  double alpha_ = 0.0;
  Standardizer in_, out_;
};

// Random hidden layer as PyTorch's nn.Linear(d, h) default: every entry of A (weights and
// biases) ~ U(-1/sqrt(d), 1/sqrt(d)). On standardised inputs the hyperplanes then pass at
// distance O(1) from the origin, i.e. through the data cloud.
Eigen::MatrixXd initHiddenUniform(int inputs, int hidden, std::uint64_t seed);
// Output layer for gradient training, as nn.Linear(h, c): U(-1/sqrt(h), 1/sqrt(h)).
void initOutputUniform(int hidden, int outputs, std::uint64_t seed, Eigen::MatrixXd& B,
                       Eigen::RowVectorXd& b0);

// (1, x) for every row: N x (d+1).
Eigen::MatrixXd withOnes(const Eigen::MatrixXd& xs);

// Eq. (1) on standardised data: (1/N) sum_i ||f(x_i) - y_i||^2 + lambda (||b0||^2 + ||B||_F^2 +
// ||A||_F^2). With grad != null also its gradient (the ReLU kink counts as not firing, like
// PyTorch). Rows of xt already carry the leading 1 (see withOnes).
struct NetGradient {
  Eigen::MatrixXd dA, dB;
  Eigen::RowVectorXd db0;
};
double objective(const TwoLayerRelu& net, const Eigen::Ref<const Eigen::MatrixXd>& xt,
                 const Eigen::Ref<const Eigen::MatrixXd>& ys, double lambda,
                 NetGradient* grad = nullptr);

}  // namespace lreg
