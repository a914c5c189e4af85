#include "lreg/data/csv.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "lreg/common/status.h"

namespace lreg {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> splitFields(std::string_view line, char delimiter) {
  std::vector<std::string_view> out;
  const bool whitespace = delimiter == ',' && line.find(',') == std::string_view::npos &&
                          line.find_first_of(" \t") != std::string_view::npos;
  if (whitespace) {  // whitespace-separated file: runs of blanks separate fields
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
      if (i >= line.size()) break;
      size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') ++j;
      out.push_back(line.substr(i, j - i));
      i = j;
    }
    return out;
  }
  size_t start = 0;
  for (;;) {
    const size_t pos = line.find(delimiter, start);
    out.push_back(trim(line.substr(start, pos == std::string_view::npos ? pos : pos - start)));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

bool parseNumber(std::string_view s, double& v) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && ptr == s.data() + s.size();
}

std::string location(const std::string& path, int line, int column) {
  return path + ": row " + std::to_string(line) + ", column " + std::to_string(column);
}

}  // namespace

CsvTable parseCsv(const std::string& text, const std::string& path, const CsvOptions& options) {
  CsvTable t;
  t.path = path;
  std::vector<double> values;
  size_t columns = 0;
  int line_no = 0;
  bool header_checked = false;
  std::istringstream in(text);
  std::string raw;
  while (std::getline(in, raw)) {
    ++line_no;
    const std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#') continue;
    const auto fields = splitFields(line, options.delimiter);
    if (!header_checked) {
      header_checked = true;
      double dummy = 0;
      bool numeric = true;
      for (auto f : fields) numeric = numeric && parseNumber(f, dummy);
      columns = fields.size();
      if (!numeric) {  // the first row names the columns
        for (auto f : fields) t.header.emplace_back(f);
        continue;
      }
    }
    if (fields.size() != columns)
      throw InputError(path + ": row " + std::to_string(line_no) + " has " +
                       std::to_string(fields.size()) + " fields, expected " +
                       std::to_string(columns) + " (ragged row)");
    if (values.empty()) t.first_data_line = line_no;
    for (size_t c = 0; c < fields.size(); ++c) {
      double v = 0;
      if (!parseNumber(fields[c], v))
        throw InputError(location(path, line_no, static_cast<int>(c + 1)) + ": '" +
                         std::string(fields[c]) + "' is not a number");
      if (!options.allow_non_finite && !std::isfinite(v))
        throw InputError(location(path, line_no, static_cast<int>(c + 1)) + ": '" +
                         std::string(fields[c]) + "' is not a finite number");
      values.push_back(v);
    }
  }
  if (values.empty())
    throw InputError(path + (t.header.empty() ? ": the file is empty" : ": the file has a header but no data rows"));
  const Eigen::Index rows = static_cast<Eigen::Index>(values.size() / columns);
  t.values = Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
      values.data(), rows, static_cast<Eigen::Index>(columns));
  return t;
}

CsvTable readCsv(const std::string& path, const CsvOptions& options, const ProgressFn& progress) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw InputError(path + ": cannot open the file");
  std::ostringstream buffer;
  buffer << f.rdbuf();
  if (!report(progress, Progress{0, 1, 0, "parsing " + path}))
    throw Error(StatusCode::Cancelled, "cancelled");
  return parseCsv(buffer.str(), path, options);
}

void splitColumns(const CsvTable& t, int target_columns, Eigen::MatrixXd& x, Eigen::MatrixXd& y) {
  const Eigen::Index cols = t.values.cols();
  if (target_columns < 1 || target_columns >= cols)
    throw InputError(t.path + ": needs at least one input and one target column, has " +
                     std::to_string(cols) + " column(s) and " + std::to_string(target_columns) +
                     " target(s)");
  x = t.values.leftCols(cols - target_columns);
  y = t.values.rightCols(target_columns);
}

Dataset loadCsvDataset(const std::string& path, const CsvOptions& options,
                       const std::optional<std::string>& test_path, double test_fraction,
                       std::uint64_t seed) {
  const CsvTable t = readCsv(path, options);
  Eigen::MatrixXd x, y;
  splitColumns(t, options.target_columns, x, y);
  Dataset d;
  if (test_path) {
    const CsvTable tt = readCsv(*test_path, options);
    if (tt.values.cols() != t.values.cols())
      throw InputError(*test_path + ": has " + std::to_string(tt.values.cols()) +
                       " columns but the training file " + path + " has " +
                       std::to_string(t.values.cols()));
    d.name = path;
    d.x_train = x;
    d.y_train = y;
    splitColumns(tt, options.target_columns, d.x_test, d.y_test);
    setDomainFromData(d);
  } else {
    d = splitDataset(x, y, test_fraction, seed, path);
  }
  const auto cols = static_cast<size_t>(t.values.cols());
  const size_t n_in = cols - static_cast<size_t>(options.target_columns);
  for (size_t c = 0; c < cols; ++c) {
    const std::string name = t.header.size() == cols ? t.header[c] : "col" + std::to_string(c + 1);
    (c < n_in ? d.input_names : d.output_names).push_back(name);
  }
  // A constant input column is reported with its name from the file.
  for (Eigen::Index c = 0; c < d.x_train.cols(); ++c)
    if (d.x_train.rows() > 0 && d.x_train.col(c).maxCoeff() == d.x_train.col(c).minCoeff())
      throw InputError(path + ": column " + std::to_string(c + 1) + " ('" +
                       d.input_names[static_cast<size_t>(c)] + "') is constant: nothing to fit along it");
  validateDataset(d);
  return d;
}

void writeCsv(const std::string& path, const Eigen::MatrixXd& values,
              const std::vector<std::string>& header) {
  std::ofstream f(path);
  if (!f) throw InputError(path + ": cannot write the file");
  f.precision(17);
  for (size_t c = 0; c < header.size(); ++c) f << (c ? "," : "") << header[c];
  if (!header.empty()) f << '\n';
  for (Eigen::Index r = 0; r < values.rows(); ++r) {
    for (Eigen::Index c = 0; c < values.cols(); ++c) f << (c ? "," : "") << values(r, c);
    f << '\n';
  }
  if (!f) throw InputError(path + ": write failed");
}

}  // namespace lreg
