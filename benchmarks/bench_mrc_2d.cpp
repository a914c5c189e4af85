// 2D LReg and the MRC loop on B2 (50,000 training points): one step, a whole fit, and
// references in the same run (locating all samples from scratch, one predict pass, a 64 x 64
// GEMM) so that figures can be quoted as ratios. The whole-fit cases also report the final test
// MAE over the quantile-grid baseline's (counter mae_vs_grid), which is how the default
// insertion point (longest-edge midpoint or centroid) was chosen.
#include <benchmark/benchmark.h>

#include <Eigen/Core>
#include <map>
#include <memory>
#include <string>

#include "bench_support.h"
#include "lreg/data/generators.h"
#include "lreg/train/mrc_2d.h"
#include "lreg/train/refit_2d.h"

namespace {

using namespace lreg;

using bench::dataset;

Mrc2DOptions options(int insert) {
  Mrc2DOptions o;
  o.insert = insert == 0 ? InsertAt::LongestEdgeMidpoint : InsertAt::Centroid;
  return o;
}

void label(benchmark::State& state) {
  state.SetLabel(state.range(0) == 0 ? "midpoint" : "centroid");
}

// Reference: a 64 x 64 double GEMM.
BENCHMARK(bench::referenceGemm64)->Name("BM_Reference_Gemm64");

// Reference: predict the 50,000 b2 training inputs with a fitted 64-vertex model (Hilbert-sorted
// walks through the triangulation).
void BM_Reference_PredictB2(benchmark::State& state) {
  const auto d = dataset("b2");
  const DelaunayMesh2 model = quantileBaseline2D(*d, 64);
  for (auto _ : state) benchmark::DoNotOptimize(model.predict(d->x_train).data());
}
BENCHMARK(BM_Reference_PredictB2)->Unit(benchmark::kMillisecond);

// Locating all 60,000 train + test samples from scratch: what every mesh change would cost
// without the cached faces and hinted re-location.
void BM_AttachSamplesB2(benchmark::State& state) {
  const auto d = dataset("b2");
  DelaunayMesh2 mesh = quantileBaseline2D(*d, 64);
  Eigen::MatrixX2d all(d->x_train.rows() + d->x_test.rows(), 2);
  all << d->x_train, d->x_test;
  for (auto _ : state) {
    mesh.attachSamples(all);
    benchmark::DoNotOptimize(mesh.sampleLocations().triangle.data());
  }
}
BENCHMARK(BM_AttachSamplesB2)->Unit(benchmark::kMillisecond);

// One sparse least-squares refit on b2 at 64 vertices (samples located).
void BM_LeastSquaresRefitB2(benchmark::State& state) {
  const auto d = dataset("b2");
  DelaunayMesh2 mesh = quantileBaseline2D(*d, 64);
  mesh.attachSamples(d->x_train);
  for (auto _ : state) {
    const Status s = refitLeastSquares2D(mesh, d->y_train);
    benchmark::DoNotOptimize(s.ok());
  }
}
BENCHMARK(BM_LeastSquaresRefitB2)->Unit(benchmark::kMillisecond);

// One MRC step on b2 at 64 vertices: indicator, refine, refit, coarsen (estimate + verify),
// refit, scores and snapshot.
void BM_MrcStepB2(benchmark::State& state) {
  label(state);
  Mrc2D mrc(dataset("b2"), options(static_cast<int>(state.range(0))));
  for (auto _ : state) benchmark::DoNotOptimize(mrc.step()->test.mae);
}
BENCHMARK(BM_MrcStepB2)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// A whole fit with the defaults (initial fit + 30 steps), and its test MAE over the grid's.
void wholeFit(benchmark::State& state, const std::string& name) {
  label(state);
  const auto d = dataset(name);
  const DelaunayMesh2 grid = quantileBaseline2D(*d, Mrc2DOptions{}.dof);
  const double grid_mae = evaluate(grid.predict(d->x_test), d->y_test).mae;
  double mae = 0, r2 = 0;
  for (auto _ : state) {
    Mrc2D mrc(d, options(static_cast<int>(state.range(0))));
    const Mrc2DReport r = mrc.run();
    mae = r.test.mae;
    r2 = r.test.r2;
  }
  state.counters["test_r2"] = r2;
  state.counters["mae_vs_grid"] = mae / grid_mae;
}
void BM_MrcFitB2(benchmark::State& state) { wholeFit(state, "b2"); }
void BM_MrcFitSinInv2D(benchmark::State& state) { wholeFit(state, "sin-inv-2d"); }
void BM_MrcFitFranke(benchmark::State& state) { wholeFit(state, "franke"); }
BENCHMARK(BM_MrcFitB2)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MrcFitSinInv2D)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MrcFitFranke)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
