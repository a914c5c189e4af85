// Barbu's experiments (barbu-table3, -table4, -table5, -sim) at tiny sizes: a CSV of a few
// hundred rows through --data, a few splits, small simulation configurations.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

#include "../../../core/src/experiments/repro/barbu_sim.h"
#include "lreg/common/status.h"
#include "lreg/experiments/repro.h"
#include "lreg/experiments/repro_run_log.h"
#include "lreg/train/compare.h"

using namespace lreg;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
  const fs::path p = fs::temp_directory_path() / ("lreg_tst_barbu_" + name);
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

// 240 rows of y = sin(3 x1) + x2^2 + noise, two inputs: small enough for every net in a second.
fs::path smallCsv(const fs::path& dir) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(-1, 1);
  std::normal_distribution<double> z(0, 0.1);
  const fs::path p = dir / "small.csv";
  std::ofstream out(p);
  out.precision(12);
  for (int i = 0; i < 240; ++i) {
    const double a = u(rng), b = u(rng);
    out << a << "," << b << "," << std::sin(3 * a) + b * b + z(rng) << "\n";
  }
  return p;
}

const ReproTable& table(const ReproReport& r, const std::string& id) {
  for (const auto& t : r.tables)
    if (t.id == id) return t;
  throw std::runtime_error("no table " + id);
}

size_t column(const ReproTable& t, const std::string& name) {
  for (size_t i = 0; i < t.columns.size(); ++i)
    if (t.columns[i] == name) return i;
  throw std::runtime_error("no column " + name + " in " + t.id);
}

bool isBold(const std::string& cell) { return cell.rfind("**", 0) == 0; }

const std::vector<std::string> kLabels = {"SGD", "Adam", "Adam-L", "LBFGS", "ANMIN", "ANMIN-L"};

}  // namespace

// Table 3 on a CSV: one row per set with a cell per method, bold marks that follow the p-values
// of the t-test table, every run logged, and a second run that trains nothing.
TEST(BarbuTable3, BoldMarksFollowThePairedTestsAndASecondRunReusesTheLog) {
  const fs::path dir = scratch("t3");
  ReproOptions o;
  o.out = dir / "out";
  o.data = smallCsv(dir);
  o.splits = 3;
  const Experiment& e = findExperiment("barbu-table3");
  const ReproReport r = runExperiment(e, o);
  ASSERT_TRUE(r.status.ok()) << r.status.message;
  EXPECT_EQ(r.runs_done, 3 * 8);
  EXPECT_EQ(r.runs_reused, 0);
  for (const char* id : {"mse-train", "mse-test", "r2-train", "r2-test"}) {
    const ReproTable& t = table(r, id);
    ASSERT_EQ(t.rows.size(), 1u) << id << ": a CSV has no paper row";
    ASSERT_EQ(t.columns.size(), 2u + 6 + 2);
    for (size_t i = 0; i < kLabels.size(); ++i) EXPECT_EQ(t.columns[2 + i], kLabels[i]);
    EXPECT_EQ(t.rows[0][1], "ours, 3 splits");
  }
  // Each block's "**" marks are exactly the t-test table's "yes": the best, or p > 0.01.
  const ReproTable& tests = table(r, "ttests");
  const std::pair<const char*, const char*> blocks[] = {{"MSE train", "mse-train"},
                                                        {"MSE test", "mse-test"},
                                                        {"R^2 train", "r2-train"},
                                                        {"R^2 test", "r2-test"}};
  int rows = 0, not_bold = 0;
  for (const auto& row : tests.rows) {
    const std::string& metric = row[1];
    const ReproTable* block = nullptr;
    for (const auto& [title, id] : blocks)
      if (metric == title) block = &table(r, id);
    ASSERT_NE(block, nullptr) << metric;
    const std::string& cell = block->rows[0][column(*block, row[2])];
    const bool best = row[2] == row[3];
    const double p = std::stod(row[5]);
    EXPECT_EQ(isBold(cell), best || p > 0.01) << metric << " " << row[2] << " p " << row[5];
    EXPECT_EQ(row[6] == "yes", isBold(cell));
    not_bold += !isBold(cell);
    ++rows;
  }
  EXPECT_EQ(rows, 4 * 6);
  EXPECT_GT(not_bold, 0) << "LBFGS/SGD and the ANMINs differ on this set; some cell is not bold";
  EXPECT_GE(r.claims.size(), 2u);
  EXPECT_TRUE(fs::exists(o.out / "barbu-table3-curves-data.svg"));

  const ReproReport again = runExperiment(e, o);
  EXPECT_EQ(again.runs_reused, 3 * 8);
  EXPECT_EQ(table(again, "mse-test").rows, table(r, "mse-test").rows);
}

// The splits and seeds are `lreg compare`'s: ANMIN's and Adam's per-split train MSE in the run
// log equal compareMethods' on the same rows; Table 4 reads the same log and trains nothing.
TEST(BarbuTable3, RunsAreLreg_comparesAndTable4SharesThem) {
  const fs::path dir = scratch("t4");
  ReproOptions o;
  o.out = dir / "out";
  o.data = smallCsv(dir);
  o.splits = 2;
  runExperiment(findExperiment("barbu-table3"), o);
  RunLog log(o.out / "barbu-table3-runs.csv", findExperiment("barbu-table3").run_columns);

  Eigen::MatrixXd all(240, 3);
  {
    std::ifstream in(o.data);
    for (int i = 0; i < 240; ++i)
      for (int j = 0; j < 3; ++j) {
        in >> all(i, j);
        in.ignore(1);
      }
  }
  CompareOptions c;
  c.methods = {"anmin", "adam"};
  c.splits = 2;
  const CompareReport cmp = compareMethods(all.leftCols(2), all.rightCols(1), "small", c);
  for (const auto& run : cmp.runs) {
    const std::string key = "data=" + o.data.string() + ";split=" + std::to_string(run.split) +
                            ";seed=" + std::to_string(run.seed) + ";method=" + run.method;
    const auto* v = log.find(key);
    ASSERT_NE(v, nullptr) << key;
    EXPECT_NEAR((*v)[0], run.train_mse, 1e-9 * run.train_mse) << key;
    EXPECT_NEAR((*v)[1], run.test_mse, 1e-9 * run.test_mse) << key;
  }

  const ReproReport t4 = runExperiment(findExperiment("barbu-table4"), o);
  ASSERT_TRUE(t4.status.ok());
  EXPECT_EQ(t4.runs_done, 2 * 8);
  EXPECT_EQ(t4.runs_reused, 2 * 8) << "Table 4 counts the runs it read from Table 3's log";
  EXPECT_EQ(log.size(), RunLog(log.path(), log.columns()).size()) << "Table 4 trained again";
  const ReproTable& times = table(t4, "times");
  ASSERT_EQ(times.rows.size(), 1u);
  for (size_t i = 2; i < 2 + 6; ++i) EXPECT_NE(times.rows[0][i], "n/a") << times.columns[i];
  const ReproTable& ratios = table(t4, "ratios");
  EXPECT_EQ(ratios.rows[0][column(ratios, "ANMIN")], "1.00");
}

// Cancelled inside the fourth run (L-BFGS of split 1): three runs are logged, the report holds no
// split (an incomplete one is left out of the paired tables), and a rerun trains the rest only.
TEST(BarbuTable3, ACancelLeavesTheFinishedRunsAndTheRerunResumes) {
  const fs::path dir = scratch("t3cancel");
  ReproOptions o;
  o.out = dir / "out";
  o.data = smallCsv(dir);
  o.splits = 1;
  const Experiment& e = findExperiment("barbu-table3");
  const ReproReport c = runExperiment(e, o, [](const Progress& p) {
    return p.step < 3 || p.message.find("lbfgs: step 1 ") == std::string::npos;
  });
  EXPECT_EQ(c.status.code, StatusCode::Cancelled);
  EXPECT_EQ(RunLog(o.out / "barbu-table3-runs.csv", e.run_columns).size(), 3u);
  EXPECT_EQ(table(c, "mse-test").rows.at(0)[1], "ours, 0 splits");
  const ReproReport r = runExperiment(e, o);
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.runs_reused, 3);
  EXPECT_EQ(table(r, "mse-test").rows.at(0)[1], "ours, 1 split");
}

// Table 5: the paper's four experiments at lambda 1e-3 (with the paper's bike-sharing values)
// and at lambda 0. Each row differs from Algorithm 1 only in its switch: with no failed tau test
// the stop/restart rows equal the pseudo-inverse rows; a stopped run failed once; a restart
// follows every failure; Algorithm 1 at lambda 1e-3 is Table 3's ANMIN on the same split.
TEST(BarbuTable5, AblationRowsDifferOnlyInTheSwitchedOption) {
  const fs::path dir = scratch("t5");
  ReproOptions o;
  o.out = dir / "out";
  o.data = smallCsv(dir);
  o.splits = 2;
  const Experiment& e = findExperiment("barbu-table5");
  const ReproReport r = runExperiment(e, o);
  ASSERT_TRUE(r.status.ok()) << r.status.message;
  EXPECT_EQ(r.runs_done, 2 * 8);
  const ReproTable& t = table(r, "ablation");
  ASSERT_EQ(t.rows.size(), 8u);
  EXPECT_EQ(t.rows[0][column(t, "paper MSE train")], "8919 (4095)");
  EXPECT_EQ(t.rows[3][column(t, "paper MSE test")], "1714 (385)");
  EXPECT_EQ(t.rows[4][column(t, "paper MSE test")], "n/a");
  EXPECT_EQ(r.claims.size(), 2u);

  RunLog log(o.out / "barbu-table5-runs.csv", e.run_columns);
  for (int s = 1; s <= 2; ++s)
    for (const char* lambda : {"1e-3", "0"}) {
      const std::string base = "data=" + o.data.string() + ";split=" + std::to_string(s) +
                               ";seed=" + std::to_string(s) + ";method=anmin;lambda=" + lambda +
                               ";experiment=";
      std::vector<const std::vector<double>*> x;
      for (int k = 1; k <= 4; ++k) {
        x.push_back(log.find(base + std::to_string(k)));
        ASSERT_NE(x.back(), nullptr) << base << k;
      }
      const auto svd = [&](int k) { return (*x[static_cast<size_t>(k)])[5]; };
      const auto restarts = [&](int k) { return (*x[static_cast<size_t>(k)])[6]; };
      const auto steps = [&](int k) { return (*x[static_cast<size_t>(k)])[7]; };
      EXPECT_LE(svd(0), 1.0) << "a stopped run fails the tau test at most once";
      EXPECT_EQ(steps(0) < 30, svd(0) == 1.0);
      EXPECT_EQ(restarts(1), svd(1)) << "every failed test of experiment 2 draws A again";
      EXPECT_EQ(restarts(2) + restarts(3), 0.0);
      EXPECT_EQ(steps(2), 30.0);
      // No failure: stop = pinv without keep-best, restart = pinv with keep-best, in every value
      // but the times (columns 4 and t_*).
      const auto untimed = [&](int k) {
        std::vector<double> v = *x[static_cast<size_t>(k)];
        v[4] = 0;
        for (size_t i = 8 + 11; i < 8 + 22; ++i) v[i] = 0;
        return v;
      };
      if (svd(2) == 0) {
        EXPECT_EQ(untimed(0), untimed(2));
        EXPECT_EQ(untimed(1), untimed(3));
      }
    }
  // Experiment 4 at lambda 1e-3 = Table 3's ANMIN on the same split and seed.
  runExperiment(findExperiment("barbu-table3"), o);
  RunLog t3(o.out / "barbu-table3-runs.csv", findExperiment("barbu-table3").run_columns);
  for (int s = 1; s <= 2; ++s) {
    const std::string k3 = "data=" + o.data.string() + ";split=" + std::to_string(s) +
                           ";seed=" + std::to_string(s) + ";method=anmin";
    ASSERT_NE(t3.find(k3), nullptr);
    EXPECT_NEAR((*t3.find(k3))[0], (*log.find(k3 + ";lambda=1e-3;experiment=4"))[0], 1e-9);
  }
}

// The simulation on small configurations: one table row per (d, N), Figure 8's series sorted by
// decreasing test MSE and holding each run's logged value, bold marks that follow the p-value.
TEST(BarbuSim, SortedFiguresHoldTheLoggedRunsAndBoldFollowsTheTest) {
  const fs::path dir = scratch("sim");
  ReproOptions o;
  o.out = dir;
  RunLog log(dir / "barbu-sim-runs.csv", findExperiment("barbu-sim").run_columns);
  const std::vector<repro::SimConfig> configs = {{1, 200}, {3, 200}};
  int calls = 0;
  const ReproReport r = repro::runBarbuSim(o, configs, 3, log, [&](const Progress& p) {
    ++calls;
    EXPECT_LE(p.step, 2 * 3 * 3);
    return true;
  });
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.runs_done, 2 * 3 * 3);
  EXPECT_GT(calls, r.runs_done) << "progress is reported inside the runs too";
  const ReproTable& t = table(r, "mse");
  ASSERT_EQ(t.rows.size(), 2u);
  for (const auto& row : t.rows) {
    const double p = std::stod(row[column(t, "p (test)")]);
    const bool a = isBold(row[column(t, "ANMIN test")]), b = isBold(row[column(t, "Adam test")]);
    EXPECT_TRUE(a || b);
    EXPECT_EQ(a && b, p > 0.01) << row[0];
  }
  ASSERT_EQ(r.figures.size(), 4u);
  const ReproFigure& fig8 = r.figures[1];
  EXPECT_EQ(fig8.id, "fig8-d1-n200");
  const ReproSeries& test = fig8.series.at(0);
  ASSERT_EQ(test.name, "ANMIN test");
  ASSERT_EQ(test.y.size(), 3u);
  for (size_t i = 1; i < test.y.size(); ++i) EXPECT_GE(test.y[i - 1], test.y[i]);
  std::vector<double> logged;
  for (int k = 1; k <= 3; ++k)
    logged.push_back((*log.find("d=1;n=200;run=" + std::to_string(k) +
                                ";seed=" + std::to_string(k) + ";method=anmin"))[1]);
  std::sort(logged.rbegin(), logged.rend());
  EXPECT_EQ(test.y, logged);
  EXPECT_EQ(r.figures[0].series.at(0).x.size(), static_cast<size_t>(repro::kSimCheckpoints) + 1);

  // Cancelled after 4 runs: the report holds the complete runs only, and a rerun resumes.
  const fs::path dir2 = scratch("sim_cancel");
  RunLog log2(dir2 / "barbu-sim-runs.csv", findExperiment("barbu-sim").run_columns);
  const ReproReport c = repro::runBarbuSim(o, configs, 3, log2, [](const Progress& p) {
    return p.step < 4 || p.message.find("step") != std::string::npos;
  });
  EXPECT_EQ(c.status.code, StatusCode::Cancelled);
  EXPECT_EQ(log2.size(), 4u);
  EXPECT_EQ(table(c, "mse").rows.at(0)[column(table(c, "mse"), "runs")], "1");
  const ReproReport resumed = repro::runBarbuSim(o, configs, 3, log2, {});
  EXPECT_EQ(log2.reused(), 4);
  const auto untimed = [&](std::vector<std::vector<std::string>> rows) {  // runs differ in time
    for (auto& row : rows) row[column(t, "ANMIN s")] = row[column(t, "Adam s")] = "";
    return rows;
  };
  EXPECT_EQ(untimed(table(resumed, "mse").rows), untimed(t.rows));
}

TEST(BarbuSim, DataSelectsConfigurationsAndBadOnesAreNamed) {
  const auto c = repro::parseSimConfigs("1:1000,30:10000");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[1].d, 30);
  EXPECT_EQ(c[1].n, 10000);
  for (const char* bad : {"", "3", "3:", "a:100", "0:100", "3:100x", "1:1000,,3:10"}) {
    try {
      repro::parseSimConfigs(bad);
      ADD_FAILURE() << "accepted \"" << bad << "\"";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("d:N"), std::string::npos) << e.what();
    }
  }
}
