// appendix-c, sections C.2 (high noise), C.3 (multi-frequency) and C.4 (Y_4^2, vector-valued):
// the paper's data sets (lreg/data/generators.h), fitted by LReg, the fixed mesh and k-NN.
#include <cmath>
#include <numbers>
#include <random>

#include "appendix_c.h"
#include "lreg/data/generators.h"
#include "lreg/experiments/repro_output.h"

namespace lreg::repro::appc {

namespace {

constexpr double kPi = std::numbers::pi;
const std::vector<std::string> kModels = {"lreg", "fixed", "knn"};

std::string sizes(int n_train, int n_test) {
  return "n=" + std::to_string(n_train) + "/" + std::to_string(n_test);
}

// C.2 under the variance reading: y ~ N(sin x, variance 0.2 cos^2 x).
Dataset noisySinVariance(std::uint64_t seed, int n_train, int n_test) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> ux(-4.0, 4.0);
  std::normal_distribution<double> z(0.0, 1.0);
  auto draw = [&](int n, Eigen::MatrixXd& x, Eigen::MatrixXd& y, Eigen::MatrixXd& t) {
    x.resize(n, 1);
    y.resize(n, 1);
    t.resize(n, 1);
    for (int i = 0; i < n; ++i) {
      x(i, 0) = ux(rng);
      t(i, 0) = std::sin(x(i, 0));
      y(i, 0) = t(i, 0) + std::sqrt(0.2) * std::abs(std::cos(x(i, 0))) * z(rng);
    }
  };
  Dataset d;
  d.name = "noisy-sin (variance reading)";
  Eigen::MatrixXd t_train, t_test;
  draw(n_train, d.x_train, d.y_train, t_train);
  draw(n_test, d.x_test, d.y_test, t_test);
  d.truth_test = t_test;
  // On U(-4, 4): E[cos^2 x] = 1/2 + sin 8 / 16, Var(sin x) = 1/2 - sin 8 / 16.
  const double noise = 0.2 * (0.5 + std::sin(8.0) / 16), signal = 0.5 - std::sin(8.0) / 16;
  d.noise_ceiling_r2 = 1 - noise / (signal + noise);
  d.domain_lo = Eigen::VectorXd::Constant(1, -4.0);
  d.domain_hi = Eigen::VectorXd::Constant(1, 4.0);
  d.input_names = {"x1"};
  d.output_names = {"y"};
  return d;
}

Dataset generated(const std::string& name, std::uint64_t seed, int n_train, int n_test) {
  GenOptions g;
  g.seed = seed;
  g.n_train = n_train;
  g.n_test = n_test;
  return generate(name, g);
}

// The fit table's rows of one section: a row per model, then the ceiling and the oracle.
void addFitRows(ReproTable& t, const std::string& label, const SectionRuns& s, const Dataset* data,
                const std::string& paper, bool gap = false) {
  auto r2 = [gap](const std::vector<std::vector<double>>& rows, int col) {
    return gap ? gapCell(rows, col) : cell(rows, col);
  };
  for (const auto& m : s.models) {
    const auto it = s.rows.find(m);
    if (it == s.rows.end()) continue;
    const auto& rows = it->second;
    t.rows.push_back({label, modelLabel(m), std::to_string(rows.size()), r2(rows, kTrainR2),
                      r2(rows, kTestR2), r2(rows, kTruthR2), cell(rows, kTestMae, 3),
                      cell(rows, kSize, 0), cell(rows, kSeconds, 2), m == "lreg" ? paper : ""});
  }
  if (!data) return;
  const double ceiling = data->noise_ceiling_r2.value_or(NAN);
  const double oracle = oracleR2(*data).value_or(NAN);
  t.rows.push_back(
      {label, "noise ceiling (population)", "", "", fmtNumber(ceiling), "", "", "", "", ""});
  t.rows.push_back({label, "oracle (the noiseless truth, first seed)", "", "", fmtNumber(oracle),
                    "1.0000", "", "", "", ""});
}

// gap: the R^2 columns hold 1 - R^2 (noiseless sets, where R^2 rounds to 1).
ReproTable fitTable(const std::string& id, const std::string& title, bool gap = false) {
  const std::string p = gap ? "1 - " : "";
  return {id,
          title,
          {"data", "model", "runs", p + "train R^2", p + "test R^2", p + "R^2 vs truth", "test MAE",
           "DoF / k", "seconds", "paper"},
          {}};
}

// The best simple peer's test R^2 (fixed mesh or k-NN), mean over seeds.
std::pair<std::string, double> bestPeer(const SectionRuns& s) {
  std::pair<std::string, double> best{"", -INFINITY};
  for (const auto& m : {"fixed", "knn"}) {
    const auto it = s.rows.find(m);
    if (it == s.rows.end()) continue;
    const double r2 = meanSd(it->second, kTestR2).first;
    if (r2 > best.second) best = {modelLabel(m), r2};
  }
  return best;
}

// A curve over a grid of inputs: model predictions (output k) as one series.
ReproSeries curve(const std::string& name, const Predictor& p, const Eigen::MatrixXd& x, int k,
                  bool bold = false) {
  const Eigen::MatrixXd y = p(x);
  ReproSeries s{name, {}, {}, {}, ReproSeries::Style::Line, bold};
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    s.x.push_back(x(i, x.cols() - 1));
    s.y.push_back(y(i, k));
  }
  return s;
}

ReproSeries trainingPoints(const Dataset& d, int most) {
  ReproSeries s{"training set (first " + std::to_string(most) + ")",
                {},
                {},
                {},
                ReproSeries::Style::Points,
                false};
  for (Eigen::Index i = 0; i < std::min<Eigen::Index>(most, d.x_train.rows()); ++i) {
    s.x.push_back(d.x_train(i, 0));
    s.y.push_back(d.y_train(i, 0));
  }
  return s;
}

void fitFigure1D(ReproReport& r, const std::string& id, const std::string& title,
                 const SectionRuns& s, const std::string& truth, const Eigen::MatrixXd& grid,
                 bool log_x) {
  if (!s.first_data || !s.first.count("lreg")) return;
  ReproFigure f{id, title, "x", "y", log_x, false, {}};
  f.series.push_back(trainingPoints(*s.first_data, 800));
  const Eigen::MatrixXd t = generatorTruth(truth, grid);
  ReproSeries ts{"truth", {}, {}, {}, ReproSeries::Style::Line, false};
  for (Eigen::Index i = 0; i < grid.rows(); ++i) {
    ts.x.push_back(grid(i, 0));
    ts.y.push_back(t(i, 0));
  }
  f.series.push_back(ts);
  f.series.push_back(curve("LReg", s.first.at("lreg"), grid, 0, true));
  for (const auto& m : s.models)
    if (m.rfind("lreg@", 0) == 0 && s.first.count(m))
      f.series.push_back(curve("LReg, DoF " + m.substr(5), s.first.at(m), grid, 0));
  if (s.first.count("knn")) f.series.push_back(curve("k-NN", s.first.at("knn"), grid, 0));
  r.figures.push_back(std::move(f));
}

std::string verdictLine(const SectionRuns& s) {
  const auto [peer, peer_r2] = bestPeer(s);
  return "best simple peer " + peer + " at test R^2 " + r2Text(peer_r2);
}

}  // namespace

void runC2(Context& c) {
  const int n_train = 5000, n_test = 1000, runs = c.runs(kFullRuns);
  const std::string n = sizes(n_train, n_test);
  const SectionRuns sd = runSection(
      c, "c2;reading=sd;" + n, kModels,
      [&](std::uint64_t seed) { return generated("noisy-sin", seed, n_train, n_test); }, {}, runs);
  const SectionRuns var = runSection(
      c, "c2;reading=variance;" + n, kModels,
      [&](std::uint64_t seed) { return noisySinVariance(seed, n_train, n_test); }, {}, runs);
  ReproReport& r = c.report;
  ReproTable t = fitTable("c2-fits", "C.2 high noise: x ~ U(-4, 4), y ~ N(sin x, 0.2 cos^2 x), " +
                                         std::to_string(n_train) + " / " + std::to_string(n_test));
  const std::string paper = "Figure A4 only (no number)";
  addFitRows(t, "sd 0.2 cos^2 x", sd, sd.first_data ? &*sd.first_data : nullptr, paper);
  addFitRows(t, "variance 0.2 cos^2 x", var, var.first_data ? &*var.first_data : nullptr, paper);
  r.tables.push_back(std::move(t));
  if (sd.rows.count("lreg") && sd.first_data) {
    const double r2 = meanSd(sd.rows.at("lreg"), kTestR2).first;
    const double truth = meanSd(sd.rows.at("lreg"), kTruthR2).first;
    const double ceiling = *sd.first_data->noise_ceiling_r2;
    const bool ok = r2 >= ceiling - 0.01;
    r.claims.push_back(
        {"C.2: LReg fits high-noise data (the curve follows sin x through the noise)",
         "Figure A4, no number printed",
         "test R^2 " + fmtNumber(r2) + " (noise ceiling " + fmtNumber(ceiling) +
             "), R^2 vs sin x " + fmtNumber(truth),
         ok ? Verdict::Reproduced : Verdict::NotReproduced,
         std::string(ok ? "within" : "not within") +
             " 0.01 of the noise ceiling (sd reading, mean over seeds); " + verdictLine(sd)});
  }
  r.notes.push_back(maeLine("C.2 (sd reading)", sd));
  r.notes.push_back(maeLine("C.2 (variance reading)", var));
  fitFigure1D(r, "c2-fit", "C.2: LReg and k-NN on x ~ U(-4, 4), y ~ N(sin x, sd 0.2 cos^2 x)", sd,
              "noisy-sin", Eigen::VectorXd::LinSpaced(801, -4.0, 4.0), false);
  r.notes.push_back(
      "C.2: N(m, s) read with s = 0.2 cos^2 x the standard deviation, as the project "
      "reads every N(m, s) of the paper (lreg/data/generators.cpp); the variance "
      "reading is run beside it. The appendix prints no number, so the figure's "
      "claim is tested as: LReg's test R^2 within 0.01 of the noise ceiling. " +
      std::to_string(runs) + " seed(s), " + std::to_string(n_train) + " / " +
      std::to_string(n_test) + " as the paper.");
}

void runC3(Context& c) {
  const int n_train = 5000, n_test = 1000, runs = c.runs(kFullRuns);
  FitSettings base;
  base.epochs = 32;  // the paper's figure shows epochs 4 and 32
  // Besides the DoF chosen by CV (large: the data are noiseless), the project's default DoF 64,
  // from whose uniform start the MRC loop has to move its nodes: the figure's training story.
  const SectionRuns s = runSection(
      c, "c3;" + sizes(n_train, n_test) + ";epochs=32",
      {"lreg", "fixed", "knn", "lreg@64", "fixed@64"},
      [&](std::uint64_t seed) { return generated("sin-inv-c3", seed, n_train, n_test); }, base,
      runs);
  ReproReport& r = c.report;
  ReproTable t = fitTable("c3-fits",
                          "C.3 multi-frequency: x = 1/v, v ~ U(2, 50), y = sin(1/x), " +
                              std::to_string(n_train) + " / " + std::to_string(n_test),
                          true);
  addFitRows(t, "sin(1/x)", s, s.first_data ? &*s.first_data : nullptr,
             "Figure A5 only (no number)", true);
  r.tables.push_back(std::move(t));
  if (s.rows.count("lreg") && s.rows.count("lreg@64")) {
    const auto& cv = s.rows.at("lreg");
    const auto& fixed = s.rows.at("lreg@64");
    auto mean = [](const std::vector<std::vector<double>>& rows, int col) {
      return meanSd(rows, col).first;
    };
    ReproTable steps{"c3-steps",
                     "C.3: 1 - LReg's test R^2 after MRC steps 0, 4 and 32 (the paper's epochs)",
                     {"step", "DoF by CV: 1 - R^2", "DoF 64: 1 - R^2", "paper"},
                     {{"0 (initial fit)", gapCell(cv, kR2Step0), gapCell(fixed, kR2Step0), ""},
                      {"4", gapCell(cv, kR2Step4), gapCell(fixed, kR2Step4),
                       "\"closely approximate the target values\""},
                      {"32", gapCell(cv, kR2Step32), gapCell(fixed, kR2Step32),
                       "\"nearly indistinguishable\""}}};
    r.tables.push_back(std::move(steps));
    const double r4 = std::min(mean(cv, kR2Step4), mean(fixed, kR2Step4));
    const double r32 = std::min(mean(cv, kR2Step32), mean(fixed, kR2Step32));
    r.claims.push_back({"C.3: after 4 epochs LReg closely approximates sin(1/x)",
                        "Figure A5, no number printed",
                        "test R^2 after step 4: " + r2Text(mean(cv, kR2Step4)) + " (DoF by CV), " +
                            r2Text(mean(fixed, kR2Step4)) + " (DoF 64, from " +
                            fmtNumber(mean(fixed, kR2Step0)) + " at step 0)",
                        r4 >= 0.99 ? Verdict::Reproduced : Verdict::NotReproduced,
                        "read as test R^2 >= 0.99 after MRC step 4 at both DoF (mean over seeds)"});
    r.claims.push_back(
        {"C.3: after 32 epochs outputs and targets are nearly indistinguishable",
         "Figure A5, no number printed",
         "test R^2 after step 32: " + r2Text(mean(cv, kR2Step32)) + " (DoF by CV), " +
             r2Text(mean(fixed, kR2Step32)) + " (DoF 64)",
         r32 >= 0.999 ? Verdict::Reproduced : Verdict::NotReproduced,
         "read as test R^2 >= 0.999 after MRC step 32 at both DoF; " + verdictLine(s)});
  }
  r.notes.push_back(maeLine("C.3", s));
  Eigen::VectorXd grid(1201);
  for (int i = 0; i < grid.size(); ++i) grid(i) = 1.0 / (2.0 + 48.0 * i / (grid.size() - 1.0));
  fitFigure1D(r, "c3-fit", "C.3: LReg and k-NN on y = sin(1/x), x in [0.02, 0.5] (log x)", s,
              "sin-inv-c3", grid.reverse(), true);
  r.notes.push_back(
      "C.3: \"1/x ~ U(0.02, 0.5), y = sin 1/x\" read literally is smooth (x = 1/u, y = sin u); "
      "the section's title and Figure A5 need the multi-frequency reading x = 1/v, v ~ U(2, 50) "
      "(generator sin-inv-c3). MRC steps are the paper's epochs (32 run); the paper gives no DoF, "
      "so both the DoF chosen by 5-fold CV and the project's default 64 are run. " +
      std::to_string(runs) + " seed(s), " + std::to_string(n_train) + " / " +
      std::to_string(n_test) + " as the paper.");
}

void runC4(Context& c) {
  const int n_train = c.options.quick ? 10000 : 40000, n_test = c.options.quick ? 2000 : 8000;
  const int runs = c.runs(kFullRuns);
  const SectionRuns s = runSection(
      c, "c4;" + sizes(n_train, n_test), kModels,
      [&](std::uint64_t seed) { return generated("sph-harm", seed, n_train, n_test); }, {}, runs);
  ReproReport& r = c.report;
  ReproTable t =
      fitTable("c4-fits",
               "C.4 vector-valued: (Re, Im) Y_4^2(theta, phi), theta ~ U(0, 2 pi), phi ~ "
               "U(0, pi), " +
                   std::to_string(n_train) + " / " + std::to_string(n_test),
               true);
  addFitRows(t, "Y_4^2 (R^2: mean of Re, Im)", s, s.first_data ? &*s.first_data : nullptr,
             "Figure A6 only (no number)", true);
  r.tables.push_back(std::move(t));
  if (s.rows.count("lreg")) {
    const double r2 = meanSd(s.rows.at("lreg"), kTestR2).first;
    r.claims.push_back({"C.4: LReg fits the vector-valued (Re Y_4^2, Im Y_4^2)",
                        "Figure A6, no number printed", "test R^2 " + r2Text(r2),
                        r2 >= 0.99 ? Verdict::Reproduced : Verdict::NotReproduced,
                        "read as test R^2 (mean of both outputs) >= 0.99; " + verdictLine(s)});
  }
  r.notes.push_back(maeLine("C.4", s));
  // The DoF ladder stops at 3 training samples per DoF of a fold (dof_select.h).
  const int largest = n_train * 4 / 5 / 3;
  std::string top;
  if (s.rows.count("lreg") && meanSd(s.rows.at("lreg"), kSize).first >= largest - 1)
    top = " The data are noiseless: the DoF search chose its largest candidate (" +
          std::to_string(largest) + ", 3 fold-training samples per DoF) on every seed.";
  if (s.first_data && s.first.count("lreg")) {
    // A cut at theta = pi / 6: cos 2 theta = 1/2, sin 2 theta = 0.87, the two parts apart.
    const int m = 361;
    Eigen::MatrixXd x(m, 2);
    for (int i = 0; i < m; ++i) x.row(i) << kPi / 6, kPi * i / (m - 1);
    const Eigen::MatrixXd t = generatorTruth("sph-harm", x);
    ReproFigure f{"c4-fit", "C.4: the cut theta = pi/6 of Y_4^2, truth and LReg",
                  "phi",    "value",
                  false,    false,
                  {}};
    const char* part[] = {"Re", "Im"};
    for (int k = 0; k < 2; ++k) {
      ReproSeries ts{std::string(part[k]) + " truth", {}, {}, {}, ReproSeries::Style::Line, false};
      for (int i = 0; i < m; ++i) {
        ts.x.push_back(x(i, 1));
        ts.y.push_back(t(i, k));
      }
      f.series.push_back(ts);
      f.series.push_back(curve(std::string(part[k]) + " LReg", s.first.at("lreg"), x, k, true));
    }
    r.figures.push_back(std::move(f));
  }
  r.notes.push_back("C.4: " + std::to_string(runs) + " seed(s), " + std::to_string(n_train) +
                    " / " + std::to_string(n_test) +
                    (c.options.quick ? " (--quick; the paper: 40,000 / 8,000)" : " as the paper") +
                    "; both outputs share one mesh (the 2D regressor's vector coefficients)." +
                    top);
}

}  // namespace lreg::repro::appc
