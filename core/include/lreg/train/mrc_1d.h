#pragma once
// The Mesh-Refinement-Coarsening loop in 1D (LReg paper, section 2.4, Algorithm 1), each step
// observable through a snapshot. One step: per-sample loss -> element indicator -> refine the
// top-k elements at their midpoints (coefficients by interpolation, f unchanged) -> refit ->
// coarsen back to the target DoF -> refit -> reindex.
#include <Eigen/Core>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "lreg/common/history.h"
#include "lreg/common/metrics.h"
#include "lreg/common/progress.h"
#include "lreg/common/status.h"
#include "lreg/data/dataset.h"
#include "lreg/models/lagrange_regressor_1d.h"
#include "lreg/train/mrc_options.h"

namespace lreg {

struct Mrc1DOptions {
  int dof = 64;     // number of nodes (basis functions) kept after each step
  int topk = 8;     // elements refined per step
  int epochs = 30;  // MRC steps
  CoarsenStrategy coarsen = CoarsenStrategy::Equifreq;
  RefitMethod refit = RefitMethod::LeastSquares;
  RefineIndicator indicator = RefineIndicator::Curvature;  // measured best on b1, a1, sin-inv
  MeshInit init = MeshInit::Uniform;
  double ridge = 1e-8;   // relative Tikhonov term of the least-squares refit
  int adam_steps = 200;  // refit = Adam: gradient steps per refit
  double learning_rate = 0.1;
  std::uint64_t seed = 1;
  int batch = 0;               // Count: top-k samples counted per batch of this size (0: one batch)
  double density_floor = 0.1;  // Curvature + equifreq: least share of the sample (quantile)
                               // density mixed in, so no region is emptied of nodes
  // When not empty: the initial mesh (sorted, distinct, dof = its size), e.g. a converted MLP's
  // breakpoints; init is then unused.
  std::vector<double> initial_nodes = {};
};

// Parsing and naming for CLI, GUI and JSON ("remove", "equifreq").

// What one step did, for drawing and inspection. step 0 is the initial fit.
struct Mrc1DSnapshot {
  int step = 0;
  double seconds = 0;                              // cumulative fitting time
  std::vector<double> nodes;                       // after the step
  Eigen::MatrixXd coeffs;                          // nodes.size() x outputs
  std::vector<std::pair<double, double>> refined;  // elements refined in this step
  // What the step did to the nodes (classifyStep1D): before + inserted - removed = after, and
  // a node the equal-mass re-placement shifted is one move, not a removal plus an insertion.
  std::vector<double> inserted;                  // midpoints (or new nodes) present after the step
  std::vector<double> removed;                   // nodes of the previous mesh gone after the step
  std::vector<std::pair<double, double>> moved;  // (from, to) of each node that moved
  std::vector<double> indicator;                 // per element of the mesh before refinement
  Metrics train, test;
};

struct Mrc1DReport {
  Status status;
  LagrangeRegressor1D model;
  History history;  // loss = "mae"; extra: dof, train_mse, test_mse
  Metrics train, test;
};

class Mrc1D {
 public:
  // Validates the options against the data (throws InputError), builds the initial mesh and fit.
  Mrc1D(std::shared_ptr<const Dataset> data, Mrc1DOptions options);

  // Runs one MRC step and returns its snapshot. Throws NumericalError if a refit fails (the
  // model and history stay as they were before the step).
  const Mrc1DSnapshot& step();
  // Runs the remaining epochs; progress may cancel (status Cancelled, model kept).
  Mrc1DReport run(const ProgressFn& progress = {});

  const Mrc1DSnapshot& snapshot() const;
  const LagrangeRegressor1D& model() const;
  const History& history() const;
  const Mrc1DOptions& options() const;
  const Dataset& data() const;

 private:
  const Mrc1DSnapshot& stepImpl();
  struct State;
  std::shared_ptr<State> state_;
};

// The equal-DoF baseline shown beside every MRC fit: least squares on quantile-placed knots.
LagrangeRegressor1D quantileBaseline1D(const Dataset& data, int dof, double ridge = 1e-8);

}  // namespace lreg
