// Issue 7: "1e400" was reported as "not a number"; it is a number beyond the range of a double.
#include <gtest/gtest.h>

#include "lreg/common/status.h"
#include "lreg/data/csv.h"

using namespace lreg;

TEST(Issue7, HugeNumberIsOutOfRangeNotNotANumber) {
  try {
    parseCsv("1,2\n3,1e400\n", "range.csv");
    FAIL() << "1e400 accepted";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("range.csv: row 2, column 2"), std::string::npos) << msg;
    EXPECT_NE(msg.find("out of range"), std::string::npos) << msg;
    EXPECT_EQ(msg.find("not a number"), std::string::npos) << msg;
  }
}
