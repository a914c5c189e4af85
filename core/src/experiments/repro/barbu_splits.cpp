#include "barbu_splits.h"

#include <algorithm>
#include <memory>

#include "lreg/common/timer.h"

namespace lreg::repro {

std::string splitKey(const std::string& data, int split, std::uint64_t seed,
                     const std::string& method) {
  std::string d = data;  // a path may hold a comma, which a run-log key may not
  std::replace(d.begin(), d.end(), ',', '_');
  return "data=" + d + ";split=" + std::to_string(split) + ";seed=" + std::to_string(seed) +
         ";method=" + method;
}

SplitPlan splitPlan(const ReproOptions& o, int quick_splits) {
  SplitPlan p;
  p.quick_subset = o.data.empty() && o.quick;
  if (p.quick_subset)  // one SDF split is minutes here (L-BFGS alone ~1.5 min)
    p.sets = {"abalone"};
  else if (o.data.empty())
    p.sets = {"sdf", "abalone"};
  else
    p.sets = {o.data.string()};
  p.splits = o.splits > 0 ? o.splits : o.quick ? quick_splits : 100;
  return p;
}

std::vector<double> metricOf(const SetResults& s, const std::string& method,
                             double RunRow::*field) {
  std::vector<double> v;
  const auto it = s.runs.find(method);
  if (it == s.runs.end()) return v;
  for (size_t i = 0; i < static_cast<size_t>(s.splits) && i < it->second.size(); ++i)
    v.push_back(it->second[i].*field);
  return v;
}

void addSplitNotes(ReproReport& r, const SplitPlan& plan, const std::vector<SetResults>& sets) {
  for (const auto& s : sets)
    r.notes.push_back(s.label + " (" + std::to_string(s.rows) + " rows, d = " +
                      std::to_string(s.inputs) + "): " + std::to_string(s.splits) + " of " +
                      std::to_string(plan.splits) + " random 80/20 splits run (the paper: 100)");
  if (plan.quick_subset)
    r.notes.push_back("--quick runs abalone only; the SDF decoder needs minutes per split.");
  r.notes.push_back(
      "Split s (1-based) is splitDataset(x, y, 0.2, seed + s - 1) and every method trains on it "
      "with that seed: the same runs as `lreg compare --seed SEED --splits K`.");
  r.notes.push_back(
      "Settings (section 2.6): h = 64; ANMIN 30 iterations, lambda = 1e-3, keep-best; Adam 300 "
      "epochs from 0.03, SGD (momentum 0.9) 300 epochs from 1e-3, both /10 every 100 epochs, "
      "batch 256; L-BFGS 60 steps of 20 updates, lr 0.01, keep-best. The paper tuned SGD's rate "
      "per set and does not print it; 1e-3 is the trainer's default. The -L columns use leaky "
      "ReLU, alpha = 0.1.");
  r.notes.push_back(
      "Bike-sharing, YearPredictionMSD and the DAE set of Table 3 are not shipped with the "
      "project; `--data FILE` runs the same protocol on a CSV of your own (last column the "
      "target).");
  r.notes.push_back(
      "Peers: ordinary least squares on (1, x), and k-NN with k chosen by 5-fold cross-validation "
      "on the training part (inputs scaled by their training sd). They are shown beside the nets "
      "and take no part in the bold marks.");
}

bool runSplits(const ReproOptions& o, const SplitPlan& plan, RunLog& log,
               const ProgressFn& progress, std::vector<SetResults>& out, int& runs_done) {
  std::vector<std::string> methods;
  for (const auto& m : barbuMethods()) methods.push_back(m.key);
  methods.push_back("linear");
  methods.push_back("knn");
  const int per_split = static_cast<int>(methods.size());
  const int total = static_cast<int>(plan.sets.size()) * plan.splits * per_split;
  int done = 0;
  const Stopwatch clock;  // progress carries this invocation's time, for the ETA
  const ProgressFn timed = [&](const Progress& p) {
    Progress q = p;
    q.seconds = clock.seconds();
    return report(progress, q);
  };
  for (const auto& name : plan.sets) {
    const BarbuSet set = loadBarbuSet(name);
    SetResults res;
    res.name = name;
    res.label = set.label;
    res.inputs = static_cast<int>(set.x.cols());
    res.rows = static_cast<int>(set.x.rows());
    res.methods = methods;
    out.push_back(res);
    SetResults& r = out.back();
    for (int s = 0; s < plan.splits; ++s) {
      const std::uint64_t seed = o.seed + static_cast<std::uint64_t>(s);
      std::shared_ptr<const Dataset> split;  // made only when a run of it is not logged
      const auto data = [&] {
        if (!split) split = std::make_shared<Dataset>(splitDataset(set.x, set.y, 0.2, seed, name));
        return split;
      };
      for (const auto& m : methods) {
        const std::string label = set.label + " split " + std::to_string(s + 1) + " " + m;
        std::vector<double> v;
        try {
          v = log.get(splitKey(name, s + 1, seed, m), [&] {
            RunRow row;
            if (m == "linear")
              row = linearPeer(*data());
            else if (m == "knn")
              row = knnPeer(*data(), seed);
            else {
              const BarbuMethod& bm = barbuMethod(m);
              row = trainOnSplit(data(), bm.trainer, barbuConfig(bm, seed, 64, o.threads),
                                 kTableCheckpoints, false, timed, done, total, label);
            }
            return toValues(row, kTableCheckpoints, false);
          });
        } catch (const RunCancelled&) {
          return false;
        }
        r.runs[m].push_back(fromValues(v, kTableCheckpoints, false));
        ++done;
        ++runs_done;
        if (!report(timed, {done, total, 0, label})) {
          if (m == methods.back()) ++r.splits;
          return false;
        }
      }
      ++r.splits;
    }
  }
  return true;
}

}  // namespace lreg::repro
