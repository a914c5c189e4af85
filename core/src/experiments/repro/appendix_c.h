#pragma once
// The appendix-c experiment's sections (LReg paper, Appendix C): C.1 the PDE parameter map
// (appendix_c_pde.cpp), C.2 high noise, C.3 multi-frequency and C.4 the spherical harmonic
// Y_4^2 (appendix_c.cpp). Each section fits LReg, the equal-DoF fixed mesh and tuned k-NN per
// seed, one run-log row per fit. Internal to core/src/experiments/repro.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "appendix_c_fits.h"
#include "lreg/common/timer.h"
#include "lreg/experiments/repro.h"
#include "lreg/experiments/repro_run_log.h"

namespace lreg::repro::appc {

// Seeds of a full run (--runs overrides, --quick runs one): C.1 solves 12,000 PDEs per seed.
constexpr int kFullRuns = 3, kFullRunsC1 = 2;
// Fits per seed: C.1 3, C.2 6 (two readings), C.3 5 (two DoF), C.4 3.
constexpr int kFitsC1 = 3, kFitsC2 = 6, kFitsC3 = 5, kFitsC4 = 3;

// What every section shares: the options, the run log, the progress over all sections.
struct Context {
  Context(const ReproOptions& o, RunLog& l, ProgressFn p, ReproReport& r)
      : options(o), log(l), progress(std::move(p)), report(r) {}
  const ReproOptions& options;
  RunLog& log;
  ProgressFn progress;
  ReproReport& report;
  int planned = 0;  // runs (fits) of all sections
  Stopwatch clock;
  bool cancelled = false;
  // A finished run: counts it and reports progress; false once the user cancelled.
  bool tick(const std::string& message);
  int runs(int full_default) const;  // --runs, else 1 quick / full_default
};

// The fits of one section over its seeds.
struct SectionRuns {
  std::vector<std::string> models;
  std::map<std::string, std::vector<std::vector<double>>> rows;  // per model, one per seed
  std::map<std::string, Predictor> first;  // the first seed's fits, for the figures
  std::optional<Dataset> first_data;       // the first seed's data (made only when needed)
};

// Makes a seed's data; one that sets Context::cancelled (a user's cancel while it works) may
// return them incomplete: they are then not fitted.
using MakeData = std::function<Dataset(std::uint64_t seed)>;

// Runs models x seeds (keys "<prefix>;model=<m>;seed=<s>"), LReg first: the fixed mesh takes
// its DoF. Data are made only for runs not in the log, and for the first seed's figures.
SectionRuns runSection(Context& c, const std::string& prefix,
                       const std::vector<std::string>& models, const MakeData& make,
                       FitSettings base, int runs);

// "LReg (MRC)", "fixed mesh (equal DoF)", "k-NN (tuned k)".
std::string modelLabel(const std::string& model);
// Mean and sample sd of column col over a model's rows.
std::pair<double, double> meanSd(const std::vector<std::vector<double>>& rows, int col);
std::string cell(const std::vector<std::vector<double>>& rows, int col, int digits = 4);
// Where R^2 is near 1 (noiseless sets): mean ± sd of 1 - R^2 in scientific notation.
std::string gapCell(const std::vector<std::vector<double>>& rows, int col);
// An R^2 in a sentence: "0.9626", or "1 - 4.0e-08" above 0.9999.
std::string r2Text(double r2);

// "C.3: test MAE of LReg 3.5e-05, fixed mesh (equal DoF) 7.7e-05, k-NN 3.1e-03": every model
// of the section, means over its seeds.
std::string maeLine(const std::string& section, const SectionRuns& s);

void runC1(Context& c);
void runC2(Context& c);
void runC3(Context& c);
void runC4(Context& c);

}  // namespace lreg::repro::appc
