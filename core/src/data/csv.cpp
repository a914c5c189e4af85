#include "lreg/data/csv.h"

#include <zlib.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

#include "lreg/common/status.h"

namespace lreg {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && isBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && isBlank(s.back())) s.remove_suffix(1);
  return s;
}

// Header names may be quoted; numbers never need quotes, so only the outer pair is removed.
std::string_view unquote(std::string_view s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') return s.substr(1, s.size() - 2);
  return s;
}

std::string delimiterName(char d) {
  switch (d) {
    case ',':
      return "',' (comma)";
    case ';':
      return "';' (semicolon)";
    case '\t':
      return "a tab";
    default:
      return "blanks";
  }
}

// Tab and semicolon win over comma: semicolon files use the comma as decimal separator.
char detectDelimiter(std::string_view line) {
  for (char d : {'\t', ';', ','})
    if (line.find(d) != std::string_view::npos) return d;
  return ' ';
}

std::vector<std::string_view> splitFields(std::string_view line, char delimiter) {
  std::vector<std::string_view> out;
  if (delimiter == ' ') {  // runs of blanks separate fields
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && isBlank(line[i])) ++i;
      if (i >= line.size()) break;
      size_t j = i;
      while (j < line.size() && !isBlank(line[j])) ++j;
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

// A delimiter other than the file's one that this row uses, or 0.
char foreignDelimiter(std::string_view line, char delimiter) {
  for (char c : {',', ';', '\t'}) {
    if (c == delimiter || (delimiter == ';' && c == ',')) continue;  // ';' files: decimal commas
    if (delimiter == ' ' && c == '\t') continue;                     // a tab is a blank
    if (line.find(c) != std::string_view::npos) return c;
  }
  if (delimiter != ' ' && line.find(delimiter) == std::string_view::npos &&
      splitFields(line, ' ').size() > 1)
    return ' ';
  return 0;
}

enum class Parsed { Number, NotNumber, OutOfRange, Underflow };

Parsed parseNumber(std::string_view s, double& v) {
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
    if (!s.empty() && s.front() == '-') return Parsed::NotNumber;
  }
  if (s.empty()) return Parsed::NotNumber;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc::invalid_argument || ptr != s.data() + s.size()) return Parsed::NotNumber;
  if (ec == std::errc::result_out_of_range) {  // from_chars leaves v alone; strtod saturates
    const std::string copy(s);
    errno = 0;
    v = std::strtod(copy.c_str(), nullptr);
    return std::isinf(v) ? Parsed::OutOfRange : Parsed::Underflow;
  }
  return Parsed::Number;
}

std::string location(const std::string& path, int line, size_t column) {
  return path + ": row " + std::to_string(line) + ", column " + std::to_string(column + 1);
}

// The first content row: a header when no field is a number, data when every non-empty one is.
bool isHeader(const std::vector<std::string_view>& fields, const std::string& path, int line) {
  std::optional<size_t> number, text;
  for (size_t c = 0; c < fields.size(); ++c) {
    double v = 0;
    if (fields[c].empty()) continue;  // an unnamed column, or a missing number: neither decides
    std::optional<size_t>& first = parseNumber(fields[c], v) == Parsed::NotNumber ? text : number;
    if (!first) first = c;
  }
  if (number && text)
    throw InputError(location(path, line, *text) + ": '" + std::string(fields[*text]) +
                     "' is not a number, but column " + std::to_string(*number + 1) + " ('" +
                     std::string(fields[*number]) +
                     "') is: the first row must be all column names (a header) or all numbers");
  return !number;
}

void checkHeader(const std::vector<std::string_view>& fields, int line, CsvTable& t) {
  for (size_t c = 0; c < fields.size(); ++c) {
    const std::string name(unquote(fields[c]));
    if (name.empty())
      t.warnings.push_back({line, "column " + std::to_string(c + 1) + " has no name"});
    for (size_t k = 0; k < c; ++k)
      if (!name.empty() && t.header[k] == name)
        t.warnings.push_back({line, "columns " + std::to_string(k + 1) + " and " +
                                        std::to_string(c + 1) + " are both named '" + name + "'"});
    t.header.push_back(name);
  }
}

}  // namespace

std::string toString(const CsvWarning& w, const std::string& path) {
  return path + (w.line > 0 ? ": row " + std::to_string(w.line) : std::string()) + ": " + w.message;
}

CsvTable parseCsv(const std::string& text_in, const std::string& path, const CsvOptions& options) {
  CsvTable t;
  t.path = path;
  std::string_view text = text_in;
  if (text.substr(0, 3) == kUtf8Bom) text.remove_prefix(3);
  if (text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF")
    throw InputError(path + ": the file is UTF-16 encoded; save it as UTF-8 or ASCII text");
  std::vector<double> values;
  size_t columns = 0;
  int line_no = 0, columns_line = 0;
  bool first_row = true;
  char delimiter = options.delimiter;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = trim(text.substr(pos, end - pos));
    pos = end + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    if (delimiter == 0) delimiter = detectDelimiter(line);
    if (const char other = foreignDelimiter(line, delimiter))
      throw InputError(path + ": row " + std::to_string(line_no) + " is separated by " +
                       delimiterName(other) + ", expected " + delimiterName(delimiter) +
                       " like row " + std::to_string(columns_line ? columns_line : line_no) +
                       " (one delimiter per file)");
    const auto fields = splitFields(line, delimiter);
    if (first_row) {
      first_row = false;
      columns = fields.size();
      columns_line = line_no;
      if (isHeader(fields, path, line_no)) {
        checkHeader(fields, line_no, t);
        continue;
      }
    }
    if (fields.size() != columns)
      throw InputError(location(path, line_no, std::min(fields.size(), columns)) + ": row has " +
                       std::to_string(fields.size()) + " fields, expected " +
                       std::to_string(columns) + " like row " + std::to_string(columns_line) +
                       " (ragged row)");
    if (values.empty()) t.first_data_line = line_no;
    for (size_t c = 0; c < fields.size(); ++c) {
      double v = 0;
      const std::string cell(fields[c]);
      const std::string where = location(path, line_no, c);
      switch (parseNumber(fields[c], v)) {
        case Parsed::NotNumber:
          throw InputError(
              where + (cell.empty() ? ": the field is empty" : ": '" + cell + "' is not a number") +
              ", expected a decimal number such as -1.5e-3" +
              (delimiter == ';' && cell.find(',') != std::string::npos
                   ? " (write decimals with '.', not ',')"
                   : ""));
        case Parsed::OutOfRange:
          throw InputError(where + ": '" + cell +
                           "' is out of range, expected a magnitude below 1.8e308");
        case Parsed::Underflow:
          t.warnings.push_back({line_no, "column " + std::to_string(c + 1) + ": '" + cell +
                                             "' is below the smallest double and is read as " +
                                             std::to_string(v)});
          break;
        case Parsed::Number:
          break;
      }
      if (!options.allow_non_finite && !std::isfinite(v))
        throw InputError(where + ": '" + cell +
                         "' is not a finite number, expected a finite value (no NaN or inf)");
      values.push_back(v);
    }
  }
  if (values.empty())
    throw InputError(path + (t.header.empty() ? ": the file is empty, expected rows of numbers"
                                              : ": the file has a header but no data rows"));
  t.delimiter = delimiter;
  const Eigen::Index rows = static_cast<Eigen::Index>(values.size() / columns);
  t.values = Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
      values.data(), rows, static_cast<Eigen::Index>(columns));
  return t;
}

namespace {

// The whole of a gzip file, inflated (zlib's gz reader; a file without the gzip magic would be
// passed through as it is, so that case is refused by name).
std::string readGzip(const std::string& path) {
  std::ifstream probe(path, std::ios::binary);
  if (!probe) throw InputError(path + ": cannot open the file");
  unsigned char magic[2] = {0, 0};
  probe.read(reinterpret_cast<char*>(magic), 2);
  if (probe.gcount() != 2 || magic[0] != 0x1f || magic[1] != 0x8b)
    throw InputError(path + ": named .gz but not a gzip file");
  gzFile g = gzopen(path.c_str(), "rb");
  if (!g) throw InputError(path + ": cannot open the file");
  std::string text;
  char chunk[1 << 16];
  int n = 0;
  while ((n = gzread(g, chunk, sizeof chunk)) > 0) text.append(chunk, static_cast<size_t>(n));
  int code = Z_OK;
  const std::string why = n < 0 ? gzerror(g, &code) : "";
  gzclose(g);
  if (n < 0) throw InputError(path + ": the gzip stream is damaged (" + why + ")");
  return text;
}

}  // namespace

CsvTable readCsv(const std::string& path, const CsvOptions& options, const ProgressFn& progress) {
  std::string text;
  if (path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0) {
    text = readGzip(path);
  } else {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw InputError(path + ": cannot open the file");
    std::ostringstream buffer;
    buffer << f.rdbuf();
    text = buffer.str();
  }
  if (!report(progress, Progress{0, 1, 0, "parsing " + path}))
    throw Error(StatusCode::Cancelled, "cancelled");
  return parseCsv(text, path, options);
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

Dataset csvDataset(const CsvTable& train, const CsvTable* test, int target_columns,
                   double test_fraction, std::uint64_t seed) {
  Eigen::MatrixXd x, y;
  splitColumns(train, target_columns, x, y);
  Dataset d;
  if (test) {
    if (test->values.cols() != train.values.cols())
      throw InputError(test->path + ": has " + std::to_string(test->values.cols()) +
                       " columns but the training file " + train.path + " has " +
                       std::to_string(train.values.cols()));
    d.name = train.path;
    d.x_train = x;
    d.y_train = y;
    splitColumns(*test, target_columns, d.x_test, d.y_test);
    setDomainFromData(d);
  } else {
    d = splitDataset(x, y, test_fraction, seed, train.path);
  }
  const auto cols = static_cast<size_t>(train.values.cols());
  const size_t n_in = cols - static_cast<size_t>(target_columns);
  for (size_t c = 0; c < cols; ++c) {
    const std::string name =
        train.header.size() == cols ? train.header[c] : "col" + std::to_string(c + 1);
    (c < n_in ? d.input_names : d.output_names).push_back(name);
  }
  // A constant input column is reported with its name from the file.
  for (Eigen::Index c = 0; c < d.x_train.cols(); ++c)
    if (d.x_train.rows() > 0 && d.x_train.col(c).maxCoeff() == d.x_train.col(c).minCoeff())
      throw InputError(train.path + ": column " + std::to_string(c + 1) + " ('" +
                       d.input_names[static_cast<size_t>(c)] +
                       "') is constant: nothing to fit along it");
  validateDataset(d);
  return d;
}

Dataset loadCsvDataset(const std::string& path, const CsvOptions& options,
                       const std::optional<std::string>& test_path, double test_fraction,
                       std::uint64_t seed) {
  const CsvTable t = readCsv(path, options);
  if (!test_path) return csvDataset(t, nullptr, options.target_columns, test_fraction, seed);
  const CsvTable tt = readCsv(*test_path, options);
  return csvDataset(t, &tt, options.target_columns, test_fraction, seed);
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
