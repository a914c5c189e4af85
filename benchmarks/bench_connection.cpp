// The LReg connection's CPU training step on an ImageNet-shaped head (2048 features, 1000
// classes, d = 16 components, n = 16 nodes, batch 256 of syntheticFeatures): forward, backward
// and an SGD-momentum update, as GFLOP/s and samples/s, next to an Eigen GEMM of the same FLOPs
// in the same run (quote the ratio, not the absolute numbers). Wall-clock rates: the step uses
// both cores, which per-thread CPU time would not count.
#include <benchmark/benchmark.h>

#include <Eigen/Core>
#include <cmath>
#include <random>

#include "lreg/data/synthetic_features.h"
#include "lreg/train/connection_trainer.h"

namespace {

constexpr int kBatch = 256, kFeatures = 2048, kClasses = 1000, kComponents = 16, kNodes = 16;

// FLOPs of one step: the projection GEMM (2 B C_in d), the head's forward and backward gathers
// (each 2 rows of C per component and sample, an axpy of 2 flops each: 4 B d C twice), the
// update (momentum + weight decay + step: 4 per coefficient) and the smoothness term (~6).
double stepFlops() {
  const double B = kBatch, d = kComponents, C = kClasses, n = kNodes;
  return 2 * B * kFeatures * d + 8 * B * d * C + 10 * d * n * C;
}

struct Head {
  lreg::LRegConnection model;
  lreg::ConnectionData batch;
};

const Head& head() {
  static const Head h = [] {
    const lreg::SyntheticFeatures s = lreg::syntheticFeatures(kBatch, kFeatures, kClasses, 1);
    std::mt19937_64 rng(1);
    std::normal_distribution<double> g(0.0, 1.0 / std::sqrt(double(kFeatures)));
    Eigen::MatrixXd P =
        Eigen::MatrixXd::NullaryExpr(kComponents, kFeatures, [&] { return g(rng); });
    Eigen::MatrixXd nodes(kComponents, kNodes);
    for (int i = 0; i < kComponents; ++i)
      nodes.row(i) = Eigen::RowVectorXd::LinSpaced(kNodes, 0.0, 1.0);
    // Nonzero coefficients, so the smoothness term and the softmax do their full work.
    Eigen::MatrixXd W = 0.01 * Eigen::MatrixXd::Random(kComponents * kNodes, kClasses);
    lreg::ConnectionData d;
    d.features = s.features;
    d.frozen = s.logits;
    d.labels = s.labels;
    return Head{
        lreg::LRegConnection(std::move(P), Eigen::VectorXd::Zero(kComponents), std::move(nodes),
                             std::move(W), lreg::ConnectionLoss::CrossEntropy),
        std::move(d)};
  }();
  return h;
}

void BM_ConnectionStep(benchmark::State& state) {
  lreg::LRegConnection m = head().model;
  const lreg::ConnectionData& batch = head().batch;
  Eigen::MatrixXd mom = Eigen::MatrixXd::Zero(m.W().rows(), m.W().cols());
  lreg::ConnectionGradient g;
  for (auto _ : state) {
    const double loss = lreg::connectionLoss(m, batch, 1e-4, &g);
    mom = 0.9 * mom + g.dW + 1e-4 * m.W();
    m.mutableW() -= 1e-3 * mom;
    benchmark::DoNotOptimize(loss);
  }
  state.counters["GFLOP/s"] =
      benchmark::Counter(stepFlops() * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
  state.SetItemsProcessed(state.iterations() * kBatch);  // samples/s
}
BENCHMARK(BM_ConnectionStep)->Unit(benchmark::kMillisecond)->UseRealTime();

// A square GEMM with (about) the step's FLOPs: 2 m^3 = stepFlops().
void BM_GemmSameFlops(benchmark::State& state) {
  const auto m = static_cast<Eigen::Index>(std::lround(std::cbrt(stepFlops() / 2)));
  const Eigen::MatrixXd a = Eigen::MatrixXd::Random(m, m), b = Eigen::MatrixXd::Random(m, m);
  Eigen::MatrixXd c(m, m);
  for (auto _ : state) {
    c.noalias() = a * b;
    benchmark::DoNotOptimize(c.data());
  }
  state.counters["GFLOP/s"] =
      benchmark::Counter(2.0 * m * m * m * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["m"] = static_cast<double>(m);
}
BENCHMARK(BM_GemmSameFlops)->Unit(benchmark::kMillisecond)->UseRealTime();

// Inference throughput of the same head: predict() on the batch (projection + forward gather).
void BM_ConnectionPredict(benchmark::State& state) {
  const lreg::LRegConnection& m = head().model;
  for (auto _ : state) benchmark::DoNotOptimize(m.predict(head().batch.features).data());
  state.SetItemsProcessed(state.iterations() * kBatch);
}
BENCHMARK(BM_ConnectionPredict)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
