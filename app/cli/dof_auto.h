#pragma once
// `lreg fit --dof auto|N`: the DoF chosen from the training rows by cross-validation
// (lreg/train/dof_select.h) before the fit, and its validation curve in the report. Auto is the
// default for CSV files; the built-in and embedded sets keep the paper's fixed DoF.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <optional>

#include "fit_args.h"
#include "lreg/data/dataset.h"
#include "lreg/train/dof_select.h"

namespace lreg::cli {

// Registers --dof (auto or a number) and --dof-search on cmd.
void addDofOption(CLI::App& cmd, FitArgs& a);

// Whether to select the DoF: --dof as given, else yes for a CSV file.
bool dofAuto(const FitArgs& a, const CLI::App& cmd);

// Selects the DoF when dofAuto and writes it into o.dof; nothing otherwise.
std::optional<DofSelection> chooseDof(const FitArgs& a, const CLI::App& cmd, const Dataset& d,
                                      Mrc1DOptions& o);
std::optional<DofSelection> chooseDof(const FitArgs& a, const CLI::App& cmd, const Dataset& d,
                                      Mrc2DOptions& o);

// Adds "dof_selection" to the fit's JSON and counts its time in "seconds" (the whole fit).
void addDofSelection(nlohmann::json& j, const std::optional<DofSelection>& s);
// The summary's line: chosen DoF, the search, the candidates fitted, its seconds.
void printDofSelection(const std::optional<DofSelection>& s);

}  // namespace lreg::cli
