#pragma once
// An experiment's run log: one CSV row per finished run, appended and flushed as soon as the run
// ends, so that a cancelled, crashed or killed experiment resumes where it stopped. A row is
// "key,value,...": the key names the run's configuration and seed (e.g. "dof=64;seed=3"), the
// values are numbers (nan allowed). A last line cut short by a kill is dropped on opening.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace lreg {

class RunLog {
 public:
  // Opens path, creating it (and its folder) with the header "key,<columns>". An existing file
  // whose header differs, or with a malformed row before its last line, throws InputError naming
  // the file and the row: it belongs to another experiment or another version.
  RunLog(std::filesystem::path path, std::vector<std::string> columns);

  const std::filesystem::path& path() const { return path_; }
  const std::vector<std::string>& columns() const { return columns_; }
  size_t size() const { return rows_.size(); }

  // The values of a finished run, or nullptr.
  const std::vector<double>* find(const std::string& key) const;
  // Appends and flushes a finished run. Throws InputError for a key with a comma, a quote or a
  // line break, a key already logged, or a value count that is not the columns'.
  void append(const std::string& key, const std::vector<double>& values);

  // The logged values of key, or those compute() returns, appended first. Counts the reuses.
  template <class F>
  std::vector<double> get(const std::string& key, F&& compute) {
    if (const auto* v = find(key)) {
      ++reused_;
      return *v;
    }
    std::vector<double> v = compute();
    append(key, v);
    return v;
  }
  int reused() const { return reused_; }

 private:
  std::filesystem::path path_;
  std::vector<std::string> columns_;
  std::map<std::string, std::vector<double>> rows_;
  int reused_ = 0;
};

}  // namespace lreg
