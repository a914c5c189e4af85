#pragma once
// The files of an experiment's report: <name>.md (claims with verdicts, tables, figure links,
// notes), <name>.json (the whole report, read back by the studio), <name>-<table>.csv and
// <name>-<figure>.svg. Written to a temporary name and renamed, so a reader never sees half.
#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "lreg/experiments/repro.h"

namespace lreg {

std::string toMarkdown(const ReproReport& r);
std::string toCsv(const ReproTable& t);
// A self-contained SVG plot: axes (log axes with decade ticks), error bars, legend.
std::string toSvg(const ReproFigure& f, int width = 880, int height = 480);

nlohmann::json toJson(const ReproReport& r);
// Throws InputError naming the field when j is not a report.
ReproReport reportFromJson(const nlohmann::json& j);

// Writes every file of r into dir (created); returns their paths, the Markdown first.
std::vector<std::filesystem::path> writeReport(const ReproReport& r,
                                               const std::filesystem::path& dir);
// Reads <dir>/<name>.json; throws InputError when it is missing or malformed.
ReproReport readReport(const std::filesystem::path& dir, const std::string& name);

// Number formatting for tables: "0.9985", "0.2688 ± 0.1102", "n/a" for NaN.
std::string fmtNumber(double v, int digits = 4);
std::string fmtMeanSd(double mean, double sd, int digits = 4);

}  // namespace lreg
