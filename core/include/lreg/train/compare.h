#pragma once
// Barbu's protocol (2023, sections 2.4-3.1): repeated random 80/20 splits of one data set, every
// method trained on the same split with the same seed; mean and std of train/test MSE and R^2,
// run times, and paired t-tests between methods - laid out as the paper's Tables 3 and 4.
#include <Eigen/Core>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "lreg/common/progress.h"
#include "lreg/train/trainer.h"

namespace lreg {

struct CompareOptions {
  std::vector<std::string> methods{"anmin", "adam"};
  int splits = 10;
  std::uint64_t first_seed = 1;  // split s (0-based) uses seed first_seed + s for split and init
  double test_fraction = 0.2;
  TrainerConfig config;  // seeds are overwritten per split
};

struct SplitRun {
  int split = 0;
  std::uint64_t seed = 0;
  std::string method;
  Status status;
  double train_mse = 0, test_mse = 0, train_r2 = 0, test_r2 = 0, seconds = 0;
};

struct MeanStd {
  double mean = 0, std = 0;  // std with n - 1 (0 for a single run)
  int n = 0;
};

struct MethodSummary {
  std::string method;
  MeanStd train_mse, test_mse, train_r2, test_r2, seconds;
};

// Two-sided paired t-test of metric(a) - metric(b) over the splits.
struct PairedTest {
  std::string metric;  // "train_mse", "test_mse", "train_r2", "test_r2"
  std::string a, b;
  double mean_diff = 0, t = 0, p = 1;
  int n = 0;
};

struct CompareReport {
  std::string data;
  int splits = 0;
  std::vector<SplitRun> runs;          // split-major, methods in the order given
  std::vector<MethodSummary> summary;  // one per method
  std::vector<PairedTest> tests;       // every metric, every pair of methods
};

// Throws InputError for an empty list, a name that is not a two-layer-net method of the registry
// or a name given twice (it would count its runs twice in the summary and the t-tests).
void checkMethodList(const std::vector<std::string>& methods);

// x: N x d, y: N x c, all rows (split here). Progress: step = finished (split, method) runs; it
// is called after every run (message "<method> split <s>") and also during a run, after every
// step and between the updates of a long step (same step, message "<method> split <s>: step k of
// n"). Returning false cancels at once, within one update (an ANMIN iteration is one update): the
// report then holds the runs that finished (the interrupted one is dropped).
CompareReport compareMethods(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                             const std::string& name, const CompareOptions& options,
                             const ProgressFn& progress = {});

// Two-sided p-value of Student's t with dof degrees of freedom.
double studentTwoSidedP(double t, double dof);
PairedTest pairedTTest(const std::vector<double>& a, const std::vector<double>& b);

// Tables 3 (MSE train/test, R^2 train/test: "mean (std)", the best and those not significantly
// worse than it at p > 0.01 in bold) and 4 (seconds), one row for this data set.
std::string toMarkdown(const CompareReport& r);
// One row per run: data,split,seed,method,status,train_mse,test_mse,train_r2,test_r2,seconds.
std::string runsCsv(const CompareReport& r);
// One row per method and metric: data,method,metric,mean,std,n.
std::string summaryCsv(const CompareReport& r);
nlohmann::json toJson(const CompareReport& r);

}  // namespace lreg
