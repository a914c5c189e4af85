#include "lreg/train/connection_selftest.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include "lreg/cuda/gpu_linalg.h"
#include "lreg/data/synthetic_features.h"
#include "lreg/train/connection_trainer.h"

namespace lreg {

namespace {

// The validation CE after each of `steps` optimiser steps.
std::vector<double> curve(ConnectionTrainer& t, const ConnectionData& val, int steps) {
  std::vector<double> out;
  while (!t.done() && static_cast<int>(out.size()) < steps)
    t.step([&](const Progress&) {
      out.push_back(connectionLoss(t.model(), val, 0.0));
      return static_cast<int>(out.size()) < steps;  // stop mid-epoch once enough steps ran
    });
  return out;
}

}  // namespace

ConnectionParity connectionGpuParity(int steps) {
  ConnectionParity p;
  const SyntheticFeatures s = syntheticFeatures(2000, 64, 10, 7);
  ConnectionData all;
  all.features = s.features;
  all.frozen = s.logits;
  all.labels = s.labels;
  const auto split = std::make_shared<const ConnectionSplit>(splitConnectionData(all, 0.2, 1));
  ConnectionOptions o;
  o.components = 8;
  o.nodes = 8;
  o.batch = 32;
  o.update_every = 20;  // several mesh updates inside the 200 steps
  o.epochs = 1 + steps / std::max(1, static_cast<int>(split->train.rows() / o.batch));
  ConnectionTrainer cpu(split, o), gpu(split, o);
  if (std::string why = gpu.useGpu(); !why.empty()) {
    p.why = why;
    return p;
  }
  p.ran = true;
  p.cpu = curve(cpu, split->val, steps);
  p.gpu = curve(gpu, split->val, steps);
  if (!gpu.report().status.ok() && gpu.report().status.code != StatusCode::Cancelled) {
    p.why = gpu.report().status.message;
    p.max_rel_diff = INFINITY;
    return p;
  }
  for (size_t k = 0; k < std::min(p.cpu.size(), p.gpu.size()); ++k)
    p.max_rel_diff = std::max(p.max_rel_diff,
                              std::abs(p.gpu[k] - p.cpu[k]) / std::max(1e-300, std::abs(p.cpu[k])));
  return p;
}

}  // namespace lreg
