#pragma once
// Shared pieces of the MLP subcommands (mlp, convert: cmd_mlp.cpp; escape, landscape:
// cmd_escape.cpp).
#include <CLI/CLI.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_common.h"
#include "lreg/models/mlp.h"
#include "lreg/models/mlp_to_lreg_2d.h"
#include "lreg/train/mlp_trainer.h"

namespace lreg::cli {

struct MlpArgs {
  DataOptions data;
  int dim = 0;
  MlpTrainOptions train;
  std::string activation = "relu";
  std::string optimizer = "adam";
  bool json = false;
};

// --data ... --seed, --dim, --hidden, --layers, --activation, --leak, --epochs, --lr, --batch,
// --decay-every, --optimizer, --json.
void addMlpTrainOptions(CLI::App& cmd, MlpArgs& a);
// Loads --data and checks --dim (InputError).
std::shared_ptr<const Dataset> loadMlpData(const MlpArgs& a);
MlpTrainOptions resolveMlpOptions(const MlpArgs& a);
// Reads an MLP JSON file (InputError naming the path).
Mlp loadMlp(const std::string& path);

nlohmann::json parametersJson(const ParameterCount& p);
nlohmann::json scoresJson(const Dataset& d);  // noise_ceiling_r2, oracle_r2
void writeJsonFile(const nlohmann::json& j, const std::string& path, const char* option);

}  // namespace lreg::cli
