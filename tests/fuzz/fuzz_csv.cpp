// libFuzzer target for the CSV reader, lreg::parseCsv (lreg/data/csv.h). Bad input must end in
// lreg::Error; anything else (a crash, a sanitizer report, another exception type, or a table that
// breaks the reader's documented promises) is a finding.
//
// Input: one option byte, then the file's text. The option byte picks the delimiter, the number
// of target columns and whether NaN/inf are allowed, so that one corpus reaches every mode.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "lreg/common/status.h"
#include "lreg/data/csv.h"

namespace {

lreg::CsvOptions optionsFrom(std::uint8_t b) {
  static constexpr char kDelimiters[] = {',', ';', '\t'};
  lreg::CsvOptions o;
  o.delimiter = kDelimiters[b % 3];
  o.target_columns = 1 + (b / 3) % 2;
  o.allow_non_finite = ((b / 6) % 2) == 1;
  return o;
}

void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz_csv: parseCsv returned a table that breaks its contract: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const lreg::CsvOptions options = optionsFrom(data[0]);
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    const lreg::CsvTable t = lreg::parseCsv(text, "fuzz.csv", options);
    // What csv.h promises of a table it returns (empty files and NaN/inf are errors).
    require(t.values.rows() >= 1 && t.values.cols() >= 1, "an empty table");
    require(t.header.empty() || t.header.size() == static_cast<std::size_t>(t.values.cols()),
            "a header whose width differs from the rows'");
    require(t.first_data_line >= 1, "a data line number below 1");
    require(options.allow_non_finite || t.values.allFinite(), "NaN/inf values when not allowed");
  } catch (const lreg::Error&) {
    // Rejected with a message: the expected outcome for bad input.
  }
  return 0;
}
