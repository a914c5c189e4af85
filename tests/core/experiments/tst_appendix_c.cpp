// The appendix-c experiment (core/src/experiments/repro/appendix_c*.cpp): its sections write one
// run-log row per fit, a second invocation reads them back, and a cancel keeps what is done.
#include <gtest/gtest.h>

#include <filesystem>

#include "appendix_c.h"
#include "lreg/data/generators.h"
#include "lreg/experiments/repro.h"
#include "lreg/experiments/repro_run_log.h"

using namespace lreg;
using namespace lreg::repro::appc;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
  const fs::path p = fs::temp_directory_path() / ("lreg_tst_appendix_c_" + name);
  fs::remove_all(p);
  return p;
}

Dataset tiny(std::uint64_t seed) {
  GenOptions g;
  g.seed = seed;
  g.n_train = 300;
  g.n_test = 100;
  return generate("noisy-sin", g);
}

}  // namespace

TEST(AppendixC, ASectionLogsOneRowPerFitAndASecondRunReadsThemBack) {
  const fs::path dir = scratch("section");
  ReproOptions o;
  o.out = dir;
  o.runs = 2;
  int made = 0;
  const MakeData make = [&](std::uint64_t seed) {
    ++made;
    return tiny(seed);
  };
  std::vector<std::vector<double>> first;
  {
    RunLog log(dir / "t-runs.csv", runColumns());
    ReproReport r;
    Context c(o, log, {}, r);
    const SectionRuns s = runSection(c, "tiny", {"lreg", "fixed", "knn"}, make, {}, 2);
    EXPECT_EQ(log.size(), 6u);
    EXPECT_EQ(r.runs_done, 6);
    EXPECT_EQ(made, 2);  // one data set per seed
    ASSERT_EQ(s.rows.at("lreg").size(), 2u);
    // The fixed mesh has the LReg fit's DoF; every fit beats predicting the mean.
    EXPECT_EQ(s.rows.at("fixed")[1][kSize], s.rows.at("lreg")[1][kSize]);
    for (const auto& m : {"lreg", "fixed", "knn"}) EXPECT_GT(s.rows.at(m)[0][kTestR2], 0.8) << m;
    EXPECT_TRUE(std::isnan(s.rows.at("knn")[0][kR2Step4]));
    EXPECT_FALSE(std::isnan(s.rows.at("lreg")[0][kR2Step4]));
    ASSERT_TRUE(s.first.count("knn") && s.first_data);
    first = s.rows.at("lreg");
  }
  RunLog log(dir / "t-runs.csv", runColumns());
  ReproReport r;
  Context c(o, log, {}, r);
  const SectionRuns s = runSection(c, "tiny", {"lreg", "fixed", "knn"}, make, {}, 2);
  EXPECT_EQ(log.reused(), 6);
  EXPECT_EQ(log.size(), 6u);
  ASSERT_EQ(s.rows.at("lreg").size(), first.size());
  for (size_t i = 0; i < first.size(); ++i)  // the logged values, seconds included (no refit)
    for (int col : {kTestR2, kTestMae, kSize, kSeconds, kR2Step4})
      EXPECT_EQ(s.rows.at("lreg")[i][static_cast<size_t>(col)], first[i][static_cast<size_t>(col)]);
  // Only the first seed's data are made again, to redraw its fits at their logged DoF and k.
  EXPECT_EQ(made, 3);
  ASSERT_TRUE(s.first.count("lreg") && s.first.count("knn"));
  const Eigen::MatrixXd p = s.first.at("lreg")(s.first_data->x_test);
  EXPECT_EQ(p.rows(), 100);
}

TEST(AppendixC, AModelAtAFixedDofAndAnUnknownModel) {
  const Dataset d = tiny(1);
  const Fit f = fitModel("lreg@12", d, {});
  EXPECT_EQ(f.row[kSize], 12);
  EXPECT_EQ(fitModel("fixed@12", d, {}).row[kSize], 12);
  EXPECT_THROW(fitModel("fixed", d, {}), InputError);  // the fixed mesh needs a DoF
  EXPECT_THROW(fitModel("mlp", d, {}), InputError);
}

TEST(AppendixC, ASectionRunsAloneWithItsOwnLog) {
  const fs::path dir = scratch("c2");
  ReproOptions o;
  o.out = dir;
  o.runs = 1;
  const ReproReport r = runExperiment(findExperiment("appendix-c2"), o);
  EXPECT_TRUE(r.status.ok()) << r.status.message;
  EXPECT_EQ(r.runs_done, 6);  // two readings x LReg, fixed mesh, k-NN
  ASSERT_EQ(r.claims.size(), 1u);
  EXPECT_EQ(r.claims[0].verdict, Verdict::Reproduced) << r.claims[0].ours;
  ASSERT_EQ(r.tables.size(), 1u);
  EXPECT_EQ(r.tables[0].id, "c2-fits");
  EXPECT_EQ(RunLog(dir / "appendix-c2-runs.csv", runColumns()).size(), 6u);
  EXPECT_TRUE(fs::exists(dir / "appendix-c2-c2-fit.svg"));
}

TEST(AppendixC, TheExperimentIsRegisteredAndACancelKeepsTheFinishedRuns) {
  const Experiment& e = findExperiment("appendix-c");
  EXPECT_EQ(e.run_columns, runColumns());
  const fs::path dir = scratch("cancel");
  ReproOptions o;
  o.out = dir;
  o.quick = true;
  const ReproReport r = runExperiment(e, o, [](const Progress& p) { return p.step < 1; });
  EXPECT_EQ(r.status.code, StatusCode::Cancelled);
  EXPECT_EQ(r.runs_done, 1);
  RunLog log(dir / "appendix-c-runs.csv", runColumns());
  ASSERT_EQ(log.size(), 1u);
  const auto* row = log.find("c1;cells=16;n=2500/500;model=lreg;seed=1");
  ASSERT_NE(row, nullptr);
  EXPECT_GT((*row)[kPartR2], 0.99);
  EXPECT_TRUE(fs::exists(dir / "appendix-c.md"));
  // The solver's mesh study is in the report even when cancelled: order 2 on the paper's problem.
  const ReproTable* mesh = nullptr;
  for (const auto& t : r.tables)
    if (t.id == "c1-mesh") mesh = &t;
  ASSERT_NE(mesh, nullptr);
  EXPECT_NEAR(std::stod(mesh->rows.at(1).at(6)), 2.0, 0.05);

  // A cancel while the PDE data are solved fits nothing and logs nothing.
  const fs::path early = scratch("cancel-early");
  o.out = early;
  const ReproReport none = runExperiment(e, o, [](const Progress&) { return false; });
  EXPECT_EQ(none.status.code, StatusCode::Cancelled);
  EXPECT_EQ(none.runs_done, 0);
  EXPECT_EQ(RunLog(early / "appendix-c-runs.csv", runColumns()).size(), 0u);
}
