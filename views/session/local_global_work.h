#pragma once
// The work behind the "Local vs global" panel, run on a worker by LocalGlobalSession: each
// function only drives core (lreg/train/mlp_trainer.h, lreg/models/mlp_to_lreg*.h,
// lreg/train/polish_mae_1d.h, lreg/experiments/escape.h and landscape.h) and returns an immutable
// result. The setup is the first half of the escape experiment (Adam until the plateau test of
// escape.h fires, then the exact conversion), plus, in 1D, the MAE polish of the converted net.
#include <Eigen/Core>
#include <QMetaType>
#include <QString>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lreg/common/history.h"
#include "lreg/data/dataset.h"
#include "lreg/experiments/escape.h"
#include "lreg/experiments/landscape.h"
#include "lreg/models/lagrange_regressor_1d.h"
#include "lreg/models/mlp.h"
#include "lreg/models/mlp_to_lreg_2d.h"
#include "lreg/train/polish_mae_1d.h"

namespace lreg::views {

class JobContext;
class StepGate;

struct LocalGlobalOptions {
  QString data = QStringLiteral("sin-inv");  // built-in set or CSV path (x[,x2],y)
  std::uint64_t seed = 1;
  int hidden = 64;
  int layers = 1;     // hidden layers; 2D converts one
  int epochs = 3000;  // cap on Adam
  double lr = 0.01;
  int mrc_epochs = 30;  // MRC steps of both race arms and of the barrier's improved LReg
  int topk = 8;
  int grid = 51;  // landscape grid per axis
  // Landscape plane: the path's two principal directions, or two random filter-normalised ones.
  bool random_plane = false;
};

// The trained net at its plateau and its exact LReg (1D: also polished to an MAE minimum).
struct LocalGlobalSetup {
  LocalGlobalOptions options;
  std::shared_ptr<const Dataset> data;
  Mlp mlp;
  History mlp_history;
  EscapePlateau plateau;
  // Flat parameters after each epoch (0 = initial, last = final); on long runs every 2^k-th.
  std::vector<Eigen::VectorXd> path;
  Eigen::MatrixXd xs, ys;  // standardised training data (the landscape's units)
  int regions = 0;
  // 1D
  LagrangeRegressor1D converted;  // every breakpoint
  LagrangeRegressor1D start;      // mrcStartNodes of it, the MLP's values there
  PolishMae1DReport polish;       // start polished: the Figure-1 fit
  // 2D
  P1Mesh2D converted_2d;
};
using LocalGlobalSetupPtr = std::shared_ptr<const LocalGlobalSetup>;

// Loads the data and checks it for the panel (1 or 2 inputs, one target); throws InputError.
std::shared_ptr<const Dataset> loadLocalGlobalData(const LocalGlobalOptions& o);
// Adam to the plateau, conversion, polish (1D). Returns null when cancelled.
LocalGlobalSetupPtr runLocalGlobalSetup(const LocalGlobalOptions& o, const JobContext& job);

// The escape race on one time axis: the MLP (train MSE per epoch), then MRC from the converted
// mesh (its seconds continue from the plateau's, its steps from the plateau epoch), and MRC from
// scratch at the same DoF (from 0).
struct LocalGlobalRace {
  int dim = 1;
  History mlp, converted, scratch;  // train_loss: train MSE for all three
  double plateau_seconds = 0;
  int plateau_step = 0;
  int dof = 0;
  bool done = false;
  P1Mesh2D converted_2d;          // 2D: the MLP's linear regions, triangulated
  std::optional<P1Mesh2D> moved;  // 2D: the mesh of MRC from the converted vertices, latest step
};
using LocalGlobalRacePtr = std::shared_ptr<const LocalGlobalRace>;
// Publishes every new point through job.update(LocalGlobalRacePtr); returns the last state.
// Each epoch and MRC step first passes the gate (play / pause / step).
LocalGlobalRacePtr runLocalGlobalRace(const LocalGlobalOptions& o, const JobContext& job,
                                      StepGate& gate);

// The loss over the plane of the path's first two principal directions (Li et al. 2018, Fig. 9:
// the path lies in that plane as far as the explained variance says) or over two random
// filter-normalised directions (their Fig. 1-style slice; the path is projected on it by least
// squares and lies mostly off it), the interpolation from
// the initial to the final parameters, and (one hidden layer) the barrier to the MRC-improved LReg.
struct LocalGlobalLandscape {
  bool random_plane = false;
  LossSlice slice;  // d1, d2 = the path's PCA directions or the random ones
  PathProjection path;
  Eigen::VectorXd interp_t, interp_loss;
  std::optional<Barrier> barrier;
  QString barrier_note;  // why there is no barrier, or what it shows
  double span = 1;
};
using LocalGlobalLandscapePtr = std::shared_ptr<const LocalGlobalLandscape>;
LocalGlobalLandscapePtr runLocalGlobalLandscape(const LocalGlobalSetupPtr& setup, int grid,
                                                const JobContext& job);

}  // namespace lreg::views

Q_DECLARE_METATYPE(lreg::views::LocalGlobalSetupPtr)
Q_DECLARE_METATYPE(lreg::views::LocalGlobalRacePtr)
Q_DECLARE_METATYPE(lreg::views::LocalGlobalLandscapePtr)
