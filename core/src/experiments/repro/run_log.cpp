#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "lreg/common/status.h"
#include "lreg/experiments/repro_run_log.h"

namespace lreg {

namespace {

std::vector<std::string> splitCommas(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, ',')) out.push_back(field);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

std::string header(const std::vector<std::string>& columns) {
  std::string h = "key";
  for (const auto& c : columns) h += "," + c;
  return h;
}

std::string formatValue(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

double parseValue(const std::string& s, bool& ok) {
  ok = true;
  if (s == "nan") return NAN;
  if (s == "inf") return INFINITY;
  if (s == "-inf") return -INFINITY;
  try {
    size_t used = 0;
    const double v = std::stod(s, &used);
    ok = used == s.size();
    return v;
  } catch (const std::exception&) {
    ok = false;
    return NAN;
  }
}

}  // namespace

RunLog::RunLog(std::filesystem::path path, std::vector<std::string> columns)
    : path_(std::move(path)), columns_(std::move(columns)) {
  const std::string expected = header(columns_);
  if (!std::filesystem::exists(path_)) {
    if (path_.has_parent_path()) std::filesystem::create_directories(path_.parent_path());
    std::ofstream out(path_);
    out << expected << "\n";
    if (!out) throw InputError(path_.string() + ": cannot create the run log");
    return;
  }
  std::ifstream in(path_, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> lines;
  std::istringstream s(text);
  for (std::string line; std::getline(s, line);) lines.push_back(line);
  // A kill during a write leaves a last line without its line break: that run is redone.
  const bool cut = !text.empty() && text.back() != '\n';
  if (cut) lines.pop_back();
  if (lines.empty() || lines[0] != expected)
    throw InputError(path_.string() + ": row 1: the header is not \"" + expected +
                     "\" (a run log of another experiment or version; move it away to start over)");
  for (size_t i = 1; i < lines.size(); ++i) {
    const auto fields = splitCommas(lines[i]);
    const std::string where = path_.string() + ": row " + std::to_string(i + 1);
    if (fields.size() != columns_.size() + 1)
      throw InputError(where + ": " + std::to_string(fields.size()) + " fields, the header has " +
                       std::to_string(columns_.size() + 1));
    std::vector<double> v;
    for (size_t c = 1; c < fields.size(); ++c) {
      bool ok = false;
      v.push_back(parseValue(fields[c], ok));
      if (!ok) throw InputError(where + ", column " + columns_[c - 1] + ": not a number");
    }
    rows_[fields[0]] = std::move(v);
  }
  if (cut) {  // rewrite without the partial line, so the next append starts on its own line
    std::ofstream out(path_, std::ios::trunc);
    for (const auto& l : lines) out << l << "\n";
  }
}

const std::vector<double>* RunLog::find(const std::string& key) const {
  const auto it = rows_.find(key);
  return it == rows_.end() ? nullptr : &it->second;
}

void RunLog::append(const std::string& key, const std::vector<double>& values) {
  if (key.empty() || key.find_first_of(",\"\r\n") != std::string::npos)
    throw InputError("run log " + path_.string() + ": the key \"" + key +
                     "\" is empty or has a comma, a quote or a line break");
  if (rows_.count(key)) throw InputError("run log " + path_.string() + ": " + key + " twice");
  if (values.size() != columns_.size())
    throw InputError("run log " + path_.string() + ": " + key + " has " +
                     std::to_string(values.size()) + " values for " +
                     std::to_string(columns_.size()) + " columns");
  std::string line = key;
  for (double v : values) line += "," + formatValue(v);
  std::ofstream out(path_, std::ios::app);
  out << line << "\n";
  out.flush();
  if (!out) throw InputError("run log " + path_.string() + ": cannot append");
  rows_[key] = values;
}

}  // namespace lreg
