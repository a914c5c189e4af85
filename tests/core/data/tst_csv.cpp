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
  expectInputError([] { readCsv(kDir + "/ragged.csv"); },
                   {"ragged.csv", "row 2", "3 fields", "expected 2"});
}

TEST(Csv, RejectsEmptyFileAndHeaderOnly) {
  expectInputError([] { readCsv(kDir + "/empty.csv"); }, {"empty.csv", "empty"});
  expectInputError([] { parseCsv("x,y\n", "h.csv"); }, {"h.csv", "no data rows"});
}

TEST(Csv, RejectsNonNumericCell) {
  expectInputError([] { parseCsv("1,2\n3,abc\n", "t.csv"); }, {"row 2", "column 2", "'abc'"});
}

TEST(Csv, RejectsMissingFile) {
  expectInputError([] { readCsv(kDir + "/no-such-file.csv"); },
                   {"no-such-file.csv", "cannot open"});
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

// --- strictness: header, delimiter, encoding, range ---

TEST(Csv, HeaderOnlyWhenEveryFieldIsText) {
  const CsvTable t = parseCsv("\"x\",\"y\"\n1,2\n", "q.csv");
  ASSERT_EQ(t.header.size(), 2u);
  EXPECT_EQ(t.header[0], "x");  // quotes around names are removed
  EXPECT_EQ(t.values.rows(), 1);
  expectInputError([] { parseCsv("1.0,abc\n2,3\n", "m.csv"); },
                   {"m.csv", "row 1", "column 2", "'abc'", "column 1"});
  expectInputError([] { parseCsv("x,y\n1,2\nu,v\n", "h2.csv"); }, {"row 3", "column 1", "'u'"});
}

TEST(Csv, StripsUtf8BomAndAcceptsCrlf) {
  const CsvTable t = parseCsv(
      "\xEF\xBB\xBF"
      "1,2\r\n3,4\r\n5,6\r\n",
      "bom.csv");
  EXPECT_TRUE(t.header.empty());
  ASSERT_EQ(t.values.rows(), 3);
  EXPECT_DOUBLE_EQ(t.values(0, 0), 1.0);
  EXPECT_DOUBLE_EQ(t.values(2, 1), 6.0);
  const CsvTable h = parseCsv(
      "\xEF\xBB\xBF"
      "x,y\r\n1,2\r\n",
      "bomh.csv");
  ASSERT_EQ(h.header.size(), 2u);
  EXPECT_EQ(h.header[0], "x");  // not "\xEF\xBB\xBFx"
  expectInputError(
      [] {
        parseCsv(
            "\xFF\xFE"
            "1\0,\0"
            "2",
            "u16.csv");
      },
      {"u16.csv", "UTF-16"});
}

TEST(Csv, DecidesTheDelimiterOncePerFile) {
  EXPECT_EQ(parseCsv("1;2\n3;4\n", "s.csv").delimiter, ';');
  EXPECT_EQ(parseCsv("1\t2\n3\t4\n", "t.tsv").delimiter, '\t');
  EXPECT_EQ(parseCsv("1 2\n3  4\n", "w.txt").delimiter, ' ');
  const CsvTable c = parseCsv("1, 2\n3 ,4\n", "c.csv");
  EXPECT_EQ(c.delimiter, ',');
  EXPECT_DOUBLE_EQ(c.values(1, 0), 3.0);
  expectInputError([] { parseCsv("1,2\n2 3\n4,5\n", "mix.csv"); },
                   {"mix.csv", "row 2", "blanks", "','"});
  expectInputError([] { parseCsv("1,2\n2;3\n", "mix2.csv"); }, {"row 2", "';'"});
  expectInputError([] { parseCsv("1 2\n2,3\n", "mix3.txt"); }, {"row 2", "','", "blanks"});
  expectInputError([] { parseCsv("1\t2\n2 3\n", "mix4.tsv"); }, {"row 2", "tab"});
}

TEST(Csv, SemicolonFilesExplainDecimalCommas) {
  expectInputError([] { parseCsv("1;2\n1,5;2\n", "de.csv"); },
                   {"row 2", "column 1", "'1,5'", "'.'"});
}

TEST(Csv, OutOfRangeIsNotCalledNotANumber) {
  try {
    parseCsv("1,2\n3,1e400\n", "big.csv");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("out of range"), std::string::npos) << msg;
    EXPECT_NE(msg.find("row 2, column 2"), std::string::npos) << msg;
    EXPECT_EQ(msg.find("not a number"), std::string::npos) << msg;
  }
  expectInputError([] { parseCsv("1,-1e999\n", "neg.csv"); }, {"column 2", "out of range"});
}

TEST(Csv, UnderflowIsReadWithAWarningOnItsRow) {
  const CsvTable t = parseCsv("1,2\n3,1e-400\n", "tiny.csv");
  EXPECT_EQ(t.values(1, 1), 0.0);
  ASSERT_EQ(t.warnings.size(), 1u);
  EXPECT_EQ(t.warnings[0].line, 2);
  EXPECT_NE(toString(t.warnings[0], t.path).find("tiny.csv: row 2: column 2"), std::string::npos);
}

TEST(Csv, WarnsAboutDuplicateAndMissingColumnNames) {
  const CsvTable t = parseCsv("# comment\nx,x,\n1,2,3\n", "names.csv");
  ASSERT_EQ(t.warnings.size(), 2u);
  EXPECT_EQ(t.warnings[0].line, 2);
  EXPECT_NE(t.warnings[0].message.find("columns 1 and 2"), std::string::npos);
  EXPECT_NE(t.warnings[1].message.find("column 3 has no name"), std::string::npos);
  EXPECT_TRUE(parseCsv("x,y\n1,2\n", "ok.csv").warnings.empty());
}

TEST(Csv, EmptyFieldAndSignsAreChecked) {
  expectInputError([] { parseCsv("1,,2\n", "e.csv"); }, {"row 1", "column 2", "empty"});
  expectInputError([] { parseCsv("1,+-2\n", "s.csv"); }, {"column 2", "'+-2'"});
  EXPECT_DOUBLE_EQ(parseCsv("+1,-2\n", "p.csv").values(0, 0), 1.0);
}

TEST(Csv, RowNumbersCountEveryLine) {
  // Blank and comment lines still count: the row is the editor's line number.
  expectInputError([] { parseCsv("x,y\n\n# note\n1,2\n3,oops\n", "l.csv"); },
                   {"row 5", "column 2"});
  EXPECT_EQ(parseCsv("x,y\n\n1,2\n", "f.csv").first_data_line, 3);
}
