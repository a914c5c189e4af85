#pragma once
// Choosing the DoF of a 1D or 2D LReg fit from the training data alone (issue 14): every
// candidate DoF is fitted by the MRC loop on k - 1 folds of the training rows and scored by the
// MAE on the held-out fold; the test rows of the data set are never read. Two searches:
//   KFold  every candidate of the ladder, the least mean validation MAE wins;
//   Grow   the ladder from small to large, stopping once `patience` candidates in a row have not
//          improved on the best mean validation MAE (cheaper; the curve ends there).
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "lreg/common/progress.h"
#include "lreg/data/dataset.h"
#include "lreg/train/mrc_1d.h"
#include "lreg/train/mrc_2d.h"

namespace lreg {

enum class DofSearch { KFold, Grow };
DofSearch parseDofSearch(const std::string& s);  // "kfold" | "grow"; throws InputError
std::string toString(DofSearch v);

struct DofSelectOptions {
  DofSearch search = DofSearch::Grow;  // docs/model-selection.md: as good as KFold, cheaper
  int folds = 5;
  std::vector<int> candidates;  // empty: dofLadder(min_dof, the largest the folds allow)
  int min_dof = 0;              // 0: 4 in 1D, 16 in 2D
  // Ratio of consecutive ladder candidates; 0: 1.25 in 1D, 1.6 in 2D (a 2D fold fit costs
  // far more; the 2D curve is flat near its minimum, docs/model-selection.md).
  double ladder_ratio = 0;
  // The largest candidate keeps this many fold-training samples per DoF (data_source.h's
  // warning threshold), so that no candidate interpolates noise.
  double samples_per_dof = 3.0;
  // Grow: candidates without improvement before stopping; 0: 2 in 1D, 1 in 2D (whose larger
  // candidates cost the most and whose curve was smooth on every set measured).
  int patience = 0;
  int epochs = -1;         // MRC steps of each fold fit; -1: the fit's in 1D, at most 10 in 2D
  std::uint64_t seed = 1;  // fold assignment (foldAssignment in knn.h)
};

// Validation MAE at one candidate: mean and sample standard deviation over the folds.
struct DofCurvePoint {
  int dof = 0;
  double mae_mean = 0, mae_sd = 0;
};

struct DofSelection {
  int dof = 0;  // the chosen DoF: least mean validation MAE (the smaller DoF on a tie)
  DofSearch search = DofSearch::Grow;
  int folds = 0;
  std::vector<DofCurvePoint> curve;  // one point per candidate fitted, ascending DoF
  double seconds = 0;                // wall time of the whole selection
};

// Geometric ladder lo, lo * ratio, ... (rounded, distinct) up to and including hi.
std::vector<int> dofLadder(int lo, int hi, double ratio);

// Throws InputError when the training rows cannot fill the folds or no candidate fits them.
// progress: one call per candidate (step = candidates done); returning false stops the
// search with the candidates done so far (status Cancelled is the caller's to report).
DofSelection selectDof1D(const Dataset& d, const Mrc1DOptions& fit,
                         const DofSelectOptions& options = {}, const ProgressFn& progress = {});
DofSelection selectDof2D(const Dataset& d, const Mrc2DOptions& fit,
                         const DofSelectOptions& options = {}, const ProgressFn& progress = {});

// {"dof", "method", "folds", "curve": [{"dof", "mae_mean", "mae_sd"}], "seconds"}.
nlohmann::json toJson(const DofSelection& s);

}  // namespace lreg
