// lreg adam | sgd | lbfgs: the gradient baselines of Barbu (2023) on the same two-layer net.
#include <memory>

#include "commands.h"
#include "net_cli.h"

namespace lreg::cli {

namespace {

void addMinibatchOptions(CLI::App& cmd, MinibatchOptions& mb) {
  cmd.add_option("--epochs", mb.epochs, "Epochs")->capture_default_str()->check(CLI::NonNegativeNumber);
  cmd.add_option("--lr", mb.lr, "Initial learning rate")->capture_default_str()->check(CLI::PositiveNumber);
  cmd.add_option("--decay-every", mb.decay_every, "Divide the rate by --decay every this many epochs (0: never)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd.add_option("--decay", mb.decay, "Rate divisor")->capture_default_str()->check(CLI::PositiveNumber);
  cmd.add_option("--batch", mb.batch, "Minibatch size")->capture_default_str()->check(CLI::PositiveNumber);
  cmd.add_option("--weight-decay", mb.weight_decay, "lambda of eq. 1")->capture_default_str()->check(CLI::NonNegativeNumber);
  cmd.add_flag("--keep-best,!--keep-last", mb.keep_best, "Report the epoch with the least training loss")
      ->capture_default_str();
}

nlohmann::json mbJson(const NetOptions& n, const MinibatchOptions& mb) {
  return {{"hidden", n.hidden}, {"alpha", n.alpha}, {"seed", n.seed}, {"epochs", mb.epochs},
          {"lr", mb.lr}, {"decay_every", mb.decay_every}, {"decay", mb.decay}, {"batch", mb.batch},
          {"weight_decay", mb.weight_decay}, {"keep_best", mb.keep_best},
          {"target_scaling", toString(n.targets)}};
}

}  // namespace

void addGradientCommands(CLI::App& app) {
  {
    struct Args {
      NetArgs net;
      AdamOptions adam;
    };
    auto a = std::make_shared<Args>();
    auto* cmd = app.add_subcommand("adam", "Train a two-layer ReLU net with Adam (the paper's schedule)");
    addNetOptions(*cmd, a->net);
    addMinibatchOptions(*cmd, a->adam.mb);
    cmd->callback([a] {
      AdamOptions o = a->adam;
      o.net = resolveNetOptions(a->net);
      Adam trainer(std::make_shared<Dataset>(loadData(a->net.data)), o);
      runAndPrint(trainer, a->net, mbJson(o.net, o.mb));
    });
  }
  {
    struct Args {
      NetArgs net;
      SgdOptions sgd;
    };
    auto a = std::make_shared<Args>();
    auto* cmd = app.add_subcommand("sgd", "Train a two-layer ReLU net with minibatch SGD (momentum)");
    addNetOptions(*cmd, a->net);
    addMinibatchOptions(*cmd, a->sgd.mb);
    cmd->add_option("--momentum", a->sgd.momentum, "Momentum in [0, 1)")->capture_default_str();
    cmd->callback([a] {
      SgdOptions o = a->sgd;
      o.net = resolveNetOptions(a->net);
      Sgd trainer(std::make_shared<Dataset>(loadData(a->net.data)), o);
      nlohmann::json j = mbJson(o.net, o.mb);
      j["momentum"] = o.momentum;
      runAndPrint(trainer, a->net, j);
    });
  }
  {
    struct Args {
      NetArgs net;
      LbfgsOptions lbfgs;
      bool fixed_step = false;
    };
    auto a = std::make_shared<Args>();
    auto* cmd = app.add_subcommand("lbfgs", "Train a two-layer ReLU net with full-batch L-BFGS (keep-best)");
    addNetOptions(*cmd, a->net);
    cmd->add_option("--iters", a->lbfgs.iters, "Steps (each --inner L-BFGS updates)")->capture_default_str()->check(CLI::NonNegativeNumber);
    cmd->add_option("--inner", a->lbfgs.inner, "L-BFGS updates per step")->capture_default_str()->check(CLI::PositiveNumber);
    cmd->add_option("--memory", a->lbfgs.memory, "Stored (s, y) pairs")->capture_default_str()->check(CLI::PositiveNumber);
    cmd->add_flag("--fixed-step", a->fixed_step, "No line search: step --lr times the direction (PyTorch default)");
    cmd->add_option("--lr", a->lbfgs.lr, "Step with --fixed-step")->capture_default_str()->check(CLI::PositiveNumber);
    cmd->add_option("--weight-decay", a->lbfgs.weight_decay, "lambda of eq. 1")->capture_default_str()->check(CLI::NonNegativeNumber);
    cmd->callback([a] {
      LbfgsOptions o = a->lbfgs;
      o.net = resolveNetOptions(a->net);
      o.line_search = !a->fixed_step;
      Lbfgs trainer(std::make_shared<Dataset>(loadData(a->net.data)), o);
      runAndPrint(trainer, a->net,
                  {{"hidden", o.net.hidden}, {"alpha", o.net.alpha}, {"seed", o.net.seed},
                   {"iters", o.iters}, {"inner", o.inner}, {"memory", o.memory},
                   {"line_search", o.line_search}, {"lr", o.lr}, {"weight_decay", o.weight_decay},
                   {"target_scaling", toString(o.net.targets)}});
    });
  }
}

}  // namespace lreg::cli
