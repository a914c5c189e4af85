// Issue 7: a row "2 3" inside a comma-separated file was accepted (the delimiter was guessed per
// row). The delimiter is decided once per file; another one on a row is an error naming it.
#include <gtest/gtest.h>

#include "lreg/common/status.h"
#include "lreg/data/csv.h"

using namespace lreg;

TEST(Issue7, RowWithAnotherDelimiterIsAnError) {
  try {
    const CsvTable t = parseCsv("x,y\n1,2\n2 3\n4,5\n", "delim.csv");
    FAIL() << "accepted " << t.values.rows() << " rows";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("delim.csv: row 3"), std::string::npos) << msg;
    EXPECT_NE(msg.find("','"), std::string::npos) << msg;
  }
}
