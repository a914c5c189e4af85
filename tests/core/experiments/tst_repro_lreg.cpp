// The LReg paper's experiments (scaling, table1, figure4, model-selection) at tiny sizes, and
// their shared pieces.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <numbers>
#include <random>

#include "figure4.h"
#include "lreg/experiments/repro.h"
#include "lreg/experiments/repro_output.h"
#include "model_selection.h"
#include "repro_fits.h"
#include "repro_stats.h"
#include "scaling.h"
#include "table1.h"

using namespace lreg;
using namespace lreg::repro;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
  const fs::path p = fs::temp_directory_path() / ("lreg_tst_repro_lreg_" + name);
  fs::remove_all(p);
  return p;
}

const ReproTable& table(const ReproReport& r, const std::string& id) {
  for (const auto& t : r.tables)
    if (t.id == id) return t;
  throw std::runtime_error("no table " + id);
}

// y = sin(2 pi x) on [0, 1], noiseless: smooth, so P1 interpolation errors fall as N^-2.
std::shared_ptr<const Dataset> smooth1d(int n) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0, 1);
  auto d = std::make_shared<Dataset>();
  d->name = "smooth";
  for (auto* m : {&d->x_train, &d->x_test}) {
    const int rows = m == &d->x_train ? n : n / 4;
    m->resize(rows, 1);
    for (int i = 0; i < rows; ++i) (*m)(i, 0) = u(rng);
  }
  d->y_train = (2 * std::numbers::pi * d->x_train.array()).sin().matrix();
  d->y_test = (2 * std::numbers::pi * d->x_test.array()).sin().matrix();
  d->truth_test = d->y_test;
  d->domain_lo = Eigen::VectorXd::Zero(1);
  d->domain_hi = Eigen::VectorXd::Ones(1);
  return d;
}

}  // namespace

TEST(ReproStats, SlopeOfAPowerLawAndItsInterval) {
  std::vector<double> x, y, noisy;
  std::mt19937_64 rng(3);
  std::normal_distribution<double> e(0, 0.05);
  for (int i = 0; i < 20; ++i) {
    x.push_back(8 * std::pow(2.0, i / 3.0));
    y.push_back(3 * std::pow(x.back(), -1.5));
    noisy.push_back(y.back() * std::exp(e(rng)));
  }
  const SlopeFit exact = logLogSlope(x, y);
  EXPECT_NEAR(exact.slope, -1.5, 1e-12);
  EXPECT_NEAR(std::exp(exact.intercept), 3, 1e-9);
  EXPECT_NEAR(exact.ci_high - exact.ci_low, 0, 1e-9);
  const SlopeFit f = logLogSlope(x, noisy);
  EXPECT_LT(f.ci_low, -1.5);
  EXPECT_GT(f.ci_high, -1.5);
  EXPECT_LT(f.ci_high - f.ci_low, 0.2);
  EXPECT_NEAR(studentQuantile(0.95, 10), 2.228, 1e-3);
  EXPECT_TRUE(std::isnan(logLogSlope({1, 2}, {1, 2}).slope));  // two points: no interval
  const MeanSd m = meanSd({1, 2, 3, NAN});
  EXPECT_EQ(m.n, 3);
  EXPECT_DOUBLE_EQ(m.mean, 2);
  EXPECT_DOUBLE_EQ(m.sd, 1);
}

TEST(ReproScaling, NoiselessSmoothTargetFallsAsNToTheMinusTwo) {
  const auto data = smooth1d(4000);
  std::vector<double> n, mae;
  for (int dof : {12, 24, 48, 96}) {
    FitSettings s;
    s.dof = dof;
    const FitResult f = fitMethod("mrc", data, s);
    EXPECT_EQ(f.dof, dof);
    EXPECT_EQ(f.elements, dof - 1);
    n.push_back(f.dof);
    mae.push_back(f.test.mae);
  }
  const SlopeFit fit = logLogSlope(n, mae);
  EXPECT_NEAR(fit.slope, -2, 0.25) << "P1 interpolation of a smooth target";
}

TEST(ReproScaling, PlanSetsAndTheExperimentReusesItsLog) {
  const ScalingPlan full = scalingPlan(1, false, 0);
  EXPECT_EQ(full.dofs.size(), 32u) << "the paper's 32 runs";
  EXPECT_EQ(scalingPlan(2, true, 3).dofs.size(), 3u);
  const Dataset noiseless = scalingData(1, false, 500, 100, 4);
  EXPECT_EQ((noiseless.y_test - *noiseless.truth_test).norm(), 0);
  const Dataset noisy = scalingData(2, true, 4000, 100, 4);
  const double sd = std::sqrt((noisy.y_test - *noisy.truth_test).squaredNorm() / 100);
  EXPECT_NEAR(sd, kScalingNoiseSd, 0.004);
  EXPECT_GT(noisy.x_train.maxCoeff(), 30);  // one period: x / 2 pi up to 2 pi

  ReproOptions o;
  o.quick = true;
  o.runs = 3;
  o.out = scratch("scaling");
  const Experiment& e = findExperiment("scaling");
  const ReproReport r = runExperiment(e, o);
  EXPECT_TRUE(r.status.ok());
  EXPECT_EQ(r.runs_done, 12);
  ASSERT_EQ(r.claims.size(), 4u);
  for (const auto& c : r.claims) EXPECT_FALSE(c.reason.empty()) << c.claim;
  ASSERT_EQ(r.figures.size(), 4u);
  EXPECT_TRUE(r.figures[0].log_x && r.figures[0].log_y);
  EXPECT_EQ(table(r, "per-run").rows.size(), 12u);
  // A noiseless run's MAE against its targets is its MAE against the truth.
  for (const auto& row : table(r, "per-run").rows)
    if (row[1] == "noiseless") {
      EXPECT_EQ(row[5], row[6]);
    }
  const ReproReport again = runExperiment(e, o);
  EXPECT_EQ(again.runs_reused, 12);
  EXPECT_EQ(toJson(again)["claims"], toJson(r)["claims"]);
}

TEST(ReproTable1, OneRowPerMethodAndSetWithThePapersValues) {
  EXPECT_EQ(paperTable1().size(), 11u);
  EXPECT_EQ(paperTable1().back().method, "LReg");
  EXPECT_EQ(paperTable1().back().test[0], 1.0);
  ReproOptions o;
  o.quick = true;
  o.runs = 1;
  o.out = scratch("table1");
  const Experiment& e = findExperiment("table1");
  const ReproReport r = runExperiment(e, o);
  const ReproTable& t = table(r, "r2");
  ASSERT_EQ(t.rows.size(), 4 * fitMethods().size());
  for (const auto& row : t.rows) {
    if (row[1] == fitMethodLabel("mrc") && row[0] == "A1") {
      EXPECT_EQ(row[6], "1.000");
    }
    if (row[1] == fitMethodLabel("ols") && row[0] == "B2") {
      EXPECT_EQ(row[6], "0.984");
    }
    if (row[1] == fitMethodLabel("knn")) {
      EXPECT_EQ(row[6], "-");
    }
  }
  // A1: the printed 1.0 is above what the noise allows (0.971).
  bool a1 = false;
  for (const auto& c : r.claims)
    if (c.claim == "LReg test R^2 on A1") {
      a1 = true;
      EXPECT_EQ(c.verdict, Verdict::Differs);
      EXPECT_NE(c.reason.find("exceeds the noise ceiling"), std::string::npos) << c.reason;
    }
  EXPECT_TRUE(a1);
  EXPECT_EQ(table(r, "paper").rows.size(), paperTable1().size() + 1);
  const ReproReport again = runExperiment(e, o);
  EXPECT_EQ(again.runs_reused, static_cast<int>(t.rows.size()));
}

TEST(ReproFigure4, SetsCeilingsAndTheLRegFitsTheMultiFrequencySet) {
  const Dataset a = figure4Data("A", 4000, 1000, 2);
  EXPECT_NEAR(*a.noise_ceiling_r2, 0.5, 0.01);  // Var sin 8x = E cos^2 8x = 1/2
  EXPECT_GE(a.x_train.minCoeff(), 0);
  EXPECT_LE(a.x_train.maxCoeff(), std::numbers::pi / 4);
  const Dataset c = figure4Data("C", 500, 100, 2);
  EXPECT_LT(*c.noise_ceiling_r2, 1);
  EXPECT_GT(*c.noise_ceiling_r2, 0.99);
  EXPECT_THROW(figure4Data("D", 10, 10, 1), InputError);
  const Eigen::MatrixXd g = figure4Grid("B", 50);
  EXPECT_DOUBLE_EQ(g(0, 0), 0.02);
  EXPECT_DOUBLE_EQ(g(49, 0), 0.5);
  for (int i = 1; i < 50; ++i) EXPECT_GT(g(i, 0), g(i - 1, 0));

  auto b = std::make_shared<const Dataset>(figure4Data("B", 2000, 400, 1));
  FitSettings s;
  const FitResult lreg = fitMethod("mrc", b, s, &g);
  EXPECT_GT(lreg.test.r2, 0.99);
  EXPECT_EQ(lreg.grid.rows(), 50);
  EXPECT_LT((lreg.grid - figure4Truth("B", g)).cwiseAbs().maxCoeff(), 0.3);
}

TEST(ReproModelSelection, SharpSetsAndAutoWithinTheMarginOfTunedKnn) {
  const Dataset d1 = sharpData("sharp1d", 3000, 1000, 5);
  const Dataset d1b = sharpData("sharp1d", 3000, 1000, 5);
  EXPECT_EQ(d1.y_train, d1b.y_train);
  const double sd = std::sqrt((d1.y_test - *d1.truth_test).squaredNorm() / 1000);
  EXPECT_NEAR(sd, 0.1, 0.01);
  EXPECT_EQ(sharpData("sharp2d", 100, 10, 1).inputs(), 2);
  EXPECT_THROW(sharpData("sharp3d", 10, 10, 1), InputError);
  EXPECT_EQ(knnMargin(1), 0.007);

  auto data = std::make_shared<const Dataset>(d1);
  FitSettings s;
  s.seed = 5;
  const FitResult a = fitMethod("mrc-auto", data, s), k = fitMethod("knn", data, s);
  EXPECT_NE(a.dof, 64) << "the DoF was not selected";
  EXPECT_GE(a.test.r2, k.test.r2 - knnMargin(1));
}

TEST(ReproLReg, RegisteredInThePapersOrder) {
  const auto& all = experiments();
  ASSERT_GE(all.size(), 4u);
  EXPECT_EQ(all[0].name, "scaling");
  EXPECT_EQ(all[1].name, "table1");
  EXPECT_EQ(all[2].name, "figure4");
  EXPECT_EQ(all[3].name, "model-selection");
  EXPECT_THROW(fitMethod("svr", smooth1d(100), {}), InputError);
}

TEST(ReproLReg, ACancelStopsAfterTheRunInHandAndKeepsWhatItFinished) {
  ReproOptions o;
  o.quick = true;
  o.runs = 3;
  o.out = scratch("cancel");
  const Experiment& e = findExperiment("scaling");
  int total = 0;
  const ReproReport r = runExperiment(e, o, [&](const Progress& p) {
    total = p.total;
    return p.step < 2;
  });
  EXPECT_EQ(r.status.code, StatusCode::Cancelled);
  EXPECT_EQ(total, 12);  // 2 dimensions x 2 variants x 3 DoFs
  EXPECT_EQ(r.runs_done, 2);
  EXPECT_EQ(table(r, "per-run").rows.size(), 2u);
  const ReproReport resumed = runExperiment(e, o);
  EXPECT_TRUE(resumed.status.ok());
  EXPECT_EQ(resumed.runs_reused, 2);
  EXPECT_EQ(resumed.runs_done, 12);
}

TEST(ReproModelSelection, RunsOnAUsersFileAndRefusesOneWithThreeInputs) {
  const fs::path dir = scratch("file");
  fs::create_directories(dir);
  const Dataset d = sharpData("sharp1d", 800, 0, 3);
  {
    std::ofstream out(dir / "mine.csv");
    out << "x,y\n";
    for (int i = 0; i < 800; ++i) out << d.x_train(i, 0) << "," << d.y_train(i, 0) << "\n";
    std::ofstream three(dir / "three.csv");
    three << "a,b,c,y\n";
    for (int i = 0; i < 50; ++i) three << i << "," << i % 7 << "," << i % 5 << "," << i << "\n";
  }
  ReproOptions o;
  o.runs = 1;
  o.data = dir / "mine.csv";
  o.out = dir / "out";
  const ReproReport r = runExperiment(findExperiment("model-selection"), o);
  ASSERT_EQ(table(r, "builtin").rows.size(), 1u);
  EXPECT_EQ(table(r, "builtin").rows[0][0], "mine.csv");
  EXPECT_EQ(table(r, "knn").rows.size(), 1u);
  EXPECT_EQ(table(r, "knn").rows[0][2], "640 / 160");  // the file split 80/20
  EXPECT_EQ(r.claims.size(), 2u);
  o.data = dir / "three.csv";
  EXPECT_THROW(runExperiment(findExperiment("model-selection"), o), InputError);
}
