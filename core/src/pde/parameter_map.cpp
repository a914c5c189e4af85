#include "lreg/pde/parameter_map.h"

#include <atomic>
#include <mutex>
#include <numbers>
#include <random>

#include "lreg/common/timer.h"
#include "lreg/linalg/parallel.h"

namespace lreg {

Eigen::RowVectorXd parameterMapTarget(const SemilinearPoissonSolution& s) {
  if (s.cells % 8 != 0)
    throw InputError("parameter map: the grid (" + std::to_string(s.cells) +
                     " cells) must be a multiple of 8");
  const int step = s.cells / 8;
  Eigen::RowVectorXd t(kParameterMapSide * kParameterMapSide);
  for (int j = 0; j < kParameterMapSide; ++j)
    for (int i = 0; i < kParameterMapSide; ++i)
      t(j * kParameterMapSide + i) = s.at((i + 1) * step, (j + 1) * step);
  return t;
}

ParameterMapData makeParameterMapData(const ParameterMapOptions& o, const ProgressFn& progress) {
  if (o.n_train < 1 || o.n_test < 0)
    throw InputError("parameter map: n_train must be >= 1 and n_test >= 0");
  if (o.cells < 8 || o.cells % 8 != 0)
    throw InputError("parameter map: cells must be a positive multiple of 8, got " +
                     std::to_string(o.cells));
  const Stopwatch clock;
  const int n = o.n_train + o.n_test, outputs = kParameterMapSide * kParameterMapSide;
  constexpr double kPi = std::numbers::pi;
  // The parameters are drawn first and in order, so the data do not depend on the threads.
  Eigen::MatrixXd x(n, 2), y(n, outputs);
  std::mt19937_64 rng(o.seed);
  std::uniform_real_distribution<double> ua(-kPi / 2, kPi / 2), ub(0.0, 2 * kPi);
  for (int i = 0; i < n; ++i) {
    x(i, 0) = ua(rng);
    x(i, 1) = ub(rng);
  }
  ParameterMapData out;
  std::atomic<int> next{0}, done{0}, max_it{0};
  std::atomic<bool> stop{false};
  std::mutex failure;
  const int threads = std::max(1, std::min(linalg::resolveThreads(o.threads), n));
  linalg::forkJoin(threads, [&](int t) {
    SemilinearPoissonSolver solver({.cells = o.cells});
    int reported = 0;  // thread 0 reports about every 256 solves
    for (int i = next++; i < n && !stop; i = next++) {
      const SemilinearPoissonSolution s = solver.solveAppendixC1(x(i, 0), x(i, 1));
      if (!s.status.ok()) {
        std::lock_guard lock(failure);
        if (out.status.ok())
          out.status = {s.status.code, s.status.message + " at alpha = " + std::to_string(x(i, 0)) +
                                           ", beta = " + std::to_string(x(i, 1))};
        stop = true;
        break;
      }
      y.row(i) = parameterMapTarget(s);
      int m = max_it.load();
      while (s.iterations > m && !max_it.compare_exchange_weak(m, s.iterations)) {
      }
      const int d = ++done;
      if (t != 0 || d - reported < 256) continue;
      reported = d;
      if (!report(progress, {d, n, clock.seconds(), "solving the PDE pairs"})) {
        std::lock_guard lock(failure);
        if (out.status.ok()) out.status = Status::cancelled();
        stop = true;
      }
    }
  });
  out.max_iterations = max_it;
  out.seconds = clock.seconds();
  Dataset& d = out.data;
  d.name = "appendix-c1";
  d.x_train = x.topRows(o.n_train);
  d.y_train = y.topRows(o.n_train);
  d.x_test = x.bottomRows(o.n_test);
  d.y_test = y.bottomRows(o.n_test);
  d.truth_test = d.y_test;
  d.noise_ceiling_r2 = 1.0;
  d.domain_lo = Eigen::Vector2d(-kPi / 2, 0);
  d.domain_hi = Eigen::Vector2d(kPi / 2, 2 * kPi);
  d.input_names = {"alpha", "beta"};
  for (int j = 1; j <= kParameterMapSide; ++j)
    for (int i = 1; i <= kParameterMapSide; ++i)
      d.output_names.push_back("u(" + std::to_string(i) + "/8," + std::to_string(j) + "/8)");
  return out;
}

}  // namespace lreg
