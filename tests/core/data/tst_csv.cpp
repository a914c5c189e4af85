#include <gtest/gtest.h>

#include "lreg/common/status.h"
#include "lreg/data/csv.h"

using namespace lreg;

namespace {
// Runs f, expects an InputError whose message contains every fragment.
template <class F>
void expectInputError(F f, std::initializer_list<const char*> fragments) {
  try {
    f();
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    for (const char* frag : fragments) EXPECT_NE(msg.find(frag), std::string::npos) << msg;
  }
}
const std::string kDir = LREG_TEST_DATA_DIR;
}  // namespace

TEST(Csv, ParsesHeaderAndValues) {
  const CsvTable t = parseCsv("x, y\n1, 2\n3,4\n\n", "mem.csv");
  ASSERT_EQ(t.header.size(), 2u);
  EXPECT_EQ(t.header[1], "y");
  ASSERT_EQ(t.values.rows(), 2);
  EXPECT_DOUBLE_EQ(t.values(1, 0), 3.0);
  EXPECT_EQ(t.first_data_line, 2);
}

TEST(Csv, ParsesWhitespaceSeparatedFilesWithoutHeader) {
  const CsvTable t = parseCsv("1 2\n3\t4\n", "mem.txt");
  EXPECT_TRUE(t.header.empty());
  EXPECT_EQ(t.values.cols(), 2);
  EXPECT_DOUBLE_EQ(t.values(1, 1), 4.0);
}

TEST(Csv, RejectsNaNNamingFileRowAndColumn) {
  expectInputError([] { readCsv(kDir + "/nan.csv"); }, {"nan.csv", "row 4", "column 2", "finite"});
}

TEST(Csv, RejectsInfinity) {
  expectInputError([] { parseCsv("1,2\n3,inf\n", "m.csv"); }, {"m.csv", "row 2", "column 2"});
}

TEST(Csv, RejectsRaggedRowNamingIt) {
  expectInputError([] { readCsv(kDir + "/ragged.csv"); }, {"ragged.csv", "row 2", "3 fields", "expected 2"});
}

TEST(Csv, RejectsEmptyFileAndHeaderOnly) {
  expectInputError([] { readCsv(kDir + "/empty.csv"); }, {"empty.csv", "empty"});
  expectInputError([] { parseCsv("x,y\n", "h.csv"); }, {"h.csv", "no data rows"});
}

TEST(Csv, RejectsNonNumericCell) {
  expectInputError([] { parseCsv("1,2\n3,abc\n", "t.csv"); }, {"row 2", "column 2", "'abc'"});
}

TEST(Csv, RejectsMissingFile) {
  expectInputError([] { readCsv(kDir + "/no-such-file.csv"); }, {"no-such-file.csv", "cannot open"});
}

TEST(Csv, DatasetRejectsConstantInputColumnByName) {
  CsvOptions o;
  expectInputError([&] { loadCsvDataset(kDir + "/constant.csv", o, std::nullopt, 0.2, 1); },
                   {"constant.csv", "column 2", "'c'", "constant"});
}

TEST(Csv, DatasetSplitIsSeededAndComplete) {
  std::string text;
  for (int i = 0; i < 100; ++i) text += std::to_string(i) + "," + std::to_string(2 * i) + "\n";
  const CsvTable t = parseCsv(text, "m.csv");
  Eigen::MatrixXd x, y;
  splitColumns(t, 1, x, y);
  const Dataset a = splitDataset(x, y, 0.2, 7), b = splitDataset(x, y, 0.2, 7);
  EXPECT_EQ(a.x_test.rows(), 20);
  EXPECT_EQ(a.x_train.rows(), 80);
  EXPECT_TRUE(a.x_test.isApprox(b.x_test));
  EXPECT_DOUBLE_EQ(a.x_train.sum() + a.x_test.sum(), x.sum());  // every row exactly once
  EXPECT_TRUE((2 * a.x_train).isApprox(a.y_train));             // rows stay paired
}

TEST(Csv, SplitColumnsNeedsInputsAndTargets) {
  const CsvTable t = parseCsv("1\n2\n", "one.csv");
  Eigen::MatrixXd x, y;
  expectInputError([&] { splitColumns(t, 1, x, y); }, {"one.csv", "at least one input"});
}
