#pragma once
// Toy experiments for the Experiments panel's tests: the real ones live in core and are listed
// by lreg::experiments(); these are small, instant, and count what they compute.
#include <atomic>
#include <chrono>
#include <climits>
#include <cmath>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "lreg/common/status.h"
#include "lreg/experiments/repro.h"
#include "lreg/experiments/repro_output.h"
#include "lreg/experiments/repro_run_log.h"

namespace toys {

using namespace lreg;

// Counts the runs it computes; run i waits until i <= allowed, so a test can hold it mid-way.
struct Toy {
  std::atomic<int> computed{0};
  std::atomic<int> allowed{INT_MAX};
};

// n runs x -> x^2 (+- 0.1 x^2 as an error bar), on a log-y figure and a linear one.
inline Experiment squares(std::shared_ptr<Toy> toy) {
  Experiment e;
  e.name = "squares";
  e.claim = "y = x^2";
  e.paper = "a toy, section 0";
  e.run_columns = {"x", "y"};
  e.run = [toy](const ReproOptions& o, RunLog& log, const ProgressFn& progress) {
    ReproReport r;
    r.title = "Squares";
    ReproSeries s{"x^2", {}, {}, {}, ReproSeries::Style::LinePoints, true};
    ReproSeries lin{"x", {}, {}, {}, ReproSeries::Style::Points, false};
    const int n = o.runs ? o.runs : 4;
    for (int i = 1; i <= n; ++i) {
      while (toy->allowed < i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      if (i > 1 && !report(progress, {i - 1, n, 0, ""})) {  // a cancel during the wait
        r.status = Status::cancelled();
        break;
      }
      const auto v = log.get("x=" + std::to_string(i), [&] {
        ++toy->computed;
        return std::vector<double>{double(i), double(i * i)};
      });
      s.x.push_back(v[0]);
      s.y.push_back(v[1]);
      s.y_err.push_back(0.1 * v[1]);
      lin.x.push_back(v[0]);
      lin.y.push_back(v[0]);
      ++r.runs_done;
      if (!report(progress, {i, n, 0, ""}) && i < n) {
        r.status = Status::cancelled();
        break;
      }
    }
    r.figures.push_back({"curve", "Squares on a log axis", "x", "y", false, true, {s, lin}});
    r.figures.push_back({"linear", "Squares, linear", "x", "y", false, false, {s}});
    r.tables.push_back({"values", "Values", {"x", "y", "paper"}, {}});
    for (size_t i = 0; i < s.x.size(); ++i)
      r.tables[0].rows.push_back({fmtNumber(s.x[i], 0), fmtNumber(s.y[i], 0), "x^2"});
    r.claims.push_back({"y = x^2", "exact", "exact", Verdict::Reproduced, "by construction"});
    r.claims.push_back(
        {"slope 2 on log-log", "2", "2.0", Verdict::Differs, "the toy's x is linear"});
    r.notes.push_back("runs: " + std::to_string(r.runs_done));
    return r;
  };
  return e;
}

inline Experiment broken() {
  Experiment e;
  e.name = "broken";
  e.claim = "fails";
  e.paper = "none";
  e.run_columns = {"v"};
  e.run = [](const ReproOptions&, RunLog&, const ProgressFn&) -> ReproReport {
    throw InputError("--data: /no/such/file.csv does not exist");
  };
  return e;
}

// A scaling law as the papers draw it: MAE against N on log-log axes over three decades, the fit
// and the paper's slope, claims of every verdict with long texts (for the screenshot).
inline Experiment decay() {
  Experiment e;
  e.name = "decay";
  e.claim = "MAE ~ N^(-1/d), a claim long enough to be cut in a narrow column";
  e.paper = "LReg, Figure 3 and section 2.5";
  e.run_columns = {"n", "mae"};
  e.run = [](const ReproOptions&, RunLog& log, const ProgressFn& progress) {
    ReproReport r;
    r.title = "Test MAE against the DoF (1D)";
    ReproSeries ours{"LReg (mean of 4 seeds)", {}, {}, {}, ReproSeries::Style::LinePoints, true};
    ReproSeries paper{"paper: slope -1", {}, {}, {}, ReproSeries::Style::Line, false};
    const int n = 12;
    for (int i = 0; i < n; ++i) {
      const double dof = 8.0 * std::pow(2.0, i);
      const auto v = log.get("dof=" + std::to_string(i), [&] {
        return std::vector<double>{dof, 0.8 * std::pow(dof, -0.93) * (1 + 0.05 * std::sin(i))};
      });
      ours.x.push_back(v[0]);
      ours.y.push_back(v[1]);
      ours.y_err.push_back(0.15 * v[1]);
      paper.x.push_back(v[0]);
      paper.y.push_back(0.8 / v[0]);
      ++r.runs_done;
      report(progress, {i + 1, n, 0, ""});
    }
    r.figures.push_back({"mae", r.title, "DoF N", "test MAE", true, true, {ours, paper}});
    r.tables.push_back({"fit", "Fitted slopes", {"set", "slope", "95% CI", "paper"}, {}});
    r.tables[0].rows.push_back({"sin(1/x), noiseless", "-0.93", "[-0.97, -0.89]", "-1"});
    r.tables[0].rows.push_back({"sin(1/x), noisy", "-0.41", "[-0.52, -0.30]", "-1"});
    r.claims.push_back({"MAE ~ N^(-1/d) on the noiseless 1D set", "-1", "-0.93 [-0.97, -0.89]",
                        Verdict::Reproduced, "the CI is within 0.1 of the paper's slope"});
    r.claims.push_back({"the same with noise", "-1", "-0.41 [-0.52, -0.30]", Verdict::NotReproduced,
                        "the noise floor flattens the curve past N = 512: the slope is the "
                        "noise's, not the method's"});
    r.claims.push_back({"P1 theory's -2/d for smooth targets", "-2 (theory)", "-0.93",
                        Verdict::Differs, "sin(1/x) is not smooth near 0"});
    r.notes.push_back("quick sizes: 12 DoF values, 4 seeds each");
    r.notes.push_back("the paper's 32 runs per point are --runs 32");
    return r;
  };
  return e;
}

}  // namespace toys
