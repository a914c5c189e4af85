#pragma once
// The values Barbu (2023) prints in Tables 3, 4 and 5, for the sets the project ships (the SDF
// decoder and abalone; bike-sharing, YearPredictionMSD and the DAE set are not shipped). Bold
// marks as printed.
#include <string>
#include <vector>

#include "barbu_common.h"

namespace lreg::repro {

// Table 3: one value per method of barbuMethods(), for block "mse-train", "mse-test",
// "r2-train" or "r2-test"; nullptr for a set the paper does not have.
const std::vector<PaperValue>* paperTable3(const std::string& set, const std::string& block);
// "ANMIN 3.53 vs SGD 22.43, Adam 12.35, LBFGS 25.71"
std::string paperSummary(const std::string& set, const std::string& block);
// Table 4: seconds per method of barbuMethods() (GPU, PyTorch); nullptr when not in the paper.
const std::vector<double>* paperTable4(const std::string& set);

// Table 5 (bike-sharing): experiments 1-4, train and test MSE.
struct PaperAblation {
  int experiment;
  bool keep_best, pinv;
  PaperValue train, test;
};
const std::vector<PaperAblation>& paperTable5();

}  // namespace lreg::repro
