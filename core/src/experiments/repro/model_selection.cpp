// `lreg repro model-selection`: `--dof auto` (the DoF chosen by cross-validation on the training
// rows, as `lreg fit` does it) against the fixed default DoF 64 on the paper's sets over seeds,
// and against k-NN with k by 5-fold CV on sets with sharp and multi-frequency features.
#include "model_selection.h"

#include <cmath>
#include <map>
#include <memory>
#include <numbers>
#include <random>

#include "experiment_list.h"
#include "lreg/common/status.h"
#include "lreg/common/timer.h"
#include "lreg/data/data_source.h"
#include "lreg/data/generators.h"
#include "lreg/experiments/repro_output.h"
#include "lreg/experiments/repro_run_log.h"
#include "repro_fits.h"
#include "repro_stats.h"

namespace lreg::repro {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kSeedBound = 0.001;  // no seed more than this below the fixed DoF
const std::vector<std::string> kSets{"b1", "a1", "a2", "b2"};
const std::vector<std::string> kSharp{"sharp1d", "sharp2d"};

double sharp1d(double x) {
  return std::sin(2 * kPi * 2 * x) + (x > 0.3 ? 1.0 : 0.0) + 2 * std::fabs(x - 0.7) +
         (x > 0.5 ? 0.4 * std::sin(2 * kPi * 15 * x) : 0.0);
}

double sharp2d(double x1, double x2) {
  const double r2 = (x1 - 0.35) * (x1 - 0.35) + (x2 - 0.6) * (x2 - 0.6);
  return std::sin(2 * kPi * x1) * std::cos(2 * kPi * 1.5 * x2) + (r2 < 0.04 ? 0.8 : 0.0) +
         0.3 * std::sin(2 * kPi * 5 * (x1 + x2));
}

struct Pair {
  std::vector<double> fixed, autos, dof, auto_seconds;
  std::vector<std::uint64_t> seeds;
};

ReproReport runModelSelection(const ReproOptions& o, RunLog& log, const ProgressFn& progress) {
  ReproReport r;
  r.title = "Model selection: --dof auto against the fixed DoF 64 and against tuned k-NN";
  const int runs = o.runs > 0 ? o.runs : (o.quick ? 2 : 10);
  const int sharp_runs = o.runs > 0 ? std::min(o.runs, 3) : (o.quick ? 1 : 3);
  const int b2_train = o.quick ? 10000 : -1;
  // --data FILE: both comparisons on the file alone, split 80/20 by each seed.
  const bool file = !o.data.empty();
  std::string file_name = o.data.filename().string();
  for (char& c : file_name)
    if (c == ',' || c == '"') c = '_';
  const std::vector<std::string> sets = file ? std::vector<std::string>{file_name} : kSets,
                                 sharp = file ? std::vector<std::string>{file_name} : kSharp;
  auto load = [&](const std::string& set, std::uint64_t seed) {
    if (file) {
      DataSource src;
      src.data = o.data.string();
      src.seed = seed;
      Dataset d = resolveData(src);
      if (d.inputs() > 2 || d.outputs() != 1)
        throw InputError(o.data.string() +
                         ": --dof auto fits 1 or 2 inputs and one target, the "
                         "file has " +
                         std::to_string(d.inputs()) + " inputs and " + std::to_string(d.outputs()) +
                         " targets");
      return std::make_shared<const Dataset>(std::move(d));
    }
    if (set == "sharp1d") return std::make_shared<const Dataset>(sharpData(set, 4000, 1000, seed));
    if (set == "sharp2d") return std::make_shared<const Dataset>(sharpData(set, 20000, 5000, seed));
    GenOptions g;
    g.seed = seed;
    if (set == "b2") g.n_train = b2_train;
    return std::make_shared<const Dataset>(generate(set, g));
  };
  const int total =
      static_cast<int>(sets.size()) * runs * 2 + static_cast<int>(sharp.size()) * sharp_runs * 2;
  const Stopwatch clock;
  bool cancelled = false;
  auto step = [&](const std::string& msg) {
    if (!runFinished(r, progress, total, clock.seconds(), msg)) cancelled = true;
  };
  // One fit, logged: test R^2, the DoF (or k) used, seconds.
  auto fit = [&](const std::string& key, const std::string& method,
                 const std::shared_ptr<const Dataset>& data, std::uint64_t seed) {
    return log.get(key, [&] {
      FitSettings fs;
      fs.seed = seed;
      const FitResult f = fitMethod(method, data, fs);
      return std::vector<double>{f.test.r2, double(f.dof), f.seconds};
    });
  };

  std::map<std::string, Pair> pairs;
  for (const std::string& set : sets) {
    for (int s = 0; s < runs && !cancelled; ++s) {
      const std::uint64_t seed = o.seed + s;
      const auto data = load(set, seed);
      const std::string base = std::string("set=") + set +
                               ";n=" + std::to_string(data->x_train.rows()) +
                               ";seed=" + std::to_string(seed);
      const auto fixed = fit(base + ";dof=64", "mrc", data, seed);
      step(std::string(set) + " seed " + std::to_string(seed) + " dof 64");
      if (cancelled) break;
      const auto autos = fit(base + ";dof=auto", "mrc-auto", data, seed);
      step(std::string(set) + " seed " + std::to_string(seed) + " dof auto");
      Pair& p = pairs[set];
      p.fixed.push_back(fixed[0]);
      p.autos.push_back(autos[0]);
      p.dof.push_back(autos[1]);
      p.auto_seconds.push_back(autos[2]);
      p.seeds.push_back(seed);
    }
  }

  ReproTable t{"builtin",
               "Mean test R^2 per set: fixed DoF 64 against --dof auto",
               {"set", "seeds", "mean R^2 at 64", "mean R^2 auto", "auto - 64 (mean)",
                "worst seed (auto - 64)", "chosen DoF (range)", "auto seconds (mean)"},
               {}};
  ReproTable per{
      "builtin-seeds",
      "Per seed",
      {"set", "seed", "R^2 at 64", "R^2 auto", "auto - 64", "chosen DoF", "auto seconds"},
      {}};
  bool means_ok = true, seeds_ok = true;
  std::string misses, means;
  for (const std::string& set : sets) {
    if (!pairs.count(set)) continue;
    const Pair& p = pairs[set];
    const MeanSd f = meanSd(p.fixed), a = meanSd(p.autos);
    size_t worst = 0;
    double dmin = 1e300, dof_lo = 1e300, dof_hi = 0;
    for (size_t i = 0; i < p.fixed.size(); ++i) {
      const double d = p.autos[i] - p.fixed[i];
      if (d < dmin) dmin = d, worst = i;
      dof_lo = std::min(dof_lo, p.dof[i]);
      dof_hi = std::max(dof_hi, p.dof[i]);
      per.rows.push_back({set, std::to_string(p.seeds[i]), fmtNumber(p.fixed[i], 5),
                          fmtNumber(p.autos[i], 5), fmtNumber(d, 5), fmtNumber(p.dof[i], 0),
                          fmtNumber(p.auto_seconds[i], 3)});
      if (d < -kSeedBound) {
        seeds_ok = false;
        misses += (misses.empty() ? "" : "; ") + std::string(set) + " seed " +
                  std::to_string(p.seeds[i]) + " " + fmtNumber(d, 5);
      }
    }
    if (a.mean < f.mean) means_ok = false;
    means += (means.empty() ? "" : ", ") + std::string(set) + " " + fmtNumber(a.mean - f.mean, 5);
    t.rows.push_back({set, std::to_string(f.n), fmtNumber(f.mean, 5), fmtNumber(a.mean, 5),
                      fmtNumber(a.mean - f.mean, 5),
                      fmtNumber(dmin, 5) + " (seed " + std::to_string(p.seeds[worst]) + ")",
                      fmtNumber(dof_lo, 0) + "-" + fmtNumber(dof_hi, 0),
                      fmtNumber(meanSd(p.auto_seconds).mean, 3)});
  }
  r.tables.push_back(t);
  if (!pairs.empty())
    r.claims.push_back(
        {"--dof auto is at least as good as the fixed default DoF 64 on mean test R^2, and no "
         "seed is more than 0.001 below it",
         "issue 14's done-means (b1, a1, a2, b2, seeds 1-10)", "auto - 64 on mean: " + means,
         means_ok && seeds_ok ? Verdict::Reproduced : Verdict::NotReproduced,
         means_ok && seeds_ok ? "every mean is at least the fixed DoF's and every seed within 0.001"
                              : std::string(means_ok ? "" : "a mean is below the fixed DoF's; ") +
                                    (seeds_ok ? "" : "seeds more than 0.001 below: " + misses)});

  // Against tuned k-NN on sets with sharp and multi-frequency features.
  ReproTable k{"knn",
               "--dof auto against k-NN with k by 5-fold CV (sharp, multi-frequency sets)",
               {"set", "seed", "train / test", "R^2 auto", "R^2 k-NN", "auto - k-NN", "target",
                "chosen DoF", "k", "auto seconds", "k-NN seconds"},
               {}};
  bool knn_ok = true;
  std::string knn_gaps;
  for (const std::string& set : sharp) {
    for (int s = 0; s < sharp_runs && !cancelled; ++s) {
      const std::uint64_t seed = o.seed + s;
      const auto data = load(set, seed);
      const bool two = data->inputs() == 2;
      const int n_train = static_cast<int>(data->x_train.rows()),
                n_test = static_cast<int>(data->x_test.rows());
      const std::string base = std::string("set=") + set + ";n=" + std::to_string(n_train) +
                               ";seed=" + std::to_string(seed);
      const auto a = fit(base + ";dof=auto", "mrc-auto", data, seed);
      step(std::string(set) + " seed " + std::to_string(seed) + " dof auto");
      if (cancelled) break;
      const auto kn = fit(base + ";knn", "knn", data, seed);
      step(std::string(set) + " seed " + std::to_string(seed) + " k-NN");
      const double margin = knnMargin(two ? 2 : 1), d = a[0] - kn[0];
      if (d < -margin) knn_ok = false;
      knn_gaps += (knn_gaps.empty() ? "" : ", ") + std::string(set) + " seed " +
                  std::to_string(seed) + " " + fmtNumber(d, 5);
      k.rows.push_back(
          {set, std::to_string(seed), std::to_string(n_train) + " / " + std::to_string(n_test),
           fmtNumber(a[0], 5), fmtNumber(kn[0], 5), fmtNumber(d, 5), ">= -" + fmtNumber(margin, 4),
           fmtNumber(a[1], 0), fmtNumber(kn[1], 0), fmtNumber(a[2], 3), fmtNumber(kn[2], 3)});
    }
  }
  r.tables.push_back(k);
  r.tables.push_back(per);
  if (!k.rows.empty())
    r.claims.push_back(
        {"--dof auto is at least tuned k-NN's test R^2 less 0.007 (1D) / 0.0003 "
         "(2D) on unseen sharp, multi-frequency data",
         "issue 14's target", "auto - k-NN: " + knn_gaps,
         knn_ok ? Verdict::Reproduced : Verdict::NotReproduced,
         knn_ok ? "every run meets its margin" : "a run misses its margin"});

  const std::string seeds = std::to_string(o.seed) + ".." + std::to_string(o.seed + runs - 1);
  if (file)
    r.notes.push_back(o.data.string() + ": " + std::to_string(runs) + " seeds (" + seeds +
                      ") for DoF 64 against auto, " + std::to_string(sharp_runs) +
                      " for auto against k-NN; each seed splits the file 80/20.");
  else
    r.notes.push_back(std::to_string(runs) + " seeds (" + seeds +
                      ") on b1, a1, a2, b2 at the paper's sizes" +
                      (b2_train > 0 ? " except b2 at " + std::to_string(b2_train) + " training rows"
                                    : std::string()) +
                      "; the sharp sets " + std::to_string(sharp_runs) + " seed(s).");
  r.notes.push_back(
      "Both fits are lreg fit's: the MRC loop with its defaults at DoF 64 (1D nodes, 2D "
      "vertices), and at the DoF chosen by 5-fold CV on the training rows (grow search, folds "
      "seeded by the data's seed; docs/model-selection.md). The sharp sets follow "
      "docs/model-selection/make_sets.py's formulas, drawn by this library from each seed. "
      "Seconds are wall time on this machine, shared with other work.");
  return r;
}

}  // namespace

double knnMargin(int inputs) { return inputs == 1 ? 0.007 : 0.0003; }

Dataset sharpData(const std::string& set, int n_train, int n_test, std::uint64_t seed) {
  const bool two = set == "sharp2d";
  if (!two && set != "sharp1d") throw InputError("no set '" + set + "' (sharp1d, sharp2d)");
  const int d = two ? 2 : 1;
  const double sd = two ? 0.05 : 0.1;
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::normal_distribution<double> noise(0, sd);
  Dataset data;
  data.name = set;
  auto draw = [&](int n, Eigen::MatrixXd& x, Eigen::MatrixXd& y, Eigen::MatrixXd& t) {
    x.resize(n, d), y.resize(n, 1), t.resize(n, 1);
    for (int i = 0; i < n; ++i) {
      for (int k = 0; k < d; ++k) x(i, k) = u(rng);
      t(i, 0) = two ? sharp2d(x(i, 0), x(i, 1)) : sharp1d(x(i, 0));
      y(i, 0) = t(i, 0) + noise(rng);
    }
  };
  Eigen::MatrixXd t_train, t_test;
  draw(n_train, data.x_train, data.y_train, t_train);
  draw(n_test, data.x_test, data.y_test, t_test);
  data.truth_test = t_test;
  data.domain_lo = Eigen::VectorXd::Zero(d);
  data.domain_hi = Eigen::VectorXd::Ones(d);
  for (int k = 0; k < d; ++k) data.input_names.push_back("x" + std::to_string(k + 1));
  data.output_names = {"y"};
  return data;
}

Experiment modelSelectionExperiment() {
  Experiment e;
  e.name = "model-selection";
  e.claim = "--dof auto is at least the fixed DoF 64 and within the margin of tuned k-NN";
  e.paper = "issue 14 (model selection); the paper's sets A1, B1, A2, B2";
  e.run_columns = {"test_r2", "dof", "seconds"};
  e.run = runModelSelection;
  return e;
}

}  // namespace lreg::repro
