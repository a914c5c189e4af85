#pragma once
// Qt-free CSV reader. Errors name the file, the 1-based row (as in a text editor) and the column:
// empty files, ragged rows, non-numeric cells, NaN/inf. A header row is detected when the first
// row does not parse as numbers.
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "lreg/common/progress.h"
#include "lreg/data/dataset.h"

namespace lreg {

struct CsvOptions {
  char delimiter = ',';        // ',' ';' or '\t'; ',' also accepts whitespace-separated files
  int target_columns = 1;      // the last N columns are targets
  bool allow_non_finite = false;
};

struct CsvTable {
  std::string path;
  std::vector<std::string> header;  // empty when the file has none
  Eigen::MatrixXd values;           // rows x columns
  int first_data_line = 1;          // 1-based line number of values.row(0)
};

CsvTable readCsv(const std::string& path, const CsvOptions& options = {},
                 const ProgressFn& progress = {});
CsvTable parseCsv(const std::string& text, const std::string& path_for_errors,
                  const CsvOptions& options = {});

// x = all but the last target_columns columns, y = the rest. Needs at least one of each.
void splitColumns(const CsvTable& t, int target_columns, Eigen::MatrixXd& x, Eigen::MatrixXd& y);

// A CSV as a data set: test part from test_path if given, else a seeded split.
Dataset loadCsvDataset(const std::string& path, const CsvOptions& options,
                       const std::optional<std::string>& test_path, double test_fraction,
                       std::uint64_t seed);

void writeCsv(const std::string& path, const Eigen::MatrixXd& values,
              const std::vector<std::string>& header = {});

}  // namespace lreg
