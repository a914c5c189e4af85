// lreg selftest --gpu: the LReg connection trained on the GPU and on the CPU over 200 steps of
// the same batches; the validation loss curves must agree within ConnectionParity::kTolerance.
// Without a usable GPU it says why and exits 0 (skipped); a disagreement exits 4.
#include <cstdio>
#include <iostream>

#include "commands.h"
#include "lreg/common/status.h"
#include "lreg/train/connection_selftest.h"

namespace lreg::cli {

void addSelftestCommand(CLI::App& app) {
  auto gpu = std::make_shared<bool>(false);
  auto steps = std::make_shared<int>(200);
  auto* cmd = app.add_subcommand("selftest", "Check this build on this machine");
  cmd->add_flag("--gpu", *gpu,
                "GPU vs CPU loss curves of the LReg connection (skipped without a GPU)");
  cmd->add_option("--steps", *steps, "Optimiser steps compared")->check(CLI::Range(1, 100000));
  cmd->callback([gpu, steps] {
    if (!*gpu) throw CLI::ValidationError("selftest", "choose a test: --gpu");
    const ConnectionParity p = connectionGpuParity(*steps);
    if (!p.ran) {
      std::cout << "selftest --gpu: skipped (" << p.why << ")" << std::endl;
      return;
    }
    std::printf(
        "selftest --gpu: %zu steps, validation CE cpu %.8f -> %.8f, gpu %.8f -> %.8f, max relative "
        "difference %.3g (tolerance %.0e)\n",
        p.cpu.size(), p.cpu.front(), p.cpu.back(), p.gpu.front(), p.gpu.back(), p.max_rel_diff,
        ConnectionParity::kTolerance);
    if (!p.ok())
      throw NumericalError("selftest --gpu: GPU and CPU curves disagree" +
                           (p.why.empty() ? "" : ": " + p.why));
  });
}

}  // namespace lreg::cli
