// Table jobs: the worker pretrains the frozen classifier on the training rows of a (gzipped) CSV,
// saves it, hands its features and logits to the head, and reuses it when the job resumes.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

#include "lreg/data/csv.h"
#include "lreg/jobs/job_runner.h"
#include "lreg/jobs/pretrained_data.h"
#include "lreg/models/model.h"

using namespace lreg;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("lreg_tst_pretrained_" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

// Three classes on rings (4 columns: x, y and two noise columns), the class last.
std::string ringsCsv(int n) {
  std::mt19937_64 rng(5);
  std::normal_distribution<double> noise(0.0, 0.1);
  std::uniform_real_distribution<double> angle(0.0, 6.283185307179586);
  std::ostringstream s;
  s.precision(10);
  for (int i = 0; i < n; ++i) {
    const int c = i % 3;
    const double r = 1.0 + c + noise(rng), a = angle(rng);
    s << r * std::cos(a) << ',' << r * std::sin(a) << ',' << noise(rng) << ',' << noise(rng) << ','
      << c << '\n';
  }
  return s.str();
}

void writeGzip(const fs::path& p, const std::string& text) {
  gzFile g = gzopen(p.string().c_str(), "wb");
  ASSERT_NE(g, nullptr);
  ASSERT_EQ(gzwrite(g, text.data(), static_cast<unsigned>(text.size())),
            static_cast<int>(text.size()));
  gzclose(g);
}

JobSpec tableSpec(const fs::path& dir, const std::string& table) {
  return parseJobSpec(nlohmann::json::parse(R"({"format": "lreg-job", "version": 1,
    "kind": "lreg-connection", "name": "rings",
    "data": {"table": ")" + table + R"(", "pretrain": {"hidden": 16, "epochs": 200, "lr": 0.01}},
    "options": {"components": 4, "nodes": 6, "epochs": 3, "seed": 1}, "device": "cpu"})"),
                      dir);
}

std::vector<nlohmann::json> events(const std::string& out) {
  std::vector<nlohmann::json> v;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) v.push_back(nlohmann::json::parse(line));
  return v;
}

const nlohmann::json* find(const std::vector<nlohmann::json>& ev, const std::string& name) {
  for (const auto& e : ev)
    if (e.at("event") == name) return &e;
  return nullptr;
}

}  // namespace

TEST(PretrainedData, GzippedCsvReadsLikeThePlainFile) {
  const fs::path d = scratch("gz");
  const std::string text = ringsCsv(30);
  std::ofstream(d / "t.csv") << text;
  writeGzip(d / "t.csv.gz", text);
  EXPECT_EQ(readCsv((d / "t.csv.gz").string()).values, readCsv((d / "t.csv").string()).values);
  std::ofstream(d / "plain.csv.gz") << text;  // named .gz, not compressed
  try {
    readCsv((d / "plain.csv.gz").string());
    FAIL() << "a plain file named .gz was read";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("not a gzip file"), std::string::npos) << e.what();
  }
}

TEST(PretrainedData, TableJobPretrainsSavesAndReusesTheFrozenClassifier) {
  const fs::path d = scratch("run");
  writeGzip(d / "rings.csv.gz", ringsCsv(600));
  const JobSpec spec = tableSpec(d, "rings.csv.gz");
  std::ostringstream out;
  JobEvents ev(out);
  std::atomic<bool> stop{false};
  ASSERT_EQ(runJob(spec, d / "run", ev, stop), JobExit::Finished) << out.str();
  const auto first = events(out.str());
  const nlohmann::json* pre = find(first, "pretrained");
  ASSERT_NE(pre, nullptr) << out.str();
  EXPECT_FALSE(pre->at("reused").get<bool>());
  EXPECT_GT(pre->at("val_acc").get<double>(), 0.9);  // rings: beyond any linear model (~1/3)
  // The head starts at the frozen model: the frozen numbers in final.json are the classifier's.
  std::ifstream f(d / "run" / "final.json");
  const nlohmann::json final = nlohmann::json::parse(f);
  EXPECT_NEAR(final.at("frozen").at("val_loss").get<double>(), pre->at("val_loss").get<double>(),
              1e-9);
  EXPECT_EQ(final.at("pretrain").at("hidden"), 16);
  EXPECT_EQ(final.at("n_val").get<int>(), 120);
  // The saved classifier is a model file of the project: 4 inputs, 3 logits.
  const auto model = loadModel((d / "run" / "frozen-mlp.json").string());
  EXPECT_EQ(model->inputs(), 4);
  EXPECT_EQ(model->outputs(), 3);

  std::ostringstream again;
  JobEvents ev2(again);
  ASSERT_EQ(runJob(spec, d / "run", ev2, stop), JobExit::Finished) << again.str();
  const auto second = events(again.str());
  const nlohmann::json* reused = find(second, "pretrained");
  ASSERT_NE(reused, nullptr);
  EXPECT_TRUE(reused->at("reused").get<bool>());
  EXPECT_NEAR(reused->at("val_loss").get<double>(), pre->at("val_loss").get<double>(), 1e-12);
}

TEST(PretrainedData, ALabelThatIsNoClassIndexFailsNamingTheLine) {
  const fs::path d = scratch("bad");
  std::ofstream(d / "bad.csv") << "a,b,class\n0,1,0\n1,0,1\n2,2,1.5\n3,1,0\n";
  std::ostringstream out;
  JobEvents ev(out);
  std::atomic<bool> stop{false};
  EXPECT_EQ(runJob(tableSpec(d, "bad.csv"), d / "run", ev, stop), JobExit::BadInput);
  const auto all = events(out.str());
  const nlohmann::json* failed = find(all, "failed");
  ASSERT_NE(failed, nullptr) << out.str();
  const std::string m = failed->at("message").get<std::string>();
  EXPECT_NE(m.find("bad.csv: line 4"), std::string::npos) << m;
  EXPECT_FALSE(fs::exists(d / "run" / "frozen-mlp.json"));
}

TEST(PretrainedData, SpecRefusesTensorsBesideATableAndPretrainWithoutOne) {
  try {
    parseJobSpec(nlohmann::json::parse(R"({"format": "lreg-job", "version": 1,
      "kind": "lreg-connection", "data": {"table": "t.csv", "features": "f.npy",
      "pretrain": {"hidden": 0, "depth": 2}}})"),
                 ".");
    FAIL() << "accepted";
  } catch (const InputError& e) {
    const std::string m = e.what();
    for (const char* needle : {"data.features: not with data.table", "data.pretrain.hidden",
                               "data.pretrain.depth: unknown field"})
      EXPECT_NE(m.find(needle), std::string::npos) << needle << " in " << m;
  }
  EXPECT_THROW(parseJobSpec(nlohmann::json::parse(R"({"format": "lreg-job", "version": 1,
      "kind": "lreg-connection", "data": {"features": "f.npy", "labels": "l.npy",
      "pretrain": {}}})"),
                            "."),
               InputError);
}
