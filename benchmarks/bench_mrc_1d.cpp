// 1D LReg and the MRC loop: one step, a whole fit, and two references (one predict pass over the
// training set and a 64 x 64 GEMM) so that figures can be quoted as ratios across machines.
#include <benchmark/benchmark.h>

#include <Eigen/Core>
#include <map>
#include <memory>
#include <string>

#include "bench_support.h"
#include "lreg/data/generators.h"
#include "lreg/train/least_squares_1d.h"
#include "lreg/train/mrc_1d.h"
#include "lreg/train/samples_1d.h"

namespace {

using namespace lreg;

using bench::dataset;

Mrc1DOptions options(int dof) {
  Mrc1DOptions o;
  o.dof = dof;
  o.init = MeshInit::Uniform;
  return o;
}

// Reference: a 64 x 64 double GEMM.
BENCHMARK(bench::referenceGemm64)->Name("BM_Reference_Gemm64");

// Reference: predict the 1000 b1 training inputs with a fitted 64-node model (O(N log n)).
void BM_Reference_PredictB1(benchmark::State& state) {
  const auto d = dataset("b1");
  Mrc1D mrc(d, options(64));
  const LagrangeRegressor1D model = mrc.run().model;
  for (auto _ : state) benchmark::DoNotOptimize(model.predict(d->x_train).data());
}
BENCHMARK(BM_Reference_PredictB1);

// One exact least-squares refit on b1 (sorted samples, elements known): O(N + n).
void BM_LeastSquaresRefitB1(benchmark::State& state) {
  const auto d = dataset("b1");
  const Samples1D s = Samples1D::sorted(d->x_train, d->y_train);
  const Mesh1D mesh = Mesh1D::quantile(s.x, d->domain_lo[0], d->domain_hi[0], 64);
  const std::vector<int> element = mesh.locateSorted(s.x);
  for (auto _ : state)
    benchmark::DoNotOptimize(leastSquares1D(mesh, s.x, element, s.y, 1e-8).coeffs.data());
}
BENCHMARK(BM_LeastSquaresRefitB1);

// One MRC step on b1 at DoF 64 (indicator, refine, refit, coarsen, refit, scores).
void BM_MrcStepB1(benchmark::State& state) {
  Mrc1D mrc(dataset("b1"), options(64));
  for (auto _ : state) benchmark::DoNotOptimize(mrc.step().test.mae);
}
BENCHMARK(BM_MrcStepB1);

// A whole b1 fit with the defaults: initial fit + 30 MRC steps.
void BM_MrcFitB1(benchmark::State& state) {
  const auto d = dataset("b1");
  for (auto _ : state) {
    Mrc1D mrc(d, options(64));
    benchmark::DoNotOptimize(mrc.run().test.r2);
  }
}
BENCHMARK(BM_MrcFitB1)->Unit(benchmark::kMillisecond);

// The multi-frequency set at DoF 128, and the paper's indicator (top-k counts) for comparison.
void BM_MrcFitSinInv(benchmark::State& state) {
  const auto d = dataset("sin-inv");
  Mrc1DOptions o = options(128);
  o.indicator = state.range(0) ? RefineIndicator::Curvature : RefineIndicator::Count;
  for (auto _ : state) {
    Mrc1D mrc(d, o);
    benchmark::DoNotOptimize(mrc.run().test.r2);
  }
  state.SetLabel(toString(o.indicator));
}
BENCHMARK(BM_MrcFitSinInv)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);

// The same b1 fit with Adam refits (200 steps each) instead of least squares.
void BM_MrcFitB1Adam(benchmark::State& state) {
  const auto d = dataset("b1");
  Mrc1DOptions o = options(64);
  o.refit = RefitMethod::Adam;
  for (auto _ : state) {
    Mrc1D mrc(d, o);
    benchmark::DoNotOptimize(mrc.run().test.r2);
  }
}
BENCHMARK(BM_MrcFitB1Adam)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
