#pragma once
// Barbu's protocol for Tables 3 and 4, driven one run at a time so that each (split, method)
// run is a run-log row: split s (0-based) of a set is splitDataset(x, y, 0.2, seed + s) and every
// method trains on it with seed + s, as `lreg compare --seed SEED` does.
#include <map>
#include <string>
#include <vector>

#include "barbu_common.h"
#include "lreg/experiments/repro_run_log.h"

namespace lreg::repro {

inline constexpr int kTableCheckpoints = 10;  // training-curve points per run in Tables 3 and 4

struct SetResults {
  std::string name, label;
  int inputs = 0, rows = 0;
  std::vector<std::string> methods;                 // barbuMethods() keys, then "linear", "knn"
  std::map<std::string, std::vector<RunRow>> runs;  // per method, one per complete split
  int splits = 0;                                   // complete splits (every method done)
};

// The default sets (sdf, abalone; abalone alone when o.quick) or o.data alone; splits: o.splits,
// else quick_splits when o.quick, else 100. Returns false when progress cancelled (the results hold
// complete splits).
struct SplitPlan {
  std::vector<std::string> sets;
  int splits = 0;
  bool quick_subset = false;  // --quick left the SDF decoder out
};
SplitPlan splitPlan(const ReproOptions& o, int quick_splits);
bool runSplits(const ReproOptions& o, const SplitPlan& plan, RunLog& log,
               const ProgressFn& progress, std::vector<SetResults>& out, int& runs_done);

// Notes on the sizes run and the settings (Tables 3 and 4).
void addSplitNotes(ReproReport& r, const SplitPlan& plan, const std::vector<SetResults>& sets);

// The run-log key of one run: "data=sdf;split=3;seed=4;method=anmin-l".
std::string splitKey(const std::string& data, int split, std::uint64_t seed,
                     const std::string& method);

// A metric of every complete split of one method.
std::vector<double> metricOf(const SetResults& s, const std::string& method, double RunRow::*field);

}  // namespace lreg::repro
