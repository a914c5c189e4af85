#pragma once
// The papers' experiments (issue 14), one `lreg repro NAME` and one Experiments-panel entry each.
// An experiment runs its runs (seeds, splits, sizes), appends each finished run to its run log
// at once (so a cancelled or killed experiment resumes where it stopped), and returns a report:
// tables (our column beside the paper's, the noise ceiling and the best simple peer), figures as
// data (the CLI writes them as SVG, the studio draws them with Qt Charts) and a verdict per claim.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "lreg/common/progress.h"
#include "lreg/common/status.h"

namespace lreg {

class RunLog;

struct ReproOptions {
  bool quick = false;          // the sizes that finish within 2 minutes here
  int runs = 0;                // runs (seeds) per configuration; 0: the experiment's default
  int splits = 0;              // random splits (Barbu's tables); 0: the experiment's default
  std::uint64_t seed = 1;      // the first seed; run r uses seed + r
  int threads = 0;             // threads per trainer (0: one per core)
  std::filesystem::path data;  // an experiment's own data set (a CSV), where it takes one
  std::filesystem::path out;   // the run log and the report files go here
};

struct ReproSeries {
  enum class Style { Line, Points, LinePoints };
  std::string name;
  std::vector<double> x, y;
  std::vector<double> y_err;  // empty, or one half-width per point (drawn as error bars)
  Style style = Style::LinePoints;
  bool bold = false;
};

struct ReproFigure {
  std::string id;  // file stem: <experiment>-<id>.svg
  std::string title, x_label, y_label;
  bool log_x = false, log_y = false;
  std::vector<ReproSeries> series;
};

struct ReproTable {
  std::string id;  // file stem: <experiment>-<id>.csv
  std::string title;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // each the size of columns
};

enum class Verdict { Reproduced, NotReproduced, Differs };
const char* toString(Verdict v);  // "reproduced", "not reproduced", "differs"
Verdict parseVerdict(const std::string& s);

struct ReproClaim {
  std::string claim;  // what the paper says, in one line
  std::string paper;  // the paper's number or statement
  std::string ours;   // what we measured
  Verdict verdict = Verdict::Reproduced;
  std::string reason;  // why, above all for "differs" and "not reproduced"
};

struct ReproReport {
  std::string name, title;
  Status status;  // cancelled: the tables hold the runs finished so far
  std::vector<ReproClaim> claims;
  std::vector<ReproTable> tables;
  std::vector<ReproFigure> figures;
  std::vector<std::string> notes;  // sizes actually run, readings of the paper, deviations
  int runs_done = 0;               // runs in the report
  int runs_reused = 0;             // of them, read back from a run log (resumed)
  double seconds = 0;              // this invocation's time
  std::string command;             // the command line that makes it (set by the caller)
};

// What an experiment receives: the options, its run log (already opened in options.out) and a
// progress function (step = runs done, total = runs planned; false cancels).
using ReproRunFn = std::function<ReproReport(const ReproOptions&, RunLog&, const ProgressFn&)>;

struct Experiment {
  std::string name;   // `lreg repro NAME`
  std::string claim;  // one line, e.g. "MAE ~ N^(-1/d)"
  std::string paper;  // where it is in the papers, e.g. "LReg, Figure 3 and section 2.5"
  std::vector<std::string> run_columns;  // the run log's value columns
  ReproRunFn run;
};

// Counts a finished run in r and reports it (step = r.runs_done of total). False when progress
// cancels; r.status is then Cancelled.
bool runFinished(ReproReport& r, const ProgressFn& progress, int total, double seconds,
                 const std::string& message);

// Every experiment, in the order `lreg repro list` prints them.
const std::vector<Experiment>& experiments();
// Throws InputError naming the known experiments when there is none of that name.
const Experiment& findExperiment(const std::string& name);

// Opens the run log in options.out (created), runs the experiment, writes the report's files
// (repro_output.h) and returns the report. A cancelled run writes what it has.
ReproReport runExperiment(const Experiment& e, const ReproOptions& options,
                          const ProgressFn& progress = {});

}  // namespace lreg
