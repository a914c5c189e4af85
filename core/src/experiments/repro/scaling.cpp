// `lreg repro scaling`: test MAE against the DoF N and the simplices n_t on log-log axes, the
// fitted slope with its 95% confidence interval beside the paper's -1/d and the -2/d of P1
// interpolation of smooth targets (LReg paper, Figure 3 and section 2.5).
#include "scaling.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <numbers>
#include <random>

#include "experiment_list.h"
#include "lreg/common/timer.h"
#include "lreg/data/generators.h"
#include "lreg/experiments/repro_output.h"
#include "lreg/experiments/repro_run_log.h"
#include "repro_fits.h"
#include "repro_stats.h"

namespace lreg::repro {

namespace {

constexpr double kPi = std::numbers::pi;

std::vector<int> ladder(int lo, int hi, int count) {
  std::vector<int> v;
  for (int i = 0; i < count; ++i) {
    const double t = count > 1 ? double(i) / (count - 1) : 0.0;
    const int n = static_cast<int>(std::lround(lo * std::pow(double(hi) / lo, t)));
    if (v.empty() || n > v.back()) v.push_back(n);
  }
  return v;
}

Dataset sum2d(bool noisy, int n_train, int n_test, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 4 * kPi * kPi);
  std::normal_distribution<double> noise(0.0, kScalingNoiseSd);
  Dataset d;
  d.name = noisy ? "sin-2pi-2d" : "sin-2pi-2d (noiseless)";
  auto draw = [&](int n, Eigen::MatrixXd& x, Eigen::MatrixXd& y, Eigen::MatrixXd& t) {
    x.resize(n, 2);
    y.resize(n, 1);
    t.resize(n, 1);
    for (int i = 0; i < n; ++i) {
      x(i, 0) = u(rng);
      x(i, 1) = u(rng);
      t(i, 0) = std::sin(x(i, 0) / (2 * kPi)) + std::sin(x(i, 1) / (2 * kPi));
      y(i, 0) = t(i, 0) + (noisy ? noise(rng) : 0.0);
    }
  };
  Eigen::MatrixXd t_train, t_test;
  draw(n_train, d.x_train, d.y_train, t_train);
  draw(n_test, d.x_test, d.y_test, t_test);
  d.truth_test = t_test;
  const double var_truth = 1.0;  // two independent sin(2 pi U) of variance 1/2 each
  const double var_noise = noisy ? kScalingNoiseSd * kScalingNoiseSd : 0.0;
  d.noise_ceiling_r2 = 1 - var_noise / (var_truth + var_noise);
  d.domain_lo = Eigen::Vector2d(0, 0);
  d.domain_hi = Eigen::Vector2d(4 * kPi * kPi, 4 * kPi * kPi);
  d.input_names = {"x1", "x2"};
  d.output_names = {"y"};
  return d;
}

struct Series {
  std::vector<double> dof, nt, mae, mae_truth, r2, seconds;
};

std::string variantName(bool noisy) { return noisy ? "noisy (sd 0.01)" : "noiseless"; }

constexpr double kNoiseFloor = kScalingNoiseSd * 0.7978845608028654;  // E|e| = sd sqrt(2 / pi)

// A slope "has" a rate when its interval holds it or it is within 10% of it (the curve bends
// where the mesh starts to resolve the target; 32 runs make the interval narrower than that).
bool hasRate(const SlopeFit& f, double rate) {
  return (f.ci_low <= rate && rate <= f.ci_high) || std::fabs(f.slope - rate) <= 0.1 * -rate;
}

// Verdict of one slope against the paper's -1/d and the P1 rate -2/d.
ReproClaim slopeClaim(int d, bool noisy, const SlopeFit& f, double mae_min) {
  ReproClaim c;
  c.claim = "test MAE ~ N^(-1/" + std::to_string(d) + ") on the " + std::to_string(d) + "D set, " +
            variantName(noisy);
  c.paper = "slope " + fmtNumber(-1.0 / d, 3) + " (Figure 3, section 2.5)";
  c.ours = "slope " + fmtNumber(f.slope, 3) + ", 95% CI [" + fmtNumber(f.ci_low, 3) + ", " +
           fmtNumber(f.ci_high, 3) + "], " + std::to_string(f.n) + " runs" +
           (noisy ? " with test MAE >= 2 x the noise floor" : "");
  const double paper = -1.0 / d, p1 = -2.0 / d;
  const std::string floor = noisy ? "; the noise alone gives a test MAE of " +
                                        fmtNumber(kNoiseFloor, 4) + " (smallest measured " +
                                        fmtNumber(mae_min, 4) +
                                        "): the runs below twice that are left out of the fit"
                                  : "";
  if (!std::isfinite(f.slope)) {
    c.verdict = Verdict::NotReproduced;
    c.reason = "fewer than 3 runs to fit: no slope" + floor;
  } else if (hasRate(f, paper)) {
    c.verdict = Verdict::Reproduced;
    c.reason = "the slope is -1/d (within its interval or 10%)" + floor;
  } else if (hasRate(f, p1)) {
    c.verdict = Verdict::Differs;
    c.reason = "the slope is the P1 interpolation rate -2/d = " + fmtNumber(p1, 3) +
               " (within its interval or 10%), not the paper's -1/d: the paper's O() bound "
               "holds, but the MAE falls twice as fast" +
               floor;
  } else if (f.ci_high < paper) {
    c.verdict = Verdict::Differs;
    c.reason =
        "the MAE falls faster than N^(-1/d) (the paper's O() bound holds) but at neither "
        "-1/d nor -2/d" +
        floor;
  } else {
    c.verdict = Verdict::NotReproduced;
    c.reason = "the MAE falls more slowly than N^(-1/d)" + floor;
  }
  return c;
}

ReproReport runScaling(const ReproOptions& o, RunLog& log, const ProgressFn& progress) {
  ReproReport r;
  r.title = "Scaling law: test MAE against N and n_t (LReg paper, Figure 3, section 2.5)";
  const ScalingPlan plans[2] = {scalingPlan(1, o.quick, o.runs), scalingPlan(2, o.quick, o.runs)};
  int total = 0;
  for (const auto& p : plans) total += 2 * static_cast<int>(p.dofs.size());
  const Stopwatch clock;
  std::map<std::pair<int, bool>, Series> series;
  ReproTable runs{"per-run",
                  "Every run",
                  {"d", "variant", "seed", "N (DoF)", "n_t", "test MAE", "test MAE vs truth",
                   "test R^2", "seconds"},
                  {}};
  bool cancelled = false;
  for (const auto& p : plans) {
    for (bool noisy : {true, false}) {
      Series& s = series[{p.d, noisy}];
      for (size_t i = 0; i < p.dofs.size() && !cancelled; ++i) {
        const std::uint64_t seed = o.seed + i;
        const std::string key = "d=" + std::to_string(p.d) + ";noisy=" + (noisy ? "1" : "0") +
                                ";n=" + std::to_string(p.n_train) +
                                ";dof=" + std::to_string(p.dofs[i]) +
                                ";seed=" + std::to_string(seed);
        const auto v = log.get(key, [&] {
          auto data =
              std::make_shared<const Dataset>(scalingData(p.d, noisy, p.n_train, p.n_test, seed));
          FitSettings fs;
          fs.dof = p.dofs[i];
          fs.seed = seed;
          const FitResult f = fitMethod("mrc", data, fs);
          return std::vector<double>{double(f.dof),    double(f.elements), f.test.mae,
                                     f.test_mae_truth, f.test.r2,          f.seconds};
        });
        s.dof.push_back(v[0]);
        s.nt.push_back(v[1]);
        s.mae.push_back(v[2]);
        s.mae_truth.push_back(v[3]);
        s.r2.push_back(v[4]);
        s.seconds.push_back(v[5]);
        runs.rows.push_back({std::to_string(p.d), variantName(noisy), std::to_string(seed),
                             fmtNumber(v[0], 0), fmtNumber(v[1], 0), fmtNumber(v[2], 4),
                             fmtNumber(v[3], 4), fmtNumber(v[4], 5), fmtNumber(v[5], 3)});
        if (!runFinished(r, progress, total, clock.seconds(),
                         "d=" + std::to_string(p.d) + " " + variantName(noisy) +
                             " N=" + std::to_string(p.dofs[i])))
          cancelled = true;
      }
    }
  }

  ReproTable slopes{"slopes",
                    "Fitted slopes of log test MAE (95% confidence intervals)",
                    {"d", "variant", "against", "runs", "N range", "slope", "95% CI", "paper -1/d",
                     "P1 theory -2/d", "verdict"},
                    {}};
  for (const auto& p : plans) {
    for (const char* axis : {"N", "n_t"}) {
      const bool by_n = std::string(axis) == "N";
      ReproFigure fig{std::to_string(p.d) + "d" + (by_n ? "" : "-nt"),
                      std::to_string(p.d) + "D: test MAE against " + axis +
                          (p.d == 1 ? " (sin 1/x)" : " (sin(x1/2pi) + sin(x2/2pi))"),
                      by_n ? "N (basis functions)" : "n_t (simplices)",
                      "test MAE",
                      true,
                      true,
                      {}};
      for (bool noisy : {true, false}) {
        const Series& s = series[{p.d, noisy}];
        const std::vector<double>& x = by_n ? s.dof : s.nt;
        if (x.empty()) continue;
        std::vector<double> vx, vy;  // the runs the verdict is fitted on
        for (size_t i = 0; i < x.size(); ++i)
          if (!noisy || s.mae[i] >= 2 * kNoiseFloor) vx.push_back(x[i]), vy.push_back(s.mae[i]);
        const SlopeFit all = logLogSlope(x, s.mae), f = logLogSlope(vx, vy);
        fig.series.push_back({variantName(noisy), x, s.mae, {}, ReproSeries::Style::Points, false});
        const double x0 = vx.empty() ? x.front() : *std::min_element(vx.begin(), vx.end()),
                     x1 = vx.empty() ? x.back() : *std::max_element(vx.begin(), vx.end());
        if (std::isfinite(f.slope))
          fig.series.push_back({"fit " + fmtNumber(f.slope, 2) + " (" + variantName(noisy) + ")",
                                {x0, x1},
                                {std::exp(f.intercept) * std::pow(x0, f.slope),
                                 std::exp(f.intercept) * std::pow(x1, f.slope)},
                                {},
                                ReproSeries::Style::Line,
                                true});
        const double mae_min = *std::min_element(s.mae.begin(), s.mae.end());
        const ReproClaim c = slopeClaim(p.d, noisy, f, mae_min);
        if (by_n) r.claims.push_back(c);
        auto row = [&](const std::string& against, const SlopeFit& g, const std::vector<double>& gx,
                       const std::string& verdict) {
          const double lo = gx.empty() ? NAN : *std::min_element(gx.begin(), gx.end());
          const double hi = gx.empty() ? NAN : *std::max_element(gx.begin(), gx.end());
          slopes.rows.push_back(
              {std::to_string(p.d), variantName(noisy), against, std::to_string(g.n),
               fmtNumber(lo, 0) + "-" + fmtNumber(hi, 0), fmtNumber(g.slope, 3),
               "[" + fmtNumber(g.ci_low, 3) + ", " + fmtNumber(g.ci_high, 3) + "]",
               fmtNumber(-1.0 / p.d, 3), fmtNumber(-2.0 / p.d, 3), verdict});
        };
        row(axis, all, x, noisy ? "-" : toString(c.verdict));
        if (noisy) row(std::string(axis) + ", MAE >= 2 x noise floor", f, vx, toString(c.verdict));
        if (by_n) {
          // The larger half of N alone (past the under-resolved start), and for the noisy sets
          // the MAE against the truth (no noise floor).
          const size_t h = x.size() / 2;
          const std::vector<double> ux(x.begin() + long(h), x.end()),
              uy(s.mae.begin() + long(h), s.mae.end());
          row("N, larger half", logLogSlope(ux, uy), ux, "-");
          if (noisy) row("N, MAE vs truth", logLogSlope(x, s.mae_truth), x, "-");
        }
      }
      // Reference slopes through the noiseless curve's first point.
      const Series& s0 = series[{p.d, false}];
      const std::vector<double>& x = by_n ? s0.dof : s0.nt;
      if (!x.empty() && s0.mae.front() > 0) {
        const double x0 = x.front(), x1 = x.back(), y0 = s0.mae.front();
        for (double k : {1.0, 2.0})
          fig.series.push_back(
              {"slope " + fmtNumber(-k / p.d, 2) + (k == 1 ? " (paper)" : " (P1 theory)"),
               {x0, x1},
               {y0, y0 * std::pow(x1 / x0, -k / p.d)},
               {},
               ReproSeries::Style::Line,
               false});
        fig.series.push_back({"noise floor E|e|",
                              {x0, x1},
                              {kNoiseFloor, kNoiseFloor},
                              {},
                              ReproSeries::Style::Line,
                              false});
      }
      r.figures.push_back(fig);
    }
  }
  r.tables.push_back(slopes);
  r.tables.push_back(runs);

  for (const auto& p : plans) {
    const Series& s = series[{p.d, false}];
    std::string ratio;
    if (!s.dof.empty()) {
      double lo = 1e300, hi = 0;
      for (size_t i = 0; i < s.dof.size(); ++i) {
        lo = std::min(lo, s.nt[i] / s.dof[i]);
        hi = std::max(hi, s.nt[i] / s.dof[i]);
      }
      ratio = "; n_t / N ranged " + fmtNumber(lo, 3) + "-" + fmtNumber(hi, 3);
    }
    r.notes.push_back(std::to_string(p.d) + "D: " + std::to_string(p.dofs.size()) +
                      " runs per variant (the paper: 32), N from " +
                      std::to_string(p.dofs.front()) + " to " + std::to_string(p.dofs.back()) +
                      ", " + std::to_string(p.n_train) + " train / " + std::to_string(p.n_test) +
                      " test samples, the MRC loop with lreg fit's defaults (30 steps), run i "
                      "uses seed " +
                      std::to_string(o.seed) + " + i (data and fit)" + ratio + ".");
  }
  r.notes.push_back(
      "The 1D set is sin(1/x) with x = 1/v, v ~ U(1, 50) (generator sin-inv, the multi-frequency "
      "reading of the paper's \"1/X ~ U(0.02, 1)\"; read literally it would be smooth). The 2D "
      "set sin(x1/2pi) + sin(x2/2pi) is drawn on x_i ~ U(0, 4 pi^2), one period per input: the "
      "paper gives no domain. Noise sd 0.01 in the noisy variants (the paper's 1D value, also "
      "used in 2D).");
  r.notes.push_back(
      "Test MAE is against the (noisy) test targets, as the paper plots it; the runs table also "
      "gives it against the noiseless truth. Slopes are least squares of log MAE on log N with "
      "Student-t 95% intervals, over all runs of a noiseless variant and over the runs of a "
      "noisy one whose MAE is at least twice the noise floor E|e| = 0.0080 (below it the noise "
      "is measured, not the approximation). A slope counts as a rate when its interval holds "
      "the rate or it is within 10% of it.");
  return r;
}

}  // namespace

ScalingPlan scalingPlan(int d, bool quick, int runs) {
  ScalingPlan p;
  p.d = d;
  const int count = runs > 0 ? runs : (quick ? 8 : 32);
  p.n_train = quick ? 10000 : 40000;
  p.n_test = p.n_train / 4;
  // Up to about 10 (1D) / 20 (2D) training samples per basis function: no run interpolates noise.
  p.dofs = d == 1 ? ladder(8, quick ? 512 : 4096, count) : ladder(16, quick ? 512 : 2048, count);
  return p;
}

Dataset scalingData(int d, bool noisy, int n_train, int n_test, std::uint64_t seed) {
  if (d == 2) return sum2d(noisy, n_train, n_test, seed);
  GenOptions g;
  g.seed = seed;
  g.n_train = n_train;
  g.n_test = n_test;
  Dataset data = generate("sin-inv", g);
  if (!noisy) {
    data.name = "sin-inv (noiseless)";
    data.y_train = generatorTruth("sin-inv", data.x_train);
    data.y_test = *data.truth_test;
    data.noise_ceiling_r2 = 1.0;
  }
  return data;
}

Experiment scalingExperiment() {
  Experiment e;
  e.name = "scaling";
  e.claim = "test MAE ~ N^(-1/d) and n_t^(-1/d) (Figure 3)";
  e.paper = "LReg, Figure 3 and section 2.5";
  e.run_columns = {"dof", "elements", "test_mae", "test_mae_truth", "test_r2", "seconds"};
  e.run = runScaling;
  return e;
}

}  // namespace lreg::repro
