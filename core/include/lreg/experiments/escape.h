#pragma once
// The escape experiment (issue 10): an MLP trained by Adam until its loss plateaus, converted
// exactly to an LReg (lreg/models/mlp_to_lreg.h), then the MRC loop from the converted mesh at
// the converted mesh's DoF; beside it the fair baseline, MRC from scratch at that same DoF.
//
// Plateau test (on the training MSE, evaluated after every epoch): at epoch k >= 2 W the run
// has plateaued when the best MSE of the last W epochs is not below (1 - tol) times the best
// MSE before them, i.e. W epochs bought less than a tol share of improvement. Capped at the
// MLP's epoch budget.
//
// Time axis: the converted run's history starts where the MLP stopped (its seconds continue
// from the plateau's, conversion included); MRC from scratch starts at 0.
// 2D (one hidden layer): the converted triangulation's vertices start Mrc2D, whose mesh is an
// unconstrained Delaunay triangulation: its step 0 is the least-squares fit on the converted
// vertices, not the MLP itself (the exact P1 twin is EscapeReport::converted_2d).
#include <memory>
#include <string>
#include <vector>

#include "lreg/common/history.h"
#include "lreg/common/metrics.h"
#include "lreg/common/progress.h"
#include "lreg/common/status.h"
#include "lreg/data/dataset.h"
#include "lreg/models/lagrange_regressor_1d.h"
#include "lreg/models/mlp.h"
#include "lreg/models/mlp_to_lreg_2d.h"
#include "lreg/models/model.h"
#include "lreg/train/mlp_trainer.h"
#include "lreg/train/mrc_1d.h"

namespace lreg {

struct EscapeOptions {
  MlpTrainOptions mlp;        // mb.epochs is the cap on the Adam phase
  int plateau_window = 50;    // W, epochs
  double plateau_tol = 0.01;  // tol
  Mrc1DOptions mrc;           // dof is set to the converted mesh's; epochs = MRC steps
};

struct EscapePlateau {
  int step = 0;        // epochs run when the test fired (or the cap)
  double seconds = 0;  // training time then
  double train_mae = 0;
  double train_mse = 0;
  bool reached = false;  // false: the cap came first
};

struct EscapeArm {
  Metrics train, test;
  ParameterCount parameters;
  History history;
};

struct EscapeReport {
  Status status;
  EscapePlateau plateau;
  int regions = 0;  // linear regions of the MLP on the domain
  int dof = 0;      // nodes of the MRC start (mrcStartNodes of the converted mesh)
  EscapeArm mlp, converted_mrc, mrc_scratch;
  Mlp model;                              // the MLP at its plateau
  LagrangeRegressor1D converted;          // its exact LReg
  LagrangeRegressor1D improved, scratch;  // after MRC from it / from scratch (1D)
  P1Mesh2D converted_2d;                  // 2D: the exact twin
};

// Parameters of a 1D LReg: nodal values and interior node positions.
ParameterCount lregParameters(const LagrangeRegressor1D& m);

// The MRC start from a converted mesh: its nodes, less those closer than kMrcStartMinGap of the
// mesh's width to the node kept before them (or to the last node). Line tracing can find two
// breakpoints an ulp apart (a unit whose pre-activation is zero up to rounding on a segment);
// such an element holds no sample and makes the least-squares refit singular. Merging them
// changes the function by at most the slope jump times the gap. The converted model itself
// (EscapeReport::converted) keeps every node.
constexpr double kMrcStartMinGap = 1e-6;
std::vector<double> mrcStartNodes(const Mesh1D& mesh);

// 2D: the converted vertices less those within kMrcStartMinGap of the box's diagonal of one
// kept before them (corners always kept).
Eigen::MatrixX2d mrcStartVertices(const P1Mesh2D& mesh, const Domain& box);

// Throws InputError for data with more than 2 inputs, or a 2D MLP with more than 1 layer. progress:
// Adam epochs, then the two MRC runs (message "adam", "converted_mrc", "mrc_scratch"); returning
// false cancels.
EscapeReport runEscape(std::shared_ptr<const Dataset> data, const EscapeOptions& options,
                       const ProgressFn& progress = {});

}  // namespace lreg
