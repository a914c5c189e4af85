#pragma once
// Shared pieces of the two-layer-net subcommands (anmin, adam, sgd, lbfgs, compare).
#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "cli_common.h"
#include "lreg/train/trainer.h"

namespace lreg::cli {

// Net options that addNetOptions registers (seed: the data options' --seed); the method's own
// flags come from the registry (method_flags.h).
inline const std::set<std::string> kNetShared{"hidden", "alpha", "seed", "target_scaling",
                                              "threads"};

struct NetArgs {
  DataOptions data;
  NetOptions net;
  std::string target_scaling = "center";
  bool json = false;
  std::string save_model;
  bool progress = false;  // --progress: JSON events on stderr
  std::string export_split;
};

// --data (default sdf) ... --seed, --hidden, --alpha, --target-scaling, --json, --save-model,
// --progress.
void addNetOptions(CLI::App& cmd, NetArgs& a);
// Parses the scaling name and copies the seed into the net options (throws InputError).
NetOptions resolveNetOptions(const NetArgs& a);

// Runs the trainer and prints the report: one JSON object with --json, else a table. Throws
// NumericalError (exit 4) after printing when the run ended with a numerical failure.
// extra, when given, is called after the run; its members are added to the JSON object.
void runAndPrint(NetTrainer& trainer, const NetArgs& a, const nlohmann::json& options,
                 const std::function<nlohmann::json()>& extra = {});

}  // namespace lreg::cli
