#include "dof_auto.h"

#include <iostream>
#include <string>

#include "fit_report.h"
#include "lreg/data/generators.h"

namespace lreg::cli {

void addDofOption(CLI::App& cmd, FitArgs& a) {
  a.dof_search = toString(DofSelectOptions{}.search);
  cmd.add_option_function<std::string>(
         "--dof",
         [&a](const std::string& s) {
           a.dof_auto = s == "auto";
           if (!a.dof_auto) a.dof = std::stoi(s);
         },
         "Nodes (basis functions) kept after every MRC step, or auto: chosen by 5-fold "
         "cross-validation on the training rows. Default: auto for CSV files, " +
             std::to_string(a.dof) + " for the built-in sets (64 vertices with --dim 2)")
      ->check(CLI::IsMember({"auto"}) | CLI::Range(2, 1 << 24));
  cmd.add_option("--dof-search", a.dof_search,
                 "--dof auto: kfold (every candidate DoF) or grow (stop once the validation MAE "
                 "stops improving)")
      ->capture_default_str()
      ->check(CLI::IsMember({"kfold", "grow"}));
}

bool dofAuto(const FitArgs& a, const CLI::App& cmd) {
  if (cmd.count("--dof") > 0) return a.dof_auto;
  const std::string& name = a.data.data;
  return !(isGenerator(name) || name == "sdf" || name == "abalone");
}

namespace {

template <typename Options, typename Select>
std::optional<DofSelection> choose(const FitArgs& a, const CLI::App& cmd, const Dataset& d,
                                   Options& o, Select select) {
  if (!dofAuto(a, cmd)) return std::nullopt;
  DofSelectOptions s;
  s.search = parseDofSearch(a.dof_search);
  s.seed = a.data.seed;
  DofSelection r = select(d, o, s, ProgressFn{});
  o.dof = r.dof;
  return r;
}

}  // namespace

std::optional<DofSelection> chooseDof(const FitArgs& a, const CLI::App& cmd, const Dataset& d,
                                      Mrc1DOptions& o) {
  return choose(a, cmd, d, o, selectDof1D);
}

std::optional<DofSelection> chooseDof(const FitArgs& a, const CLI::App& cmd, const Dataset& d,
                                      Mrc2DOptions& o) {
  return choose(a, cmd, d, o, selectDof2D);
}

void addDofSelection(nlohmann::json& j, const std::optional<DofSelection>& s) {
  if (!s) return;
  j["dof_selection"] = toJson(*s);
  if (j["seconds"].is_number()) j["seconds"] = j["seconds"].get<double>() + s->seconds;
}

void printDofSelection(const std::optional<DofSelection>& s) {
  if (!s) return;
  std::cout << "\n  DoF " << s->dof << " chosen by " << s->folds << "-fold cross-validation ("
            << toString(s->search) << ", " << s->curve.size() << " candidates) in "
            << fmt(s->seconds, "%.3f") << " s\n";
}

}  // namespace lreg::cli
