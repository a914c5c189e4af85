// lreg anmin: Barbu's analytic trainer (Algorithm 1) on a two-layer ReLU net.
#include <iostream>
#include <memory>
#include <string>

#include "commands.h"
#include "lreg/linalg/blas.h"
#include "lreg/linalg/cpu_dispatch.h"
#include "net_cli.h"

namespace lreg::cli {

void addAnminCommand(CLI::App& app) {
  struct Args {
    NetArgs net;
    AnminOptions anmin;
    bool no_compress = false;
    std::string device = "auto";
    bool verbose = false;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("anmin", "Train a two-layer ReLU net with ANMIN (Barbu 2023, Algorithm 1)");
  addNetOptions(*cmd, a->net);
  cmd->add_option("--iters", a->anmin.iters, "ANMIN iterations E")->capture_default_str()->check(CLI::NonNegativeNumber);
  cmd->add_option("--lambda", a->anmin.lambda, "Ridge lambda of eq. 1 (both layers)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--tau", a->anmin.tau, "Log-det threshold below which the SVD fallback solves eq. 9")
      ->capture_default_str();
  cmd->add_option("--batch", a->anmin.batch, "Rows per block of the Gram accumulations (memory; equal per iteration up to rounding)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--no-compress", a->no_compress,
                "Do not group rows by firing pattern (slower; equal per iteration up to rounding)");
  cmd->add_option("--device", a->device,
                  "Hidden-layer system on: auto (the GPU when present and the M accumulation is >= 5e8 "
                  "flops), cpu, or cuda (the GPU when present); without a GPU the CPU runs it and says "
                  "so on stderr")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "cpu", "cuda"}));
  cmd->add_flag("--verbose", a->verbose, "Say on stderr where the hidden-layer system runs (device, BLAS, CPU path)");
  cmd->callback([a] {
    AnminOptions o = a->anmin;
    o.net = resolveNetOptions(a->net);
    o.compress = !a->no_compress;
    o.device = parseAnminDevice(a->device);
    auto data = std::make_shared<Dataset>(loadData(a->net.data));
    Anmin trainer(data, o);
    // stderr, so stdout stays one JSON object; with --device auto only on request (issue 8).
    if (a->verbose || o.device == AnminDevice::Cuda) std::cerr << trainer.deviceMessage() << "\n";
    if (a->verbose)
      std::cerr << "BLAS: " << linalg::blasInfo() << "; CPU path: " << toString(linalg::cpuPath()) << "\n";
    runAndPrint(trainer, a->net,
                {{"hidden", o.net.hidden}, {"alpha", o.net.alpha}, {"seed", o.net.seed},
                 {"iters", o.iters}, {"lambda", o.lambda}, {"tau", o.tau}, {"svd_floor", o.svd_floor},
                 {"batch", o.batch}, {"threads", o.net.threads}, {"compress", o.compress}, {"target_scaling", toString(o.net.targets)},
                 {"device", a->device}},
                [&trainer] { return nlohmann::json{{"device", trainer.deviceMessage()}}; });
  });
}

}  // namespace lreg::cli
