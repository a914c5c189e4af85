#pragma once
// Qt-free, strict CSV reader. Errors name the file, the 1-based row (as in a text editor), the
// column and what was expected. Only the first row can be a header, and only when none of its
// fields is a number. The delimiter is decided once per file (comma, semicolon, tab, or runs of
// blanks for a file that has none of those); a row using another one is an error. A UTF-8 BOM and
// CRLF line endings are accepted. Things that are odd but not wrong come back as warnings.
#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "lreg/common/progress.h"
#include "lreg/data/dataset.h"

namespace lreg {

struct CsvOptions {
  char delimiter = 0;      // 0: decided from the first row; else ',' ';' '\t' or ' ' (blanks)
  int target_columns = 1;  // the last N columns are targets
  bool allow_non_finite = false;
};

// Something in the file that does not stop the read; line is 1-based, 0 for the whole file.
struct CsvWarning {
  int line = 0;
  std::string message;
};

struct CsvTable {
  std::string path;
  std::vector<std::string> header;  // empty when the file has none
  Eigen::MatrixXd values;           // rows x columns
  int first_data_line = 1;          // 1-based line number of values.row(0)
  char delimiter = ',';             // the one the file uses (' ' for blank-separated)
  std::vector<CsvWarning> warnings;
};

// "path: line N: message" (no line part for whole-file warnings).
std::string toString(const CsvWarning& w, const std::string& path);

CsvTable readCsv(const std::string& path, const CsvOptions& options = {},
                 const ProgressFn& progress = {});
// The entry point of the fuzz target: never reads files, throws only InputError.
CsvTable parseCsv(const std::string& text, const std::string& path_for_errors,
                  const CsvOptions& options = {});

// x = all but the last target_columns columns, y = the rest. Needs at least one of each.
void splitColumns(const CsvTable& t, int target_columns, Eigen::MatrixXd& x, Eigen::MatrixXd& y);

// Tables as a data set: test part from test if given, else a seeded split of train. Column
// names come from the header (col1, col2, ... without one); a constant input column is an error.
Dataset csvDataset(const CsvTable& train, const CsvTable* test, int target_columns,
                   double test_fraction, std::uint64_t seed);

// readCsv + csvDataset (warnings dropped; lreg::resolveData keeps them).
Dataset loadCsvDataset(const std::string& path, const CsvOptions& options,
                       const std::optional<std::string>& test_path, double test_fraction,
                       std::uint64_t seed);

void writeCsv(const std::string& path, const Eigen::MatrixXd& values,
              const std::vector<std::string>& header = {});

}  // namespace lreg
