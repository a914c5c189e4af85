#pragma once
// Each subcommand registers itself on the root app. Callbacks throw lreg::Error on failure;
// main() maps it to the exit code (2 usage, 3 bad input, 4 numerical failure).
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

namespace lreg::cli {

void addDataCommand(CLI::App& app);
void addFitCommand(CLI::App& app);
void addPredictCommand(CLI::App& app);
void addAnminCommand(CLI::App& app);      // cmd_anmin.cpp
void addGradientCommands(CLI::App& app);  // cmd_gradient.cpp: adam, sgd, lbfgs
void addCompareCommand(CLI::App& app);    // cmd_compare.cpp
void addMinimaCommand(CLI::App& app);     // cmd_minima.cpp
void addMethodsCommand(CLI::App& app);    // cmd_methods.cpp: the method registry
void addMlpCommands(CLI::App& app);       // cmd_mlp.cpp: mlp, convert
void addEscapeCommands(CLI::App& app);    // cmd_escape.cpp: escape, landscape
void addJobCommand(CLI::App& app);        // cmd_job.cpp: job run
void addSelftestCommand(CLI::App& app);   // cmd_selftest.cpp: selftest --gpu
void addKnnCommand(CLI::App& app);        // cmd_knn.cpp
void addReproCommand(CLI::App& app);      // cmd_repro.cpp: the papers' experiments

// `lreg fit --dim 2` (cmd_fit2d.cpp): the 2D-only options, then the fit itself, which reads the
// shared FitArgs and, for options the user did not type, the 2D defaults.
struct FitArgs;
struct Fit2DArgs {
  std::string insert;  // --insert midpoint|centroid
};
std::shared_ptr<Fit2DArgs> addFit2DOptions(CLI::App& cmd);
void runFit2D(const FitArgs& args, const Fit2DArgs& args2d, const CLI::App& cmd);

}  // namespace lreg::cli
