#pragma once
// The LReg connection (LReg paper, section 2.6 and Figure 2c): a PEFT head added to a frozen
// model. Features x (C_in) pass through SigmoidNorm s = sigmoid(P x + b) (d components in (0,1)),
// each component through a 1D P1 Lagrange encoder on its own n nodes, and a linear head of
// d x n x C coefficients; the result is added to the frozen model's logits:
//
//   logits(x) = frozen(x) + sum_i sum_k psi_ik(s_i(x)) W[i n + k, :]
//
// Trainable numbers: N = (C_in + 1) d + d n C (the paper's count; P and b count even when they
// are kept fixed, as in the authors' code). predict() returns the head's correction alone;
// logits() adds it to given frozen logits.
#include <Eigen/Core>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "lreg/models/model.h"

namespace lreg {

enum class ConnectionLoss { CrossEntropy, MeanSquared };

class LRegConnection : public Model {
 public:
  LRegConnection() = default;
  // P: d x C_in, b: d, nodes: d x n (each row strictly increasing), W: (d n) x C.
  LRegConnection(Eigen::MatrixXd P, Eigen::VectorXd b, Eigen::MatrixXd nodes, Eigen::MatrixXd W,
                 ConnectionLoss loss);

  std::string kind() const override { return "lreg-connection"; }
  int inputs() const override { return static_cast<int>(P_.cols()); }
  int outputs() const override { return static_cast<int>(W_.cols()); }
  int components() const { return static_cast<int>(P_.rows()); }
  int nodesPerComponent() const { return static_cast<int>(nodes_.cols()); }
  ConnectionLoss loss() const { return loss_; }

  Eigen::MatrixXd predict(const Eigen::MatrixXd& features) const override;  // N x C correction
  Eigen::MatrixXd logits(const Eigen::MatrixXd& features, const Eigen::MatrixXd& frozen) const;
  ParameterCount parameters() const override;
  nlohmann::json toJson() const override;
  static LRegConnection fromJson(const nlohmann::json& j);  // throws InputError

  // SigmoidNorm: N x d, each entry in (0, 1).
  Eigen::MatrixXd sigmoidNorm(const Eigen::MatrixXd& features) const;
  // Element of component i that holds s (the end elements take what lies beyond the ends, so the
  // encoder extrapolates linearly like every other LReg).
  int locate(int i, double s) const;

  const Eigen::MatrixXd& P() const { return P_; }
  const Eigen::VectorXd& b() const { return b_; }
  const Eigen::MatrixXd& nodes() const { return nodes_; }
  const Eigen::MatrixXd& W() const { return W_; }
  Eigen::MatrixXd& mutableP() { return P_; }
  Eigen::VectorXd& mutableB() { return b_; }
  Eigen::MatrixXd& mutableW() { return W_; }
  // New nodes for component i with the coefficients that go with them (n x C).
  void setComponent(int i, const Eigen::RowVectorXd& nodes, const Eigen::MatrixXd& coeffs);

 private:
  Eigen::MatrixXd P_;
  Eigen::VectorXd b_;
  Eigen::MatrixXd nodes_;
  Eigen::MatrixXd W_;
  ConnectionLoss loss_ = ConnectionLoss::CrossEntropy;
};

}  // namespace lreg
