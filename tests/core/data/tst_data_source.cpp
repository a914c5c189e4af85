#include <gtest/gtest.h>

#include <fstream>

#include "lreg/common/status.h"
#include "lreg/data/csv.h"
#include "lreg/data/data_source.h"
#include "lreg/data/generators.h"

using namespace lreg;

namespace {

std::string writeTemp(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

bool mentions(const std::vector<std::string>& lines, const std::string& what) {
  for (const auto& l : lines)
    if (l.find(what) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST(DataSource, GeneratorHonoursCountsAndDefaultsToThePapersSize) {
  DataSource s;
  s.data = "b1";
  s.n_train = 123;
  s.n_test = 45;
  const Dataset d = resolveData(s);
  EXPECT_EQ(d.x_train.rows(), 123);
  EXPECT_EQ(d.x_test.rows(), 45);
  s.n_train.reset();
  s.n_test.reset();
  const Dataset p = resolveData(s);
  EXPECT_EQ(p.x_train.rows(), generatorInfo("b1").default_train);
  EXPECT_EQ(p.x_test.rows(), generatorInfo("b1").default_test);
}

TEST(DataSource, RejectsNumbersOutOfRangeNamingTheRange) {
  DataSource s;
  s.data = "b1";
  const auto expectRange = [](DataSource bad, const char* what) {
    try {
      resolveData(bad);
      FAIL() << "expected an InputError for " << what;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
    }
  };
  DataSource a = s;
  a.n_train = -5;
  expectRange(a, ">= 1, got -5");
  a = s;
  a.n_test = -1;
  expectRange(a, ">= 0, got -1");
  a = s;
  a.test_fraction = 0.99;
  expectRange(a, "[0, 0.95]");
  a = s;
  a.target_columns = 0;
  expectRange(a, ">= 1, got 0");
  a = s;
  a.data = "sim";
  a.sim_dim = 0;
  expectRange(a, "[1, 1000]");
}

TEST(DataSource, GeneratorRejectsNegativeCountsOtherThanTheDefault) {
  GenOptions g;
  g.n_train = -5;
  EXPECT_THROW(generate("b1", g), InputError);
  g.n_train = 10;
  g.n_test = -2;
  EXPECT_THROW(generate("b1", g), InputError);
}

TEST(DataSource, CsvWarningsCarryTheFileAndRow) {
  const std::string path = writeTemp("warn.csv", "x,x\n1,2\n3,4\n5,6\n7,8\n9,10\n");
  DataSource s;
  s.data = path;
  s.test_fraction = 0;
  const Dataset d = resolveData(s);
  EXPECT_EQ(d.x_train.rows(), 5);
  EXPECT_TRUE(mentions(d.warnings, path + ": row 1: columns 1 and 2 are both named 'x'"));
}

TEST(DataSource, DomainComesFromTrainingInputsNotTestInputs) {
  const std::string train = writeTemp("train.csv", "x,y\n0,0\n1,1\n2,4\n3,9\n");
  const std::string test = writeTemp("test.csv", "x,y\n-5,25\n10,100\n1.5,2.25\n");
  DataSource s;
  s.data = train;
  s.test_path = test;
  const Dataset d = resolveData(s);
  ASSERT_EQ(d.domain_lo.size(), 1);
  EXPECT_EQ(d.domain_lo[0], 0.0);
  EXPECT_EQ(d.domain_hi[0], 3.0);
  // Two of the three test inputs are scored on extrapolation: the user is told.
  EXPECT_TRUE(mentions(d.warnings, "2 of 3 test inputs lie outside the training domain"));
}

TEST(DataSource, DeclaredDomainReplacesTheDataBoxAndMustContainIt) {
  const std::string train = writeTemp("decl.csv", "x,y\n0,0\n1,1\n2,4\n3,9\n");
  DataSource s;
  s.data = train;
  s.test_fraction = 0;
  s.domain = DeclaredDomain{Eigen::VectorXd::Constant(1, -1.0), Eigen::VectorXd::Constant(1, 5.0)};
  const Dataset d = resolveData(s);
  EXPECT_EQ(d.domain_lo[0], -1.0);
  EXPECT_EQ(d.domain_hi[0], 5.0);
  s.domain = DeclaredDomain{Eigen::VectorXd::Constant(1, 1.0), Eigen::VectorXd::Constant(1, 5.0)};
  EXPECT_THROW(resolveData(s), InputError);  // a training input at 0 lies outside
}

TEST(DataSource, EmbeddedSetWithoutTestPartKeepsItsRowOrder) {
  DataSource s;
  s.data = "abalone";
  s.test_fraction = 0;
  const Dataset d = resolveData(s);
  EXPECT_FALSE(d.hasTest());
  EXPECT_EQ(d.x_train.rows(), 4177);
  EXPECT_DOUBLE_EQ(d.x_train(0, 0), 0.455);  // the file's first row
}

TEST(DataSource, SamplesPerDofWarningHasAThreshold) {
  EXPECT_TRUE(samplesPerDofWarning(50, 49).has_value());
  EXPECT_TRUE(samplesPerDofWarning(146, 49).has_value());   // 2.98 per DoF
  EXPECT_FALSE(samplesPerDofWarning(147, 49).has_value());  // exactly 3 per DoF
  EXPECT_FALSE(samplesPerDofWarning(1000, 128).has_value());
  const std::string w = *samplesPerDofWarning(50, 49);
  EXPECT_NE(w.find("50 training samples for 49 degrees of freedom"), std::string::npos) << w;
}
