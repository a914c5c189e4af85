#pragma once
// Each subcommand registers itself on the root app. Callbacks throw lreg::Error on failure;
// main() maps it to the exit code (2 usage, 3 bad input, 4 numerical failure).
#include <CLI/CLI.hpp>

namespace lreg::cli {

void addDataCommand(CLI::App& app);
void addFitCommand(CLI::App& app);
void addPredictCommand(CLI::App& app);
void addAnminCommand(CLI::App& app);      // cmd_anmin.cpp
void addGradientCommands(CLI::App& app);  // cmd_gradient.cpp: adam, sgd, lbfgs
void addCompareCommand(CLI::App& app);    // cmd_compare.cpp

}  // namespace lreg::cli
