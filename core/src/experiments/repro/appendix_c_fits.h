#pragma once
// The fits of the appendix-c experiment (Appendix C of the LReg paper): LReg by the MRC loop with
// its DoF chosen on the training rows, the equal-DoF fixed mesh and k-NN with k chosen likewise,
// each scored into one run-log row. Internal to core/src/experiments/repro.
#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "lreg/data/dataset.h"

namespace lreg::repro::appc {

// The run log's columns, one row per (section, model, seed). NaN where a column does not apply.
enum Column {
  kTrainR2,
  kTestR2,
  kTestMae,
  kTruthR2,  // R^2 of the test predictions against the noiseless truth
  kPartR2,   // C.1 only: R^2 of u - beta, the part of the target that depends on alpha
  kSize,     // DoF (LReg, fixed mesh) or k (k-NN)
  kSeconds,  // the fit, its DoF or k selection included
  kR2Step0,  // LReg: test R^2 (1 - test MSE / test variance) after MRC step 0, 4, 32
  kR2Step4,
  kR2Step32,
  kColumns
};
const std::vector<std::string>& runColumns();

using Predictor = std::function<Eigen::MatrixXd(const Eigen::MatrixXd&)>;

struct Fit {
  std::vector<double> row;  // kColumns values
  Predictor predict;
};

struct FitSettings {
  int epochs = 30;         // MRC steps
  std::uint64_t seed = 1;  // folds of the DoF and k selection
  int size = 0;            // > 0: this DoF / k, no selection (redrawing a logged fit)
  // >= 0: kPartR2 is the R^2 after subtracting this input column from every output (C.1: beta,
  // which shifts the solution); -1: NaN.
  int offset_input = -1;
};

Fit fitLReg(const Dataset& d, const FitSettings& s);
Fit fitFixedMesh(const Dataset& d, const FitSettings& s);  // s.size: the DoF (required)
Fit fitKnn(const Dataset& d, const FitSettings& s);

// "lreg", "fixed", "knn" -> the fit above; "lreg@64", "fixed@64": at that DoF.
Fit fitModel(const std::string& model, const Dataset& d, const FitSettings& s);

}  // namespace lreg::repro::appc
