// Issue 7: a first row "1.0,abc" was taken as a header and silently dropped. It is neither a
// header (it has a number) nor data (it has text): an error naming row and column.
#include <gtest/gtest.h>

#include "lreg/common/status.h"
#include "lreg/data/csv.h"

using namespace lreg;

TEST(Issue7, FirstRowMixingNumbersAndTextIsAnError) {
  try {
    const CsvTable t = parseCsv("1.0,abc\n2,4\n3,6\n", "mixed.csv");
    FAIL() << "accepted with " << t.values.rows() << " rows and a header of " << t.header.size();
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("mixed.csv: row 1, column 2"), std::string::npos) << msg;
  }
}
