// lreg anmin: Barbu's analytic trainer (Algorithm 1) on a two-layer ReLU net. Its options are
// the registry's ("anmin" in lreg/train/method_registry.h).
#include <iostream>
#include <memory>
#include <string>

#include "commands.h"
#include "lreg/linalg/blas.h"
#include "lreg/linalg/cpu_dispatch.h"
#include "method_flags.h"
#include "net_cli.h"

namespace lreg::cli {

void addAnminCommand(CLI::App& app) {
  struct Args {
    NetArgs net;
    std::shared_ptr<MethodFlags> flags;
    bool verbose = false;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("anmin",
                                 "Train a two-layer ReLU net with ANMIN (Barbu 2023, Algorithm 1)");
  addNetOptions(*cmd, a->net);
  a->flags = addMethodFlags(*cmd, "anmin", kNetShared);
  cmd->add_flag("--verbose", a->verbose,
                "Say on stderr where the hidden-layer system runs (device, BLAS, CPU path)");
  cmd->callback([a] {
    MethodOptions mo = a->flags->options();
    AnminOptions& o = mo.net.anmin;
    o.net = resolveNetOptions(a->net);
    auto data = std::make_shared<Dataset>(loadData(a->net.data));
    Anmin trainer(data, o);
    // stderr, so stdout stays one JSON object; with --device auto only on request (issue 8).
    if (a->verbose || o.device == AnminDevice::Cuda) std::cerr << trainer.deviceMessage() << "\n";
    if (a->verbose)
      std::cerr << "BLAS: " << linalg::blasInfo() << "; CPU path: " << toString(linalg::cpuPath())
                << "\n";
    runAndPrint(trainer, a->net, optionsToJson("anmin", mo), [&trainer] {
      return nlohmann::json{{"device", trainer.deviceMessage()}};
    });
  });
}

}  // namespace lreg::cli
