#pragma once
// The baselines the LReg connection is compared with, on the same data, the same mini-batch
// SGD-momentum loop (batch order, lr, momentum, weight decay, epochs, seed) and, for the low-rank
// update, the same parameter budget:
//   linear probe:  Delta logits = x~ A + c            (C_in C + C numbers, A and c start at 0)
//   low-rank:      Delta logits = (x~ U) V            (r (C_in + C) numbers, r = round(N / (C_in +
//   C))
//                                                      for the connection's N; V starts at 0,
//                                                      LoRA's way)
// x~ is x standardised by the training set's column means and deviations (part of the model), as
// the connection's PCA projection standardises its inputs. Both start exactly at the frozen model.
#include <Eigen/Core>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "lreg/models/model.h"
#include "lreg/train/connection_trainer.h"

namespace lreg {

enum class BaselineKind { Linear, LowRank };

class BaselineHead : public Model {
 public:
  BaselineHead() = default;
  BaselineHead(BaselineKind kind, Eigen::RowVectorXd mean, Eigen::RowVectorXd scale,
               Eigen::MatrixXd U, Eigen::MatrixXd V, Eigen::RowVectorXd c);

  std::string kind() const override {
    return kind_ == BaselineKind::Linear ? "linear-probe" : "low-rank";
  }
  BaselineKind baseline() const { return kind_; }
  int inputs() const override { return static_cast<int>(mean_.size()); }
  int outputs() const override { return static_cast<int>(V_.cols()); }
  int rank() const { return static_cast<int>(U_.cols()); }
  Eigen::MatrixXd predict(const Eigen::MatrixXd& features) const override;  // the correction
  ParameterCount parameters() const override;
  nlohmann::json toJson() const override;
  static BaselineHead fromJson(const nlohmann::json& j);  // throws InputError

  Eigen::MatrixXd standardise(const Eigen::MatrixXd& x) const;
  // Linear: U is the C_in x C matrix A and V the identity (not counted); low-rank: c stays 0.
  Eigen::MatrixXd& mutableU() { return U_; }
  Eigen::MatrixXd& mutableV() { return V_; }
  Eigen::RowVectorXd& mutableC() { return c_; }
  const Eigen::MatrixXd& U() const { return U_; }
  const Eigen::MatrixXd& V() const { return V_; }
  const Eigen::RowVectorXd& c() const { return c_; }

 private:
  BaselineKind kind_ = BaselineKind::Linear;
  Eigen::RowVectorXd mean_, scale_, c_;
  Eigen::MatrixXd U_, V_;
};

// The rank whose r (C_in + C) is nearest the connection's parameter count (at least 1).
int matchedRank(long connection_parameters, int inputs, int classes);

// Mean CE of frozen + head on data; dU, dV, dc of it when given (weight decay not included).
double baselineLoss(const BaselineHead& h, const ConnectionData& data,
                    Eigen::MatrixXd* dU = nullptr, Eigen::MatrixXd* dV = nullptr,
                    Eigen::RowVectorXd* dc = nullptr);
double baselineAccuracy(const BaselineHead& h, const ConnectionData& data);

// Trains the head with the connection's options (epochs, batch, lr, momentum, weight_decay,
// seed, optimizer ignored: SGD always), calling `epoch_done` after each epoch (may cancel).
// History point 0 is the frozen model; extra: val_acc, train_acc, samples_per_s.
struct BaselineReport {
  Status status;
  BaselineHead head;
  History history;
  double seconds = 0;
};
BaselineReport trainBaseline(BaselineKind kind, const ConnectionSplit& data,
                             const ConnectionOptions& o, int rank,
                             const std::function<bool(const HistoryPoint&)>& epoch_done = {});

}  // namespace lreg
