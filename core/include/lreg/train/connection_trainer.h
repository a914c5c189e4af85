#pragma once
// Training the LReg connection (lreg/models/lreg_connection.h) on a frozen model's features:
// mini-batch SGD with momentum (the authors' recipe) or Adam on mean cross-entropy (class labels)
// or MSE (regression targets) plus the second-difference smoothness penalty, with the encoder's
// meshes refined and coarsened by counts of the worst-fitted samples (MRC for the encoder).
//
//   ConnectionTrainer t(split, options);           // history point 0 = the frozen model exactly
//   while (!t.done()) t.step();                     // one epoch; or t.run(progress)
//
// What the authors' code does and where our defaults differ (ConnectionOptions::paper() restores
// theirs): their bin edges start at linspace(-1, 1, n) although the sigmoid's range is (0, 1), so
// half the intervals never see data; their projection is a fixed random Linear (no gradient
// reaches it); validation batches also add to the counts. Our defaults: edges at the quantiles of
// the initial sigmoid outputs with ends 0 and 1, a PCA projection scaled to unit variance per
// component, counts from training batches only.
#include <Eigen/Core>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lreg/common/history.h"
#include "lreg/common/progress.h"
#include "lreg/common/status.h"
#include "lreg/common/timer.h"
#include "lreg/io/tensor.h"
#include "lreg/models/lreg_connection.h"

namespace lreg {

namespace gpu {
class ConnectionGpu;
}

// Features, the frozen model's outputs and the targets, one row per sample.
struct ConnectionData {
  Eigen::MatrixXd features;  // N x C_in
  Eigen::MatrixXd frozen;    // N x C: frozen logits (classification) or predictions
  Eigen::VectorXi labels;    // N, in [0, C) (cross-entropy)
  Eigen::MatrixXd targets;   // N x C (MSE); empty for classification
  ConnectionLoss loss = ConnectionLoss::CrossEntropy;

  Eigen::Index rows() const { return features.rows(); }
  int classes() const { return static_cast<int>(frozen.cols()); }
  // Throws InputError naming the field: shapes, finiteness, labels out of range.
  void validate(const std::string& what) const;
  ConnectionData subset(const std::vector<Eigen::Index>& rows) const;
};

struct ConnectionSplit {
  ConnectionData train, val;
};

// Seeded random split of rows 0..rows-1; val_fraction in (0, 1) (InputError otherwise, or when
// a part would be empty).
struct SplitRows {
  std::vector<Eigen::Index> train, val;
};
SplitRows splitRows(Eigen::Index rows, double val_fraction, std::uint64_t seed);
// The data's rows split by splitRows.
ConnectionSplit splitConnectionData(const ConnectionData& all, double val_fraction,
                                    std::uint64_t seed);

enum class EdgeInit {
  Paper,
  SigmoidRange,
  Quantile
};                                          // linspace(-1,1) / linspace(0,1) / quantiles
enum class ProjectionInit { Random, Pca };  // nn.Linear default / PCA, unit variance
enum class ConnectionOptimizer { Sgd, Adam };

struct ConnectionOptions {
  int components = 16;  // d
  int nodes = 16;       // n per component
  int epochs = 5;
  int batch = 32;
  ConnectionOptimizer optimizer = ConnectionOptimizer::Sgd;
  double lr = 0.01;
  double momentum = 0.9;  // SGD
  double weight_decay = 1e-4;
  int update_every = 0;           // optimizer steps between mesh updates; 0 = once per epoch
  int topk = 1;                   // worst samples per batch that add to the counts
  double refine_fraction = 0.25;  // share of intervals refined per update (the authors' n/4)
  double smoothness = 1e-4;       // weight of the second-difference penalty
  EdgeInit edges = EdgeInit::Quantile;
  ProjectionInit projection = ProjectionInit::Pca;
  bool train_projection = false;
  bool count_validation = false;  // the authors' code counts validation batches (a leak)
  std::uint64_t seed = 1;

  static ConnectionOptions paper();  // the authors' code as published
  void validate() const;             // throws InputError naming the option and its range
};

// The options as JSON and back: unknown keys, wrong types and out-of-range values are appended
// to `errors` as "options.KEY: ..." lines (so a job spec reports them all at once). "preset":
// "paper" starts from ConnectionOptions::paper() and the other keys override it.
nlohmann::json connectionOptionsJson(const ConnectionOptions& o);
ConnectionOptions connectionOptionsFrom(const nlohmann::json& j, std::vector<std::string>& errors);

// Loss (mean CE or MSE + smoothness) of the connection on data, and its gradient with respect to
// W (and P, b when grad_projection). Exposed for gradient checks and the GPU parity test.
struct ConnectionGradient {
  Eigen::MatrixXd dW, dP;
  Eigen::VectorXd db;
};
double connectionLoss(const LRegConnection& m, const ConnectionData& data, double smoothness,
                      ConnectionGradient* grad = nullptr, bool grad_projection = false,
                      Eigen::VectorXd* per_sample = nullptr);
// The second-difference penalty smoothness * mean |c_k - (c_{k-1} + c_{k+1}) / 2| over the
// coefficients in class-major layout WT = W^T (C x d n); adds its gradient to dWT when given.
double smoothnessPenalty(const Eigen::MatrixXd& WT, int n, double smoothness, Eigen::MatrixXd* dWT);
// Accuracy of argmax(frozen + correction) (classification only).
double connectionAccuracy(const LRegConnection& m, const ConnectionData& data);

// One mesh update of one component: refine the most-counted intervals at their midpoints
// (halving their counts), then place n nodes at equal steps of the cumulative density
// (count + 1) / width, ends kept; the coefficients follow as the old function's values.
void updateComponentMesh(LRegConnection& m, int component, const Eigen::VectorXd& counts,
                         double refine_fraction);

struct ConnectionReport {
  Status status;
  LRegConnection model;
  History
      history;  // loss "ce" or "mse"; test = validation; extra: val_acc, train_acc, samples_per_s
  double frozen_val_loss = 0, frozen_val_acc = 0;
  std::vector<Eigen::MatrixXd> edges;  // the d x n nodes after each mesh update (index 0: initial)
  double seconds = 0;
};

class ConnectionTrainer {
 public:
  ConnectionTrainer(std::shared_ptr<const ConnectionSplit> data, ConnectionOptions options);

  bool done() const { return epoch_ >= options_.epochs || !status_.ok(); }
  // One epoch; `progress` is called after every batch (step = batches done) and may cancel.
  const HistoryPoint& step(const ProgressFn& progress = {});
  ConnectionReport run(const ProgressFn& progress = {});
  ConnectionReport report() const;

  // Everything a resumed run needs (model, optimiser moments, counts, history), as tensors plus
  // a JSON description; restore() refuses a checkpoint of another shape or other options.
  struct Checkpoint {
    TensorMap tensors;
    nlohmann::json meta;
  };
  Checkpoint checkpoint() const;
  void restore(const Checkpoint& c);

  // Trains on the GPU (lreg/cuda/gpu_connection.h) from the next batch on; returns why not when
  // it cannot (no device, a CPU-only build, unsupported options), and then stays on the CPU.
  std::string useGpu();
  bool onGpu() const { return gpu_ != nullptr; }

  const LRegConnection& model() const { return model_; }
  const History& history() const { return history_; }
  const std::vector<Eigen::MatrixXd>& edges() const { return edges_; }
  int epoch() const { return epoch_; }
  int batchesPerEpoch() const;

 private:
  void record(double samples_per_s);
  double elapsed() const { return resumed_seconds_ + clock_.seconds(); }
  void optimizerStep(const ConnectionGradient& g);
  void meshUpdate();

  std::shared_ptr<const ConnectionSplit> data_;
  ConnectionOptions options_;
  LRegConnection model_;
  Eigen::MatrixXd counts_;  // d x (n - 1)
  Eigen::MatrixXd mW_, vW_, mP_, vP_;
  Eigen::VectorXd mb_, vb_;
  long steps_ = 0;
  int epoch_ = 0;
  Status status_;
  Stopwatch clock_;
  History history_;
  std::vector<Eigen::MatrixXd> edges_;
  double frozen_val_loss_ = 0, frozen_val_acc_ = 0;
  double resumed_seconds_ = 0;  // training time before the checkpoint this run resumed from
  std::shared_ptr<gpu::ConnectionGpu> gpu_;
};

}  // namespace lreg
