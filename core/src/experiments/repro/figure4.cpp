// `lreg repro figure4`: the three sets of the LReg paper's Figure 4 (A high noise, B multi-
// frequency, C both) fitted by the LReg (MRC), the MLP, the equal-DoF fixed mesh and k-NN (the
// simple peer standing in for the paper's SVR), drawn over the training points and the truth.
#include "figure4.h"

#include <cctype>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <numbers>
#include <random>

#include "experiment_list.h"
#include "lreg/common/status.h"
#include "lreg/common/timer.h"
#include "lreg/experiments/repro_output.h"
#include "lreg/experiments/repro_run_log.h"
#include "repro_fits.h"
#include "repro_stats.h"

namespace lreg::repro {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr int kGrid = 300;
constexpr int kScatter = 600;  // training points drawn per panel
const char* const kSets[3] = {"A", "B", "C"};
const char* const kMethods[4] = {"mrc", "mlp", "mesh", "knn"};

double truthAt(const std::string& set, double x) {
  return set == "A" ? std::sin(8 * x) : std::sin(1 / x);
}

// One draw: x, and the noise sd at x.
std::pair<double, double> sample(const std::string& set, std::mt19937_64& rng) {
  if (set == "A") {
    const double x = std::uniform_real_distribution<double>(0, kPi / 4)(rng);
    return {x, std::fabs(std::cos(8 * x))};
  }
  const double x = 1 / std::uniform_real_distribution<double>(2, 50)(rng);
  return {x, set == "C" ? 0.5 * x * x : 0.0};
}

double noiseCeiling(const std::string& set) {
  static std::mutex mutex;  // the studio may run two experiments at once
  static std::map<std::string, double> cache;
  std::lock_guard lock(mutex);
  if (auto it = cache.find(set); it != cache.end()) return it->second;
  std::mt19937_64 rng(0x5eed);
  double s = 0, s2 = 0, noise = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const auto [x, sd] = sample(set, rng);
    const double t = truthAt(set, x);
    s += t, s2 += t * t, noise += sd * sd;
  }
  const double var = s2 / n - (s / n) * (s / n);
  return cache[set] = 1 - (noise / n) / (var + noise / n);
}

struct Cell {
  std::vector<double> train_r2, test_r2, test_mae;
  std::vector<double> grid;  // the first seed's curve
};

ReproReport runFigure4(const ReproOptions& o, RunLog& log, const ProgressFn& progress) {
  ReproReport r;
  r.title = "Figure 4: high noise (A), multi-frequency (B) and both (C) (LReg paper, section 3.1)";
  const int runs = o.runs > 0 ? o.runs : (o.quick ? 1 : 3);
  const int n_train = o.quick ? 2000 : 5000, n_test = n_train / 5;
  const int total = 3 * 4 * runs;
  const Stopwatch clock;
  std::map<std::pair<std::string, std::string>, Cell> cells;
  bool cancelled = false;
  for (const char* set : kSets) {
    const Eigen::MatrixXd grid = figure4Grid(set, kGrid);
    for (int s = 0; s < runs && !cancelled; ++s) {
      const std::uint64_t seed = o.seed + s;
      auto data = std::make_shared<const Dataset>(figure4Data(set, n_train, n_test, seed));
      for (const char* m : kMethods) {
        const std::string key = std::string("set=") + set + ";n=" + std::to_string(n_train) +
                                ";method=" + m + ";seed=" + std::to_string(seed);
        const auto v = log.get(key, [&] {
          FitSettings fs;
          fs.seed = seed;
          fs.threads = o.threads;
          const FitResult f = fitMethod(m, data, fs, &grid);
          std::vector<double> row{f.train.r2, f.test.r2, f.test.mae};
          for (int i = 0; i < kGrid; ++i) row.push_back(f.grid(i, 0));
          return row;
        });
        Cell& c = cells[{set, m}];
        c.train_r2.push_back(v[0]);
        c.test_r2.push_back(v[1]);
        c.test_mae.push_back(v[2]);
        if (c.grid.empty()) c.grid.assign(v.begin() + 3, v.end());
        if (!runFinished(r, progress, total, clock.seconds(),
                         std::string(set) + " " + m + " seed " + std::to_string(seed))) {
          cancelled = true;
          break;
        }
      }
    }
  }

  ReproTable t{"r2",
               "Test R^2 per set and method (mean ± sd over seeds)",
               {"set", "method", "runs", "train R^2", "test R^2", "test MAE", "noise ceiling"},
               {}};
  for (const char* set : kSets) {
    const Eigen::MatrixXd grid = figure4Grid(set, kGrid);
    std::vector<double> gx(grid.data(), grid.data() + grid.rows());
    const Dataset d = figure4Data(set, kScatter, 0, o.seed);
    ReproFigure fig{std::string(1, char(std::tolower(set[0]))),
                    std::string("Set ") + set +
                        (std::string(set) == "A"   ? ": sin 8x, noise sd |cos 8x|"
                         : std::string(set) == "B" ? ": sin 1/x, 1/x ~ U(2, 50)"
                                                   : ": sin 1/x with noise sd 0.5 x^2"),
                    "x",
                    "y",
                    false,
                    false,
                    {}};
    fig.series.push_back({"training points",
                          std::vector<double>(d.x_train.data(), d.x_train.data() + kScatter),
                          std::vector<double>(d.y_train.data(), d.y_train.data() + kScatter),
                          {},
                          ReproSeries::Style::Points,
                          false});
    const Eigen::MatrixXd truth = figure4Truth(set, grid);
    fig.series.push_back({"truth",
                          gx,
                          std::vector<double>(truth.data(), truth.data() + kGrid),
                          {},
                          ReproSeries::Style::Line,
                          false});
    for (const char* m : kMethods) {
      const auto it = cells.find({set, m});
      if (it == cells.end()) continue;
      const Cell& c = it->second;
      const MeanSd tr = meanSd(c.train_r2), te = meanSd(c.test_r2);
      t.rows.push_back({set, fitMethodLabel(m), std::to_string(te.n), fmtMeanSd(tr.mean, tr.sd),
                        fmtMeanSd(te.mean, te.sd), fmtNumber(meanSd(c.test_mae).mean),
                        fmtNumber(noiseCeiling(set))});
      fig.series.push_back(
          {fitMethodLabel(m), gx, c.grid, {}, ReproSeries::Style::Line, std::string(m) == "mrc"});
    }
    r.figures.push_back(fig);
  }
  r.tables.push_back(t);

  auto test = [&](const char* set, const char* m) {
    const auto it = cells.find({set, m});
    return it == cells.end() ? NAN : meanSd(it->second.test_r2).mean;
  };
  auto train = [&](const char* set, const char* m) {
    const auto it = cells.find({set, m});
    return it == cells.end() ? NAN : meanSd(it->second.train_r2).mean;
  };
  const double ca = noiseCeiling("A"), cc = noiseCeiling("C");
  if (std::isfinite(test("A", "mlp"))) {
    const double mlp = test("A", "mlp");
    const bool ok = mlp >= ca - 0.05;
    r.claims.push_back(
        {"neural networks fit the high-noise set A well", "MLP fits A (dashed orange)",
         "MLP test R^2 " + fmtNumber(mlp) + ", ceiling " + fmtNumber(ca),
         ok ? Verdict::Reproduced : Verdict::NotReproduced,
         ok ? "within 0.05 of the noise ceiling" : "more than 0.05 below the ceiling"});
  }
  if (std::isfinite(test("B", "mlp")) && std::isfinite(test("B", "mrc"))) {
    const double mlp = test("B", "mlp"), lreg = test("B", "mrc");
    const bool ok = mlp < lreg - 0.05;
    r.claims.push_back({"neural networks underfit the multi-frequency set B",
                        "MLP underfits B (solid orange)",
                        "MLP test R^2 " + fmtNumber(mlp) + ", LReg " + fmtNumber(lreg),
                        ok ? Verdict::Reproduced : Verdict::NotReproduced,
                        ok ? "the MLP is more than 0.05 below the LReg on B"
                           : "the MLP is within 0.05 of the LReg on B"});
  }
  if (std::isfinite(test("A", "knn")) && std::isfinite(test("B", "knn"))) {
    const double gap = train("A", "knn") - test("A", "knn"), b = test("B", "knn");
    const bool fits_b = b >= 0.95, overfits_a = gap > 0.05;
    r.claims.push_back(
        {"traditional regressors fit B but overfit A", "SVR fits B, overfits A (teal)",
         "k-NN (tuned k, our simple peer) test R^2 on B " + fmtNumber(b) + ", train - test on A " +
             fmtNumber(gap),
         fits_b && overfits_a ? Verdict::Reproduced : Verdict::Differs,
         std::string(fits_b ? "k-NN fits B (>= 0.95)" : "k-NN does not fit B (< 0.95)") +
             (overfits_a ? " and overfits A (gap > 0.05)"
                         : "; with k chosen by cross-validation it does not overfit A (gap <= "
                           "0.05): the paper's SVR was not tuned, or overfitting is SVR's")});
  }
  if (std::isfinite(test("C", "mrc"))) {
    const double lreg = test("C", "mrc");
    std::string others;
    bool alone = true;
    for (const char* m : kMethods) {
      if (std::string(m) == "mrc" || !std::isfinite(test("C", m))) continue;
      others += (others.empty() ? "" : ", ") + fitMethodLabel(m) + " " + fmtNumber(test("C", m));
      if (test("C", m) >= cc - 0.02) alone = false;
    }
    const bool fits = lreg >= cc - 0.02;
    r.claims.push_back(
        {"only the LReg fits set C (high noise and multi-frequency)",
         "LReg fits C; no other "
         "model can",
         "LReg test R^2 " + fmtNumber(lreg) + " (ceiling " + fmtNumber(cc) + "); " + others,
         fits && alone ? Verdict::Reproduced : (fits ? Verdict::Differs : Verdict::NotReproduced),
         !fits   ? "the LReg is more than 0.02 below the ceiling"
         : alone ? "the LReg is within 0.02 of the ceiling, every peer is not"
                 : "the LReg is within 0.02 of the ceiling, but so is a peer"});
  }
  r.notes.push_back(std::to_string(runs) + " seeds (" + std::to_string(o.seed) + ".." +
                    std::to_string(o.seed + runs - 1) + "), " + std::to_string(n_train) +
                    " train / " + std::to_string(n_test) +
                    " test samples per set (the paper gives no sizes); the curves are the first "
                    "seed's fits, drawn at " +
                    std::to_string(kGrid) + " points over " + std::to_string(kScatter) +
                    " of its training points.");
  r.notes.push_back(
      "Every model with its default settings: LReg and fixed mesh 64 nodes (MRC 30 steps), MLP 2 "
      "x 64 ReLU by Adam (300 epochs, lr 0.01), k-NN with k by 5-fold CV. N(m, s) is read with s "
      "the standard deviation; B and C use x = 1/v, v ~ U(2, 50) (read literally, \"1/X ~ U(0.02, "
      "0.5)\" gives a smooth target). C's noise is small beside sin's variance of about 1/2: "
      "E[(0.5 x^2)^2] gives a ceiling of 0.9996 (0.99 if 0.5 x^2 were the variance), so C is "
      "barely harder than B for any model that fits B.");
  return r;
}

}  // namespace

Dataset figure4Data(const std::string& set, int n_train, int n_test, std::uint64_t seed) {
  if (set != "A" && set != "B" && set != "C")
    throw InputError("figure4: no set '" + set + "' (A, B, C)");
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0, 1);
  Dataset d;
  d.name = "figure4-" + set;
  auto draw = [&](int n, Eigen::MatrixXd& x, Eigen::MatrixXd& y, Eigen::MatrixXd& t) {
    x.resize(n, 1), y.resize(n, 1), t.resize(n, 1);
    for (int i = 0; i < n; ++i) {
      const auto [xi, sd] = sample(set, rng);
      x(i, 0) = xi;
      t(i, 0) = truthAt(set, xi);
      y(i, 0) = t(i, 0) + (sd > 0 ? sd * normal(rng) : 0.0);
    }
  };
  Eigen::MatrixXd t_train, t_test;
  draw(n_train, d.x_train, d.y_train, t_train);
  draw(n_test, d.x_test, d.y_test, t_test);
  d.truth_test = t_test;
  d.noise_ceiling_r2 = noiseCeiling(set);
  d.domain_lo = Eigen::VectorXd::Constant(1, set == "A" ? 0.0 : 0.02);
  d.domain_hi = Eigen::VectorXd::Constant(1, set == "A" ? kPi / 4 : 0.5);
  d.input_names = {"x"};
  d.output_names = {"y"};
  return d;
}

Eigen::MatrixXd figure4Truth(const std::string& set, const Eigen::MatrixXd& x) {
  Eigen::MatrixXd t(x.rows(), 1);
  for (Eigen::Index i = 0; i < x.rows(); ++i) t(i, 0) = truthAt(set, x(i, 0));
  return t;
}

Eigen::MatrixXd figure4Grid(const std::string& set, int points) {
  Eigen::MatrixXd g(points, 1);
  for (int i = 0; i < points; ++i) {
    const double t = double(i) / (points - 1);
    g(i, 0) = set == "A" ? t * kPi / 4 : 1 / (50 - 48 * t);
  }
  return g;
}

Experiment figure4Experiment() {
  Experiment e;
  e.name = "figure4";
  e.claim = "only the LReg fits both high noise and multiple frequencies (Figure 4)";
  e.paper = "LReg, section 3.1 and Figure 4";
  e.run_columns = {"train_r2", "test_r2", "test_mae"};
  for (int i = 0; i < kGrid; ++i) e.run_columns.push_back("p" + std::to_string(i));
  e.run = runFigure4;
  return e;
}

}  // namespace lreg::repro
