#pragma once
// Pieces shared by the benchmark programs: generated data sets built once per process, and the
// fixed reference every figure is quoted against (a 64x64 Eigen GEMM in the same run).
#include <benchmark/benchmark.h>

#include <Eigen/Core>
#include <map>
#include <memory>
#include <string>

#include "lreg/data/generators.h"

namespace lreg::bench {

// The paper-sized set `name` with seed 1, generated on first use.
inline std::shared_ptr<const Dataset> dataset(const std::string& name) {
  static std::map<std::string, std::shared_ptr<const Dataset>> cache;
  auto& d = cache[name];
  if (!d) d = std::make_shared<const Dataset>(generate(name, {.seed = 1}));
  return d;
}

// Reference: a 64x64 GEMM, so that timings can be quoted as ratios measured in one run.
inline void referenceGemm64(benchmark::State& state) {
  const Eigen::MatrixXd a = Eigen::MatrixXd::Random(64, 64), b = Eigen::MatrixXd::Random(64, 64);
  Eigen::MatrixXd c(64, 64);
  for (auto _ : state) {
    c.noalias() = a * b;
    benchmark::DoNotOptimize(c.data());
  }
}

}  // namespace lreg::bench
