// appendix-c: the LReg paper's Appendix C (C.1 PDE parameter map, C.2 high noise, C.3
// multi-frequency, C.4 vector-valued Y_4^2) in one report, and appendix-c1 .. appendix-c4 with
// one section each (their own run logs). The appendix prints figures only, no
// numbers: each claim is read from its figure's caption and given a numeric test, stated in the
// claim's reason.
#include "appendix_c.h"

#include <cmath>
#include <cstdio>

#include "experiment_list.h"
#include "lreg/experiments/repro_output.h"

namespace lreg::repro {

namespace appc {

bool Context::tick(const std::string& message) {
  ++report.runs_done;
  if (!lreg::report(progress, {report.runs_done, planned, clock.seconds(), message}))
    cancelled = true;
  return !cancelled;
}

int Context::runs(int full_default) const {
  if (options.runs > 0) return options.runs;
  return options.quick ? 1 : full_default;
}

std::string modelLabel(const std::string& m) {
  if (m.rfind("lreg@", 0) == 0) return "LReg (MRC, DoF " + m.substr(5) + ")";
  if (m.rfind("fixed@", 0) == 0) return "fixed mesh (DoF " + m.substr(6) + ")";
  if (m == "lreg") return "LReg (MRC, DoF by 5-fold CV)";
  if (m == "fixed") return "fixed mesh (equal DoF)";
  if (m == "knn") return "k-NN (k by 5-fold CV)";
  return m;
}

std::pair<double, double> meanSd(const std::vector<std::vector<double>>& rows, int col) {
  if (rows.empty()) return {NAN, NAN};
  double s = 0;
  for (const auto& r : rows) s += r[static_cast<size_t>(col)];
  const double mean = s / double(rows.size());
  if (rows.size() < 2) return {mean, NAN};
  double q = 0;
  for (const auto& r : rows) q += std::pow(r[static_cast<size_t>(col)] - mean, 2);
  return {mean, std::sqrt(q / double(rows.size() - 1))};
}

std::string cell(const std::vector<std::vector<double>>& rows, int col, int digits) {
  const auto [m, sd] = meanSd(rows, col);
  return fmtMeanSd(m, sd, digits);
}

std::string gapCell(const std::vector<std::vector<double>>& rows, int col) {
  std::vector<std::vector<double>> gap = rows;
  for (auto& r : gap) r[static_cast<size_t>(col)] = 1 - r[static_cast<size_t>(col)];
  const auto [m, sd] = meanSd(gap, col);
  if (!std::isfinite(m)) return "n/a";
  char buf[64];
  if (std::isfinite(sd))
    std::snprintf(buf, sizeof buf, "%.2e ± %.1e", m, sd);
  else
    std::snprintf(buf, sizeof buf, "%.2e", m);
  return buf;
}

std::string r2Text(double r2) {
  if (!(r2 > 0.9999)) return fmtNumber(r2, 4);
  char buf[32];
  std::snprintf(buf, sizeof buf, "1 - %.1e", 1 - r2);
  return buf;
}

std::string maeLine(const std::string& section, const SectionRuns& s) {
  std::string line = section + ": test MAE (mean over seeds) of";
  bool first = true;
  for (const auto& m : s.models) {
    const auto it = s.rows.find(m);
    if (it == s.rows.end()) continue;
    char buf[32];
    std::snprintf(buf, sizeof buf, " %.2e", meanSd(it->second, kTestMae).first);
    line += (first ? " " : "; ") + modelLabel(m) + buf;
    first = false;
  }
  return line + ".";
}

SectionRuns runSection(Context& c, const std::string& prefix,
                       const std::vector<std::string>& models, const MakeData& make,
                       FitSettings base, int runs) {
  SectionRuns out;
  out.models = models;
  for (int r = 0; r < runs && !c.cancelled; ++r) {
    const std::uint64_t seed = c.options.seed + static_cast<std::uint64_t>(r);
    std::optional<Dataset> data;
    // Makes the seed's data once; false when a cancel cut them short (they are dropped).
    auto ensure = [&] {
      if (!data) data = make(seed);
      if (c.cancelled) data.reset();
      return data.has_value();
    };
    double lreg_dof = 0;
    for (const auto& m : models) {
      if (c.cancelled) break;
      FitSettings s = base;
      s.seed = seed;
      if (m == "fixed") s.size = static_cast<int>(lreg_dof);
      const std::string key = prefix + ";model=" + m + ";seed=" + std::to_string(seed);
      if (!c.log.find(key) && !ensure()) break;  // C.1's 12,000 solves may be cancelled
      const std::vector<double> row = c.log.get(key, [&] {
        Fit f = fitModel(m, *data, s);
        if (r == 0) out.first[m] = f.predict;
        return f.row;
      });
      if (m == "lreg") lreg_dof = row[kSize];
      out.rows[m].push_back(row);
      c.tick(prefix + " " + m + " seed " + std::to_string(seed));
    }
    if (r == 0) out.first_data = std::move(data);
  }
  // The figures show the first seed: a fit read back from the log is refitted at its DoF or k.
  if (c.cancelled || runs < 1) return out;
  for (const auto& m : models) {
    if (out.first.count(m) || out.rows[m].empty()) continue;
    if (!out.first_data) {
      out.first_data = make(c.options.seed);
      if (c.cancelled) {
        out.first_data.reset();
        return out;
      }
    }
    FitSettings s = base;
    s.seed = c.options.seed;
    s.size = static_cast<int>(out.rows[m][0][kSize]);
    out.first[m] = fitModel(m, *out.first_data, s).predict;
  }
  return out;
}

}  // namespace appc

namespace {

struct SectionSpec {
  void (*run)(appc::Context&);
  int fits;       // fits per seed
  int full_runs;  // seeds of a full run
};

Experiment makeExperiment(std::string name, std::string claim, std::string paper, std::string title,
                          std::vector<SectionSpec> sections) {
  Experiment e;
  e.name = std::move(name);
  e.claim = std::move(claim);
  e.paper = std::move(paper);
  e.run_columns = appc::runColumns();
  e.run = [title, sections](const ReproOptions& o, RunLog& log, const ProgressFn& progress) {
    ReproReport r;
    r.title = title;
    appc::Context c(o, log, progress, r);
    for (const auto& s : sections) c.planned += s.fits * c.runs(s.full_runs);
    for (const auto& s : sections) {
      if (c.cancelled) break;
      s.run(c);
    }
    if (c.cancelled) r.status = Status::cancelled();
    r.notes.push_back(
        "Peers: the equal-DoF fixed mesh (least squares on quantile knots / a quantile grid, at "
        "the DoF the LReg fit chose; its seconds exclude that choice) and k-NN with k by 5-fold "
        "CV. Appendix C compares LReg with no other model, so no MLP is run here.");
    return r;
  };
  return e;
}

const SectionSpec kC1{appc::runC1, appc::kFitsC1, appc::kFullRunsC1};
const SectionSpec kC2{appc::runC2, appc::kFitsC2, appc::kFullRuns};
const SectionSpec kC3{appc::runC3, appc::kFitsC3, appc::kFullRuns};
const SectionSpec kC4{appc::runC4, appc::kFitsC4, appc::kFullRuns};

}  // namespace

Experiment appendixCExperiment() {
  return makeExperiment(
      "appendix-c", "LReg fits a PDE's parameter map, high-noise, multi-frequency and vector data",
      "LReg, Appendix C (C.1-C.4, Figures A3-A6)",
      "Appendix C: PDE parameter map, high noise, multi-frequency, Y_4^2", {kC1, kC2, kC3, kC4});
}

std::vector<Experiment> appendixCSectionExperiments() {
  return {
      makeExperiment("appendix-c1", "LReg learns (alpha, beta) -> u of a semilinear Poisson PDE",
                     "LReg, Appendix C.1, Figure A3", "Appendix C.1: the PDE parameter map", {kC1}),
      makeExperiment("appendix-c2", "LReg fits high-noise data near the noise ceiling",
                     "LReg, Appendix C.2, Figure A4", "Appendix C.2: high noise", {kC2}),
      makeExperiment("appendix-c3", "LReg fits sin(1/x) within 4 MRC steps",
                     "LReg, Appendix C.3, Figure A5", "Appendix C.3: multi-frequency", {kC3}),
      makeExperiment("appendix-c4", "LReg fits the vector-valued Y_4^2",
                     "LReg, Appendix C.4, Figure A6", "Appendix C.4: Y_4^2, vector-valued", {kC4})};
}

}  // namespace lreg::repro
