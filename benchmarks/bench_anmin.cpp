// ANMIN on Barbu's SDF decoder (split seed 1, h = 64): one whole iteration, and the M
// accumulation (eq. 7) against an Eigen GEMM of the same FLOPs timed in the same loop.
//
// FLOPs of the accumulation: the SYRK over R factor rows (R = rows after grouping by firing
// pattern, ~3k of 58k on SDF) of n = (d+1)h = 192 columns costs R n (n+1) (lower triangle with
// diagonal, 2 flops per multiply-add); the GEMM is C (n x n) = X^T Y with X, Y (k x n) and
// k = R (n+1) / (2n), i.e. the same count. "effective" counts the per-row work that grouping
// avoided, N n (n+1), over the same time.
#include <benchmark/benchmark.h>

#include <chrono>
#include <memory>

#include "lreg/cuda/gpu_linalg.h"
#include "lreg/data/embedded.h"
#include "lreg/train/anmin.h"

using namespace lreg;

namespace {

struct SdfState {
  std::shared_ptr<Dataset> data;
  Eigen::MatrixXd xt, B;
  FiringGroups groups, rows;
};

const SdfState& sdf() {
  static const SdfState s = [] {
    SdfState st;
    const Dataset all = sdfDecoder();
    st.data = std::make_shared<Dataset>(splitDataset(all.x_train, all.y_train, 0.2, 1, "sdf"));
    // The state after 5 ANMIN iterations, so groups and B are those of a trained net.
    AnminOptions o;
    o.iters = 5;
    Anmin t(st.data, o);
    t.run();
    st.xt = withOnes(t.current().inputScaling().apply(st.data->x_train));
    st.B = t.current().B();
    st.groups = groupByFiringPattern(st.xt, t.current().A(), 0.0, true);
    st.rows = groupByFiringPattern(st.xt, t.current().A(), 0.0, false);
    return st;
  }();
  return s;
}

double seconds(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// One iteration of Algorithm 1 (lines 5-20) including grouping and both solves.
void BM_AnminIteration_Sdf(benchmark::State& state) {
  const auto data = sdf().data;
  AnminOptions o;
  o.iters = 1 << 20;
  Anmin t(data, o);
  for (auto _ : state) benchmark::DoNotOptimize(t.step());
  state.counters["train_mse"] = t.history().last().train_loss;
  state.counters["patterns"] = t.history().last().extra.at("patterns");
}
BENCHMARK(BM_AnminIteration_Sdf)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// M accumulation and an equal-FLOP Eigen GEMM, alternated in one loop.
void BM_MAccumulationVsGemm_Sdf(benchmark::State& state) {
  const SdfState& s = sdf();
  const int batch = static_cast<int>(state.range(0));
  const double R = static_cast<double>(s.groups.rows());
  const double n = static_cast<double>(s.groups.gate.rows() * s.groups.factor.cols());
  const double flops = R * n * (n + 1);
  const Eigen::Index k = static_cast<Eigen::Index>(R * (n + 1) / (2 * n) + 0.5);
  const Eigen::MatrixXd X = Eigen::MatrixXd::Random(k, static_cast<Eigen::Index>(n));
  const Eigen::MatrixXd Y = Eigen::MatrixXd::Random(k, static_cast<Eigen::Index>(n));
  Eigen::MatrixXd C(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
  double t_m = 0, t_g = 0;
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    Eigen::MatrixXd M = accumulateHiddenGram(s.groups, s.B, batch);
    benchmark::DoNotOptimize(M.data());
    t_m += seconds(t0);
    t0 = std::chrono::steady_clock::now();
    C.noalias() = X.transpose() * Y;
    benchmark::DoNotOptimize(C.data());
    t_g += seconds(t0);
  }
  const double it = static_cast<double>(state.iterations());
  state.counters["M_GFLOPs"] = flops * it / t_m * 1e-9;
  state.counters["GEMM_GFLOPs"] = 2.0 * n * n * static_cast<double>(k) * it / t_g * 1e-9;
  state.counters["ratio"] = state.counters["M_GFLOPs"] / state.counters["GEMM_GFLOPs"];
  state.counters["effective_GFLOPs"] =
      static_cast<double>(s.xt.rows()) * n * (n + 1) * it / t_m * 1e-9;
  state.counters["R"] = R;
  state.counters["N"] = static_cast<double>(s.xt.rows());
}
BENCHMARK(BM_MAccumulationVsGemm_Sdf)->Arg(256)->Arg(1024)->Arg(4096)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// The same accumulation without grouping (one factor row per sample), for the speed-up.
void BM_MAccumulationPerRow_Sdf(benchmark::State& state) {
  const SdfState& s = sdf();
  const double n = static_cast<double>(s.rows.gate.rows() * s.rows.factor.cols());
  for (auto _ : state) benchmark::DoNotOptimize(accumulateHiddenGram(s.rows, s.B, 1024).data());
  state.counters["GFLOPs"] = benchmark::Counter(static_cast<double>(s.rows.rows()) * n * (n + 1),
                                                benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_MAccumulationPerRow_Sdf)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// The hidden-layer system on the GPU (M by DSYRK, Cholesky, solve; uploads and downloads
// included) against the CPU's accumulateHiddenGram + solveRegularized, alternated in one loop.
// Arg 1: rows grouped by firing pattern (R ~ 3k, below auto's threshold); 0: one row per sample
// (N ~ 58k, ~2e9 flops, where the GPU pays). Without a usable GPU it reports why and skips.
void BM_HiddenSolveGpuVsCpu_Sdf(benchmark::State& state) {
  if (!gpu::device().available) {
    state.SkipWithError(gpu::device().message.c_str());
    return;
  }
  const SdfState& s = sdf();
  const FiringGroups& g = state.range(0) ? s.groups : s.rows;
  const Eigen::Index n = g.gate.rows() * g.factor.cols();
  const Eigen::VectorXd rhs = Eigen::VectorXd::Ones(n);
  gpu::Linalg la;
  if (const gpu::Solve warm = la.hiddenSolve(g, s.B, rhs, 1e-3, -10000); !warm.status.ok()) {
    state.SkipWithError(warm.status.message.c_str());  // also creates the context and handles
    return;
  }
  double t_gpu = 0, t_cpu = 0;
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    const gpu::Solve sol = la.hiddenSolve(g, s.B, rhs, 1e-3, -10000);
    benchmark::DoNotOptimize(sol.x.data());
    t_gpu += seconds(t0);
    t0 = std::chrono::steady_clock::now();
    const RegularizedSolve cpu = solveRegularized(accumulateHiddenGram(g, s.B, 1024), 1e-3, rhs);
    benchmark::DoNotOptimize(cpu.x.data());
    t_cpu += seconds(t0);
  }
  const double it = static_cast<double>(state.iterations());
  const double flops = static_cast<double>(g.rows()) * static_cast<double>(n) * static_cast<double>(n + 1);
  state.counters["gpu_ms"] = t_gpu / it * 1e3;
  state.counters["cpu_ms"] = t_cpu / it * 1e3;
  state.counters["speedup"] = t_cpu / t_gpu;
  state.counters["gpu_M_GFLOPs"] = flops * it / t_gpu * 1e-9;
  state.counters["R"] = static_cast<double>(g.rows());
}
BENCHMARK(BM_HiddenSolveGpuVsCpu_Sdf)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
