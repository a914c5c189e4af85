#pragma once
// One MRC step from any 1D model, measured at each of its stages and told in plain words (issue
// 10: the discrete move that gradient steps cannot make, in the studio's "Local vs global" panel).
// Interior nodes whose two elements hold no training sample are dropped first (the training loss
// is unchanged: f changes only where no sample lies). The Mrc1D loop starts from the remaining
// nodes (its step 0 refits their values by least squares),
// then runs one step: refine the top-k elements at their midpoints, refit, coarsen back to the
// same number of nodes, refit. Beside it, the refinement alone is refitted by least squares without
// ridge (refitLeastSquares1D): its space holds every function on the model's nodes, so its train
// MSE is never above the model's.
#include <memory>
#include <string>

#include "lreg/common/metrics.h"
#include "lreg/data/dataset.h"
#include "lreg/models/lagrange_regressor_1d.h"
#include "lreg/train/mrc_1d.h"

namespace lreg {

struct MrcStepStory1D {
  Metrics before;         // the given model, training data
  Metrics refit;          // step 0: least squares on the model's nodes
  Metrics refined;        // least squares on the nodes plus the midpoints of the refined elements
  Metrics after;          // after the whole step
  int nodes_dropped = 0;  // interior nodes without samples around, dropped before the step
  int nodes_before = 0, nodes_refined = 0, nodes_after = 0;  // nodes_before: after dropping
  Mrc1DSnapshot snapshot;     // what the step did (refined, inserted, removed, moved)
  LagrangeRegressor1D model;  // after the step
};

// The model less every interior node whose tent, between the nodes kept around it, holds no
// sample of x strictly inside: f changes only where no sample lies, so any loss on x is unchanged.
LagrangeRegressor1D dropSampleFreeNodes1D(const LagrangeRegressor1D& model,
                                          const Eigen::VectorXd& x);

// options.dof and options.initial_nodes are set from the model (one output); epochs is unused.
// Throws InputError as Mrc1D does (e.g. fewer samples than nodes), NumericalError on a failed
// refit.
MrcStepStory1D mrcStepStory1D(std::shared_ptr<const Dataset> data, const LagrangeRegressor1D& model,
                              Mrc1DOptions options);

// "Refitted the 62 nodes by least squares (MAE 0.0310 -> 0.0290), split 8 intervals where the
// error was largest and refitted (train MSE 1.2e-03 -> 9.1e-04), removed 8 nodes and refitted:
// MAE 0.0310 -> 0.0270 with 62 nodes."
std::string describe(const MrcStepStory1D& story);

}  // namespace lreg
