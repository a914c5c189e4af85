#pragma once
// What Barbu's (2023) experiments share: the six trainers of Table 3 with the paper's settings
// (section 2.6), one run of a trainer or a simple peer on one split as a run-log row, the
// checkpoints of its training curve, and the bold marks of the paper (the best and those not
// significantly worse by a paired t-test at p = 0.01).
#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lreg/common/progress.h"
#include "lreg/data/dataset.h"
#include "lreg/experiments/repro.h"
#include "lreg/train/trainer.h"

namespace lreg::repro {

// A column of Table 3: a trainer of the registry with the activation's slope (the "-L" rows are
// leaky ReLU, alpha = 0.1).
struct BarbuMethod {
  std::string label;    // "ANMIN-L"
  std::string key;      // "anmin-l", in run-log keys
  std::string trainer;  // "anmin"
  double alpha = 0;
};
const std::vector<BarbuMethod>& barbuMethods();  // SGD, Adam, Adam-L, LBFGS, ANMIN, ANMIN-L
const BarbuMethod& barbuMethod(const std::string& key);

// The paper's settings (section 2.6): h hidden units, ANMIN 30 iterations with lambda = 1e-3,
// Adam 0.03 and SGD (the trainer's default rate) 300 epochs at /10 every 100, batch 256, L-BFGS
// 60 steps at 0.01.
TrainerConfig barbuConfig(const BarbuMethod& m, std::uint64_t seed, int hidden, int threads);

// Every row of a set (sdf, abalone or a CSV path whose last column is the target).
struct BarbuSet {
  std::string name, label;
  Eigen::MatrixXd x, y;
};
BarbuSet loadBarbuSet(const std::string& data);

// A run-log row: the final metrics of the kept model, the training time, how often the tau
// test failed and A was drawn again (ANMIN), the steps done, then `checkpoints` + 1 training
// MSEs at evenly spaced history points (first to last) and their training times.
struct RunRow {
  double train_mse = 0, test_mse = 0, train_r2 = 0, test_r2 = 0, seconds = 0;
  double svd = 0, restarts = 0, steps = 0;
  std::vector<double> curve, curve_seconds, test_curve;
};
std::vector<std::string> runColumns(int checkpoints, bool test_curve);
std::vector<double> toValues(const RunRow& r, int checkpoints, bool test_curve);  // no curve: NaN
RunRow fromValues(const std::vector<double>& v, int checkpoints, bool test_curve);

// Thrown out of a run's compute function when progress asks to cancel: the run is not logged.
struct RunCancelled {};

// Trains one method on one split. progress is asked between steps and inside long steps
// (step = runs done, the message names the run); false throws RunCancelled.
RunRow trainOnSplit(std::shared_ptr<const Dataset> split, const std::string& trainer,
                    const TrainerConfig& config, int checkpoints, bool test_curve,
                    const ProgressFn& progress, int done, int total, const std::string& label);

// The simple peers: ordinary least squares on (1, x), and k-NN with k by 5-fold cross-
// validation on the training part (steps = the chosen k).
RunRow linearPeer(const Dataset& split);
RunRow knnPeer(const Dataset& split, std::uint64_t seed);

// Bold marks: index of the best mean (lowest, or highest when higher_better), and per column
// whether it is the best or not significantly worse (paired t-test against the best, p > 0.01).
// p holds each column's p-value against the best (1 for the best, NaN below 2 pairs).
struct BoldMarks {
  int best = -1;
  std::vector<bool> bold;
  std::vector<double> p;
};
BoldMarks boldMarks(const std::vector<std::vector<double>>& columns, bool higher_better,
                    double level = 0.01);

double mean(const std::vector<double>& v);
double sd(const std::vector<double>& v);  // n - 1; NaN below 2 values
// "3.53 ± 1.05", with "**" around when bold.
std::string cell(const std::vector<double>& v, bool bold, int digits);
// "3.53 (1.05)" as printed by the paper, "**" around when the paper prints it bold.
struct PaperValue {
  double mean = 0, sd = 0;
  bool bold = false;
};
std::string paperCell(const PaperValue& p, int digits);
std::string countOf(int n, const std::string& noun);  // "1 split", "3 splits"
std::string fmtP(double p);                           // "3.14e-05", "0.423", "n/a"

}  // namespace lreg::repro
