// Issue 7: a file starting with a UTF-8 byte-order mark lost its first data row (the BOM made the
// first field non-numeric, so the row was read as a header): 9 rows in, 8 used.
#include <gtest/gtest.h>

#include <string>

#include "lreg/data/csv.h"

using namespace lreg;

TEST(Issue7, Utf8BomKeepsTheFirstDataRow) {
  std::string text = "\xEF\xBB\xBF";
  for (int i = 1; i <= 9; ++i) text += std::to_string(i) + "," + std::to_string(2 * i) + "\n";
  const CsvTable t = parseCsv(text, "bom.csv");
  EXPECT_TRUE(t.header.empty());
  ASSERT_EQ(t.values.rows(), 9);
  EXPECT_DOUBLE_EQ(t.values(0, 0), 1.0);
  EXPECT_EQ(t.first_data_line, 1);
}
