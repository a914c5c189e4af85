#pragma once
// barbu-sim's runner on any list of (d, N) configurations (the experiment runs the paper's
// eight; tests run smaller ones).
#include <string>
#include <vector>

#include "lreg/experiments/repro.h"
#include "lreg/experiments/repro_run_log.h"

namespace lreg::repro {

inline constexpr int kSimCheckpoints = 30;  // ANMIN: every iteration; Adam: every 10 epochs

struct SimConfig {
  int d = 1, n = 1000;        // input dimension; training points (and as many test points)
  std::string id() const;     // "d3-n1000"
  std::string label() const;  // "d = 3, N = 1000"
};

// "1:1000,3:10000" -> {{1, 1000}, {3, 10000}} (--data of barbu-sim); InputError naming the item.
std::vector<SimConfig> parseSimConfigs(const std::string& text);

// runs per configuration; run r (0-based) uses seed o.seed + r for the data and both nets.
ReproReport runBarbuSim(const ReproOptions& o, const std::vector<SimConfig>& configs, int runs,
                        RunLog& log, const ProgressFn& progress);

}  // namespace lreg::repro
