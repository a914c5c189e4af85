#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "lreg/common/status.h"
#include "lreg/experiments/repro.h"
#include "lreg/experiments/repro_output.h"
#include "lreg/experiments/repro_run_log.h"

using namespace lreg;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
  const fs::path p = fs::temp_directory_path() / ("lreg_tst_repro_" + name);
  fs::remove_all(p);
  return p;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// An experiment of three runs, each x -> x^2, whose run function counts its calls.
Experiment squares(int* computed) {
  Experiment e;
  e.name = "squares";
  e.claim = "y = x^2";
  e.paper = "none";
  e.run_columns = {"x", "y"};
  e.run = [computed](const ReproOptions& o, RunLog& log, const ProgressFn& progress) {
    ReproReport r;
    r.title = "Squares";
    ReproSeries s{"x^2", {}, {}, {}, ReproSeries::Style::LinePoints, true};
    const int n = o.runs ? o.runs : 3;
    for (int i = 1; i <= n; ++i) {
      const auto v = log.get("x=" + std::to_string(i), [&] {
        ++*computed;
        return std::vector<double>{double(i), double(i * i)};
      });
      s.x.push_back(v[0]);
      s.y.push_back(v[1]);
      ++r.runs_done;
      if (!report(progress, {i, n, 0, ""})) {
        r.status = Status::cancelled();
        break;
      }
    }
    r.figures.push_back({"curve", "Squares", "x", "y", false, true, {s}});
    r.tables.push_back({"values", "Values", {"x", "y"}, {}});
    for (size_t i = 0; i < s.x.size(); ++i)
      r.tables[0].rows.push_back({fmtNumber(s.x[i], 0), fmtNumber(s.y[i], 0)});
    r.claims.push_back({"y = x^2", "exact", "exact", Verdict::Reproduced, "by construction"});
    return r;
  };
  return e;
}

}  // namespace

TEST(RunLog, AppendedRowsAreReadBackAndACutLastLineIsDropped) {
  const fs::path dir = scratch("log");
  {
    RunLog log(dir / "a-runs.csv", {"mae", "seconds"});
    log.append("seed=1", {0.5, 1.25});
    log.append("seed=2", {NAN, 2});
  }
  {  // a kill in the middle of a write
    std::ofstream out(dir / "a-runs.csv", std::ios::app);
    out << "seed=3,0.7";
  }
  RunLog log(dir / "a-runs.csv", {"mae", "seconds"});
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ((*log.find("seed=1"))[1], 1.25);
  EXPECT_TRUE(std::isnan((*log.find("seed=2"))[0]));
  EXPECT_EQ(log.find("seed=3"), nullptr);
  log.append("seed=3", {0.7, 3});  // on its own line, not glued to the cut one
  RunLog again(dir / "a-runs.csv", {"mae", "seconds"});
  EXPECT_EQ(again.size(), 3u);
  EXPECT_EQ((*again.find("seed=3"))[0], 0.7);
}

TEST(RunLog, AnotherHeaderAMalformedRowAndBadKeysAreRefusedByName) {
  const fs::path dir = scratch("bad");
  { RunLog log(dir / "b-runs.csv", {"mae"}); }
  try {
    RunLog other(dir / "b-runs.csv", {"mse"});
    FAIL() << "a log with another header was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("row 1"), std::string::npos) << e.what();
  }
  {
    std::ofstream out(dir / "b-runs.csv", std::ios::app);
    out << "seed=1,abc\nseed=2,1\n";
  }
  try {
    RunLog log(dir / "b-runs.csv", {"mae"});
    FAIL() << "a row with a non-number was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("row 2, column mae"), std::string::npos) << e.what();
  }
  RunLog log(dir / "c-runs.csv", {"mae"});
  EXPECT_THROW(log.append("a,b", {1}), InputError);
  EXPECT_THROW(log.append("a", {1, 2}), InputError);
  log.append("a", {1});
  EXPECT_THROW(log.append("a", {1}), InputError);
}

TEST(ReproReport, JsonRoundTripKeepsEveryField) {
  int computed = 0;
  const fs::path dir = scratch("json");
  ReproOptions o;
  o.out = dir;
  const ReproReport r = runExperiment(squares(&computed), o);
  const ReproReport back = reportFromJson(toJson(r));
  EXPECT_EQ(toJson(back), toJson(r));
  EXPECT_EQ(back.figures.at(0).series.at(0).y, (std::vector<double>{1, 4, 9}));
  EXPECT_TRUE(back.figures[0].log_y);
  EXPECT_EQ(back.claims.at(0).verdict, Verdict::Reproduced);
  nlohmann::json broken = toJson(r);
  broken["tables"][0]["rows"][0].push_back("extra");
  EXPECT_THROW(reportFromJson(broken), InputError);
  broken = toJson(r);
  broken["claims"][0]["verdict"] = "maybe";
  EXPECT_THROW(reportFromJson(broken), InputError);
}

TEST(ReproRun, WritesItsFilesAndASecondRunReusesTheLoggedRuns) {
  int computed = 0;
  const fs::path dir = scratch("run");
  ReproOptions o;
  o.out = dir;
  o.runs = 2;
  Experiment e = squares(&computed);
  ReproReport r = runExperiment(e, o);
  EXPECT_EQ(computed, 2);
  EXPECT_EQ(r.runs_reused, 0);
  for (const char* f : {"squares.md", "squares.json", "squares-values.csv", "squares-curve.svg",
                        "squares-runs.csv"})
    EXPECT_TRUE(fs::exists(dir / f)) << f;
  EXPECT_NE(slurp(dir / "squares.md").find("**reproduced**"), std::string::npos);
  EXPECT_EQ(slurp(dir / "squares-values.csv"), "x,y\n1,1\n2,4\n");
  const std::string svg = slurp(dir / "squares-curve.svg");
  EXPECT_NE(svg.find("<path d=\"M"), std::string::npos);
  EXPECT_EQ(svg.find("nan"), std::string::npos);
  o.runs = 3;
  r = runExperiment(e, o);
  EXPECT_EQ(computed, 3) << "the two logged runs were computed again";
  EXPECT_EQ(r.runs_reused, 2);
  EXPECT_EQ(readReport(dir, "squares").tables[0].rows.size(), 3u);
}

TEST(ReproRun, ACancelledRunKeepsWhatItFinishedAndResumes) {
  int computed = 0;
  const fs::path dir = scratch("cancel");
  ReproOptions o;
  o.out = dir;
  o.runs = 4;
  Experiment e = squares(&computed);
  const ReproReport r = runExperiment(e, o, [](const Progress& p) { return p.step < 2; });
  EXPECT_EQ(r.status.code, StatusCode::Cancelled);
  EXPECT_EQ(r.runs_done, 2);
  EXPECT_NE(slurp(dir / "squares.md").find("Incomplete"), std::string::npos);
  runExperiment(e, o);
  EXPECT_EQ(computed, 4);
}

TEST(ReproFormat, NumbersAndMissingValues) {
  EXPECT_EQ(fmtNumber(0.99851, 4), "0.9985");
  EXPECT_EQ(fmtNumber(NAN), "n/a");
  EXPECT_EQ(fmtMeanSd(0.26881, 0.11019, 4), "0.2688 ± 0.1102");
  EXPECT_EQ(fmtNumber(1.5e-5, 3), "1.50e-05");
}

TEST(ReproRegistry, AnUnknownNameListsTheKnownOnes) {
  EXPECT_THROW(findExperiment("no-such-experiment"), InputError);
  ReproOptions o;  // no --out
  int computed = 0;
  EXPECT_THROW(runExperiment(squares(&computed), o), InputError);
}
