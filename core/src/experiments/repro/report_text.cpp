// The Markdown and CSV forms of a report, its number formats, and the files on disk.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "lreg/common/status.h"
#include "lreg/experiments/repro_output.h"

namespace lreg {

namespace {

std::string escapeCell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string csvField(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void writeAtomically(const std::filesystem::path& path, const std::string& text) {
  const std::filesystem::path tmp = path.string() + ".part";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw InputError(path.string() + ": cannot write");
  }
  std::filesystem::rename(tmp, path);
}

}  // namespace

const char* toString(Verdict v) {
  switch (v) {
    case Verdict::Reproduced:
      return "reproduced";
    case Verdict::NotReproduced:
      return "not reproduced";
    case Verdict::Differs:
      return "differs";
  }
  return "?";
}

Verdict parseVerdict(const std::string& s) {
  for (Verdict v : {Verdict::Reproduced, Verdict::NotReproduced, Verdict::Differs})
    if (s == toString(v)) return v;
  throw InputError("verdict: \"" + s + "\" is not reproduced, not reproduced or differs");
}

std::string fmtNumber(double v, int digits) {
  if (!std::isfinite(v)) return "n/a";
  char buf[64];
  const double a = std::fabs(v);
  if (a != 0 && (a < 1e-3 || a >= 1e6))
    std::snprintf(buf, sizeof buf, "%.*e", std::max(digits - 1, 1), v);
  else
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string fmtMeanSd(double mean, double sd, int digits) {
  if (!std::isfinite(mean)) return "n/a";
  if (!std::isfinite(sd)) return fmtNumber(mean, digits);
  return fmtNumber(mean, digits) + " ± " + fmtNumber(sd, digits);
}

std::string toCsv(const ReproTable& t) {
  std::string out;
  for (size_t c = 0; c < t.columns.size(); ++c) out += (c ? "," : "") + csvField(t.columns[c]);
  out += "\n";
  for (const auto& row : t.rows) {
    for (size_t c = 0; c < row.size(); ++c) out += (c ? "," : "") + csvField(row[c]);
    out += "\n";
  }
  return out;
}

std::string toMarkdown(const ReproReport& r) {
  std::string md = "# " + (r.title.empty() ? r.name : r.title) + "\n\n";
  if (!r.command.empty()) md += "Made by `" + r.command + "`.\n\n";
  if (!r.status.ok()) md += "**Incomplete: " + r.status.message + ".**\n\n";
  if (!r.claims.empty()) {
    md += "| claim | paper | ours | verdict | reason |\n| --- | --- | --- | --- | --- |\n";
    for (const auto& c : r.claims)
      md += "| " + escapeCell(c.claim) + " | " + escapeCell(c.paper) + " | " + escapeCell(c.ours) +
            " | **" + toString(c.verdict) + "** | " + escapeCell(c.reason) + " |\n";
    md += "\n";
  }
  for (const auto& t : r.tables) {
    md += "## " + t.title + "\n\n|";
    for (const auto& c : t.columns) md += " " + escapeCell(c) + " |";
    md += "\n|";
    for (size_t c = 0; c < t.columns.size(); ++c) md += " --- |";
    md += "\n";
    for (const auto& row : t.rows) {
      md += "|";
      for (const auto& cell : row) md += " " + escapeCell(cell) + " |";
      md += "\n";
    }
    md += "\nData: [" + r.name + "-" + t.id + ".csv](" + r.name + "-" + t.id + ".csv)\n\n";
  }
  for (const auto& f : r.figures) md += "![" + f.title + "](" + r.name + "-" + f.id + ".svg)\n\n";
  if (!r.notes.empty()) {
    md += "## Notes\n\n";
    for (const auto& n : r.notes) md += "- " + n + "\n";
    md += "\n";
  }
  char buf[128];
  std::snprintf(buf, sizeof buf,
                "%d runs (%d read back from the run log); this invocation took %.1f s.\n",
                r.runs_done, r.runs_reused, r.seconds);
  md += buf;
  return md;
}

std::vector<std::filesystem::path> writeReport(const ReproReport& r,
                                               const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  std::vector<std::filesystem::path> files;
  files.push_back(dir / (r.name + ".md"));
  writeAtomically(files.back(), toMarkdown(r));
  files.push_back(dir / (r.name + ".json"));
  writeAtomically(files.back(), toJson(r).dump(1) + "\n");
  for (const auto& t : r.tables) {
    files.push_back(dir / (r.name + "-" + t.id + ".csv"));
    writeAtomically(files.back(), toCsv(t));
  }
  for (const auto& f : r.figures) {
    files.push_back(dir / (r.name + "-" + f.id + ".svg"));
    writeAtomically(files.back(), toSvg(f));
  }
  return files;
}

ReproReport readReport(const std::filesystem::path& dir, const std::string& name) {
  const auto path = dir / (name + ".json");
  std::ifstream in(path);
  if (!in) throw InputError(path.string() + ": no report (run the experiment first)");
  try {
    return reportFromJson(nlohmann::json::parse(in));
  } catch (const nlohmann::json::exception& e) {
    throw InputError(path.string() + ": " + e.what());
  } catch (const InputError& e) {
    throw InputError(path.string() + ": " + e.what());
  }
}

}  // namespace lreg
