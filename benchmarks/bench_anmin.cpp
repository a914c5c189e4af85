// ANMIN's hot kernels against the machine's BLAS, in one run (ratios, not absolute times: these
// machines are shared and noisy).
//
// SDF decoder (split seed 1, h = 64): one whole iteration, and the M accumulation (eq. 7) against
// a GEMM of the same FLOPs timed in the same loop. FLOPs of the accumulation are counted as the
// dense SYRK it replaces: R n (n+1) over R factor rows (rows after grouping by firing pattern,
// ~3k of 58k on SDF) and n = (d+1)h columns (lower triangle with diagonal, 2 flops per
// multiply-add); the kernel does far fewer (see accumulateHiddenGram: adds of the scatter
// columns of the patterns where both units of a pair fire), reported as "done".
//
// sim d = 13, N = 13,903 (the shape of UCI bike sharing, n = 896): the M accumulation, OpenBLAS's
// DSYRK of the same shape, and a large square DGEMM (the practical peak), alternated in one loop;
// then whole 30-iteration runs over seeds 1-5 against 30 such DSYRKs (the issue's target).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "lreg/cuda/gpu_linalg.h"
#include "lreg/data/embedded.h"
#include "lreg/data/generators.h"
#include "lreg/linalg/blas.h"
#include "lreg/linalg/cpu_dispatch.h"
#include "lreg/train/anmin.h"

using namespace lreg;

namespace {

struct SdfState {
  std::shared_ptr<Dataset> data;
  Eigen::MatrixXd xt, A, B;
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
    st.A = t.current().A();
    st.B = t.current().B();
    st.groups = groupByFiringPattern(st.xt, t.current().A(), 0.0, true);
    st.rows = groupByFiringPattern(st.xt, t.current().A(), 0.0, false);
    return st;
  }();
  return s;
}

// Back to one OpenBLAS thread after a multi-threaded BLAS call, and a pause (not timed) while
// OpenBLAS's idle workers still spin (sched_yield, 2^28 cycles by default): they would take a
// core from the kernels timed next, as perf showed (~8 % of the samples in __schedule).
void singleThreadedBlas() {
  linalg::setBlasThreads(1);
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
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

// M accumulation and an equal-FLOP BLAS GEMM, alternated in one loop.
void BM_MAccumulationVsGemm_Sdf(benchmark::State& state) {
  const SdfState& s = sdf();
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
    Eigen::MatrixXd M = accumulateHiddenGram(s.groups, s.B);
    benchmark::DoNotOptimize(M.data());
    t_m += seconds(t0);
    t0 = std::chrono::steady_clock::now();
    linalg::setBlasThreads(0);
    linalg::gemmNN(C, X.transpose(), Y, 1.0, 0.0);
    benchmark::DoNotOptimize(C.data());
    t_g += seconds(t0);
    singleThreadedBlas();
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
BENCHMARK(BM_MAccumulationVsGemm_Sdf)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// The same accumulation without grouping (one factor row per sample), for the speed-up.
void BM_MAccumulationPerRow_Sdf(benchmark::State& state) {
  const SdfState& s = sdf();
  const double n = static_cast<double>(s.rows.gate.rows() * s.rows.factor.cols());
  for (auto _ : state) benchmark::DoNotOptimize(accumulateHiddenGram(s.rows, s.B).data());
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
    const RegularizedSolve cpu = solveRegularized(accumulateHiddenGram(g, s.B), 1e-3, rhs);
    benchmark::DoNotOptimize(cpu.x.data());
    t_cpu += seconds(t0);
  }
  const double it = static_cast<double>(state.iterations());
  const double flops =
      static_cast<double>(g.rows()) * static_cast<double>(n) * static_cast<double>(n + 1);
  state.counters["gpu_ms"] = t_gpu / it * 1e3;
  state.counters["cpu_ms"] = t_cpu / it * 1e3;
  state.counters["speedup"] = t_cpu / t_gpu;
  state.counters["gpu_M_GFLOPs"] = flops * it / t_gpu * 1e-9;
  state.counters["R"] = static_cast<double>(g.rows());
}
BENCHMARK(BM_HiddenSolveGpuVsCpu_Sdf)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// Adds that accumulateHiddenGram does: for each pair of units j <= l and each pattern where
// both fire, P = (d+1)(d+2)/2 (the padding rows to a multiple of 8 not counted).
double flopsDone(const FiringGroups& g) {
  const Eigen::Index h = g.gate.rows(), dp1 = g.factor.cols(), P = dp1 * (dp1 + 1) / 2;
  double f = 0;
  for (Eigen::Index k = 0; k < g.groups(); ++k) {
    Eigen::Index on = 0;
    for (Eigen::Index j = 0; j < h; ++j) on += g.gate(j, k) == 1.0;
    f += static_cast<double>(on * (on + 1) / 2 * P);
  }
  return f;
}

std::shared_ptr<Dataset> sim13(std::uint64_t seed) {
  return std::make_shared<Dataset>(
      generate("sim", {.seed = seed, .n_train = 13903, .n_test = 3476, .dim = 13}));
}

struct Sim13State {
  FiringGroups groups;
  Eigen::MatrixXd xt, A, B;
};

const Sim13State& sim13State() {
  static const Sim13State s = [] {
    AnminOptions o;
    o.iters = 2;  // groups and B of a net two iterations in
    Anmin t(sim13(1), o);
    t.run();
    const Eigen::MatrixXd xt = withOnes(t.current().inputScaling().apply(t.data().x_train));
    return Sim13State{groupByFiringPattern(xt, t.current().A(), 0.0, true), xt, t.current().A(),
                      t.current().B()};
  }();
  return s;
}

// The phases of one iteration (lines 5-20) of a trained net, each timed over the same loop: where
// the time of a whole run goes. Arg: 0 SDF, 1 sim13.
void BM_AnminPhases(benchmark::State& state) {
  const bool sim = state.range(0) == 1;
  const Eigen::MatrixXd& xt = sim ? sim13State().xt : sdf().xt;
  const Eigen::MatrixXd& A = sim ? sim13State().A : sdf().A;
  const Eigen::MatrixXd& B = sim ? sim13State().B : sdf().B;
  AnminOptions o;
  const Eigen::MatrixXd ys = Eigen::MatrixXd::Random(xt.rows(), 1);
  const Eigen::RowVectorXd b0 = Eigen::RowVectorXd::Zero(1);
  enum { kGroup, kMoments, kHiddenRhs, kM, kHiddenSolve, kOutputGram, kOutputRhs, kPredict, kN };
  double t[kN] = {};
  auto timed = [&](int phase, auto&& f) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    t[phase] += seconds(t0);
  };
  for (auto _ : state) {
    FiringGroups g;
    Eigen::MatrixXd Q, M, G, rhs, pred;
    Eigen::VectorXd c;
    timed(kGroup, [&] { g = groupByFiringPattern(xt, A, 0.0, true, o.net.threads); });
    timed(kMoments, [&] { Q = groupMoments(g, xt, ys); });
    timed(kHiddenRhs, [&] { c = hiddenRhs(g, Q, B, b0); });
    timed(kM, [&] { M = accumulateHiddenGram(g, B, o.net.threads); });
    timed(kHiddenSolve, [&] { c = solveRegularized(M, o.lambda, c, o.tau, o.svd_floor).x; });
    timed(kOutputGram, [&] { G = accumulateOutputGram(g, A, o.batch); });
    timed(kOutputRhs,
          [&] { rhs = solveRegularized(G, o.lambda, outputRhs(g, Q, A), o.tau, o.svd_floor).x; });
    timed(kPredict, [&] { pred = predictGrouped(g, xt, A, B, b0); });
    benchmark::DoNotOptimize(pred.data());
  }
  const char* names[kN] = {"group_ms",  "moments_ms",     "hidden_rhs_ms", "M_ms",
                           "hsolve_ms", "output_gram_ms", "output_ms",     "predict_ms"};
  for (int k = 0; k < kN; ++k)
    state.counters[names[k]] = t[k] / static_cast<double>(state.iterations()) * 1e3;
}
BENCHMARK(BM_AnminPhases)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void addRatios(benchmark::State& state, double m_flops, double done, double t_m, double syrk_flops,
               double t_s, double gemm_flops, double t_g) {
  const double it = static_cast<double>(state.iterations());
  const double m = m_flops * it / t_m * 1e-9, sy = syrk_flops * it / t_s * 1e-9,
               ge = gemm_flops * it / t_g * 1e-9;
  state.counters["M_GFLOPs"] = m;  // dense-SYRK-equivalent
  state.counters["M_done_GFLOPs"] = done * it / t_m * 1e-9;
  state.counters["SYRK_GFLOPs"] = sy;
  state.counters["DGEMM_GFLOPs"] = ge;
  state.counters["M_over_DGEMM"] = m / ge;
  state.counters["M_done_over_DGEMM"] = done * it / t_m * 1e-9 / ge;
  state.counters["M_time_over_SYRK"] = t_m / t_s;
  state.counters["M_ms"] = t_m / it * 1e3;
  state.counters["SYRK_ms"] = t_s / it * 1e3;
}

// The M accumulation of sim13, the dense DSYRK of the same shape (n x R, random) and a square
// DGEMM of size arg, alternated.
void BM_MAccumulationVsBlas_Sim13(benchmark::State& state) {
  const Sim13State& s = sim13State();
  const Eigen::Index R = s.groups.rows(), n = s.groups.gate.rows() * s.groups.factor.cols();
  const Eigen::Index G = state.range(0);
  const Eigen::MatrixXd Z = Eigen::MatrixXd::Random(n, R), X = Eigen::MatrixXd::Random(G, G),
                        Y = Eigen::MatrixXd::Random(G, G);
  Eigen::MatrixXd C(n, n), D(G, G);
  double t_m = 0, t_s = 0, t_g = 0;
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    Eigen::MatrixXd M = accumulateHiddenGram(s.groups, s.B);
    benchmark::DoNotOptimize(M.data());
    t_m += seconds(t0);
    linalg::setBlasThreads(0);  // OpenBLAS on every core, as it runs by default
    t0 = std::chrono::steady_clock::now();
    linalg::rankUpdateLower(C, Z, 1.0, 0.0);
    benchmark::DoNotOptimize(C.data());
    t_s += seconds(t0);
    t0 = std::chrono::steady_clock::now();
    linalg::gemmNN(D, X, Y, 1.0, 0.0);
    benchmark::DoNotOptimize(D.data());
    t_g += seconds(t0);
    singleThreadedBlas();
  }
  const double Rd = static_cast<double>(R), nd = static_cast<double>(n),
               Gd = static_cast<double>(G);
  addRatios(state, Rd * nd * (nd + 1), flopsDone(s.groups), t_m, Rd * nd * (nd + 1), t_s,
            2 * Gd * Gd * Gd, t_g);
  state.counters["R"] = Rd;
  state.SetLabel(linalg::blasInfo() + ", CPU path " + toString(linalg::cpuPath()));
}
BENCHMARK(BM_MAccumulationVsBlas_Sim13)->Arg(2048)->Unit(benchmark::kMillisecond)->MinTime(3.0);

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

// Whole runs (30 iterations, h = 64, defaults; the report's seconds) over seeds 1-5, each followed
// by 30 dense DSYRKs of sim13's shape (13,903 x 896). Arg: 0 sim13, 1 abalone, 2 SDF.
void BM_AnminRunsVsSyrk30(benchmark::State& state) {
  const int which = static_cast<int>(state.range(0));
  const Eigen::Index n = 896, R = 13903;
  const Eigen::MatrixXd Z = Eigen::MatrixXd::Random(n, R);
  Eigen::MatrixXd C(n, n);
  std::vector<double> run_s, syrk_s, mse;
  for (auto _ : state) {
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
      std::shared_ptr<Dataset> data;
      if (which == 0) {
        data = sim13(seed);
      } else {
        const Dataset all = which == 1 ? abalone() : sdfDecoder();
        data =
            std::make_shared<Dataset>(splitDataset(all.x_train, all.y_train, 0.2, seed, all.name));
      }
      AnminOptions o;
      o.net.seed = seed;
      Anmin t(data, o);
      const NetTrainReport r = t.run();
      run_s.push_back(r.seconds);
      mse.push_back(r.train.mse);
      linalg::setBlasThreads(0);
      const auto t0 = std::chrono::steady_clock::now();
      for (int k = 0; k < 30; ++k) linalg::rankUpdateLower(C, Z, 1.0, 0.0);
      benchmark::DoNotOptimize(C.data());
      syrk_s.push_back(seconds(t0));
      singleThreadedBlas();
    }
  }
  state.counters["run_s"] = median(run_s);
  state.counters["syrk30_s"] = median(syrk_s);
  state.counters["run_over_syrk30"] = median(run_s) / median(syrk_s);
  state.counters["train_mse"] = median(mse);
  state.SetLabel(which == 0 ? "sim d13 n13903" : which == 1 ? "abalone" : "sdf");
}
BENCHMARK(BM_AnminRunsVsSyrk30)->Arg(0)->Arg(1)->Arg(2)->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace

BENCHMARK_MAIN();
