#pragma once
// Options of `lreg fit`. Kept apart from cmd_fit.cpp so that other fitting paths (a `--dim 2`
// mesh, say) register the same names and defaults and add only what is theirs.
#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "cli_common.h"
#include "lreg/train/mrc_1d.h"

namespace lreg::cli {

struct FitArgs {
  DataOptions data;  // --data, --test, --test-frac, --targets, --seed, --n, --n-test
  int dim = 1;       // --dim: input dimension of the mesh
  // MRC options as typed; defaults are Mrc1DOptions' (see addFitOptions).
  int dof = 0, topk = 0, epochs = 0, adam_steps = 0, batch = 0;
  double ridge = 0, learning_rate = 0, density_floor = 0;
  std::string coarsen, refit, init, indicator;
  bool dof_auto = false;            // --dof auto (dof_auto.h: the default for CSV files)
  std::string dof_search;           // --dof-search kfold|grow
  bool json = false;                // --json: one JSON object on stdout
  std::optional<std::string> save;  // --save MODEL.json
  bool progress = false;            // --progress: JSON events on stderr
  std::string export_split;         // --export-split DIR
};

// Registers every option of `lreg fit` on cmd with its default shown in --help.
void addFitOptions(CLI::App& cmd, FitArgs& a);

// The 1D MRC options from the parsed arguments (strings parsed, seed = --seed).
Mrc1DOptions mrc1dOptions(const FitArgs& a);

}  // namespace lreg::cli
