#pragma once
// One method fitted on one data set, scored the same way for every experiment: the LReg by the
// MRC loop (1D or 2D by the data's inputs), the equal-DoF fixed mesh (least squares on quantile
// knots / a quantile grid), ordinary least squares, k-NN with k by 5-fold CV, the MLP (Adam) and
// the two-layer ReLU net trained by ANMIN.
#include <Eigen/Core>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "lreg/common/metrics.h"
#include "lreg/data/dataset.h"

namespace lreg::repro {

struct FitSettings {
  int dof = 64;            // mrc, mesh: basis functions (1D nodes, 2D vertices)
  int mrc_epochs = -1;     // -1: the MRC default
  int mlp_epochs = 300;    // MlpTrainOptions' default
  int anmin_iters = 30;    // AnminOptions' default
  std::uint64_t seed = 1;  // initialisation, folds
  int threads = 0;         // ANMIN kernel threads
};

struct FitResult {
  Metrics train, test;
  double test_mae_truth = 0;  // MAE against the noiseless truth (generated sets), else NaN
  double seconds = 0;         // training (and selection) time
  int dof = 0;                // basis functions / k of k-NN / parameters of a net
  int elements = 0;           // mesh methods: simplices n_t
  Eigen::MatrixXd grid;       // predictions at the rows of FitSettings' grid (if given)
};

// "mrc", "mesh", "ols", "knn", "mlp", "anmin" (Table 1's peers); fitMethod also takes
// "mrc-auto": the MRC loop at the DoF `lreg fit --dof auto` selects (lreg/train/dof_select.h).
const std::vector<std::string>& fitMethods();
std::string fitMethodLabel(const std::string& method);  // "LReg (MRC)", "fixed mesh", ...

// Throws InputError for an unknown method; a numerical failure of a trainer is a NumericalError.
FitResult fitMethod(const std::string& method, const std::shared_ptr<const Dataset>& data,
                    const FitSettings& settings, const Eigen::MatrixXd* grid = nullptr);

}  // namespace lreg::repro
