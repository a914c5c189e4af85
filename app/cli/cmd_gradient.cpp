// lreg adam | sgd | lbfgs: the gradient baselines of Barbu (2023) on the same two-layer net.
// Their options are the registry's (lreg/train/method_registry.h).
#include <memory>

#include "commands.h"
#include "method_flags.h"
#include "net_cli.h"

namespace lreg::cli {

namespace {

template <class Trainer, class Options>
void addNetMethod(CLI::App& app, const std::string& name, const std::string& summary,
                  Options TrainerConfig::*member,
                  const std::map<std::string, std::string>& negations) {
  struct Args {
    NetArgs net;
    std::shared_ptr<MethodFlags> flags;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(name, summary);
  addNetOptions(*cmd, a->net);
  a->flags = addMethodFlags(*cmd, name, kNetShared, negations);
  cmd->callback([a, name, member] {
    MethodOptions mo = a->flags->options();
    Options& o = mo.net.*member;
    o.net = resolveNetOptions(a->net);
    Trainer trainer(std::make_shared<Dataset>(loadData(a->net.data)), o);
    runAndPrint(trainer, a->net, optionsToJson(name, mo));
  });
}

}  // namespace

void addGradientCommands(CLI::App& app) {
  const std::map<std::string, std::string> keep_last{{"keep_best", "--keep-last"}};
  addNetMethod<Adam>(app, "adam", "Train a two-layer ReLU net with Adam (the paper's schedule)",
                     &TrainerConfig::adam, keep_last);
  addNetMethod<Sgd>(app, "sgd", "Train a two-layer ReLU net with minibatch SGD (momentum)",
                    &TrainerConfig::sgd, keep_last);
  addNetMethod<Lbfgs>(app, "lbfgs", "Train a two-layer ReLU net with full-batch L-BFGS (keep-best)",
                      &TrainerConfig::lbfgs,
                      {{"keep_best", "--keep-last"}, {"line_search", "--fixed-step"}});
}

}  // namespace lreg::cli
