// A report as JSON and back (the studio reads the reports the CLI wrote).
#include <nlohmann/json.hpp>

#include "lreg/common/json.h"
#include "lreg/common/status.h"
#include "lreg/experiments/repro_output.h"

namespace lreg {

namespace {

using nlohmann::json;

json numbers(const std::vector<double>& v) {
  json a = json::array();
  for (double x : v) a.push_back(finiteOrNull(x));
  return a;
}

std::vector<double> readNumbers(const json& j, const char* field) {
  if (!j.is_array()) throw InputError(std::string(field) + ": not an array");
  std::vector<double> v;
  for (const auto& x : j) v.push_back(x.is_null() ? NAN : x.get<double>());
  return v;
}

const json& need(const json& j, const char* field) {
  if (!j.is_object() || !j.contains(field))
    throw InputError(std::string("missing '") + field + "'");
  return j.at(field);
}

const char* styleName(ReproSeries::Style s) {
  switch (s) {
    case ReproSeries::Style::Line:
      return "line";
    case ReproSeries::Style::Points:
      return "points";
    case ReproSeries::Style::LinePoints:
      return "linepoints";
  }
  return "linepoints";
}

ReproSeries::Style parseStyle(const std::string& s) {
  if (s == "line") return ReproSeries::Style::Line;
  if (s == "points") return ReproSeries::Style::Points;
  if (s == "linepoints") return ReproSeries::Style::LinePoints;
  throw InputError("style: \"" + s + "\" is not line, points or linepoints");
}

}  // namespace

json toJson(const ReproReport& r) {
  json claims = json::array(), tables = json::array(), figures = json::array();
  for (const auto& c : r.claims)
    claims.push_back({{"claim", c.claim},
                      {"paper", c.paper},
                      {"ours", c.ours},
                      {"verdict", toString(c.verdict)},
                      {"reason", c.reason}});
  for (const auto& t : r.tables)
    tables.push_back({{"id", t.id}, {"title", t.title}, {"columns", t.columns}, {"rows", t.rows}});
  for (const auto& f : r.figures) {
    json series = json::array();
    for (const auto& s : f.series)
      series.push_back({{"name", s.name},
                        {"x", numbers(s.x)},
                        {"y", numbers(s.y)},
                        {"y_err", numbers(s.y_err)},
                        {"style", styleName(s.style)},
                        {"bold", s.bold}});
    figures.push_back({{"id", f.id},
                       {"title", f.title},
                       {"x_label", f.x_label},
                       {"y_label", f.y_label},
                       {"log_x", f.log_x},
                       {"log_y", f.log_y},
                       {"series", series}});
  }
  return {{"name", r.name},
          {"title", r.title},
          {"status", toString(r.status.code)},
          {"status_message", r.status.message},
          {"claims", claims},
          {"tables", tables},
          {"figures", figures},
          {"notes", r.notes},
          {"runs_done", r.runs_done},
          {"runs_reused", r.runs_reused},
          {"seconds", r.seconds},
          {"command", r.command}};
}

ReproReport reportFromJson(const json& j) {
  ReproReport r;
  r.name = need(j, "name").get<std::string>();
  r.title = need(j, "title").get<std::string>();
  const std::string status = need(j, "status").get<std::string>();
  r.status.message = j.value("status_message", std::string());
  bool known = false;
  for (StatusCode c : {StatusCode::Success, StatusCode::InvalidInput, StatusCode::NumericalIssue,
                       StatusCode::NoConvergence, StatusCode::Cancelled})
    if (status == toString(c)) r.status.code = c, known = true;
  if (!known) throw InputError("status: \"" + status + "\" is not a status");
  for (const auto& c : need(j, "claims"))
    r.claims.push_back({need(c, "claim").get<std::string>(), need(c, "paper").get<std::string>(),
                        need(c, "ours").get<std::string>(),
                        parseVerdict(need(c, "verdict").get<std::string>()),
                        need(c, "reason").get<std::string>()});
  for (const auto& t : need(j, "tables")) {
    ReproTable table{need(t, "id").get<std::string>(), need(t, "title").get<std::string>(),
                     need(t, "columns").get<std::vector<std::string>>(),
                     need(t, "rows").get<std::vector<std::vector<std::string>>>()};
    for (size_t i = 0; i < table.rows.size(); ++i)
      if (table.rows[i].size() != table.columns.size())
        throw InputError("table " + table.id + ", row " + std::to_string(i + 1) + ": " +
                         std::to_string(table.rows[i].size()) + " cells for " +
                         std::to_string(table.columns.size()) + " columns");
    r.tables.push_back(std::move(table));
  }
  for (const auto& f : need(j, "figures")) {
    ReproFigure fig;
    fig.id = need(f, "id").get<std::string>();
    fig.title = need(f, "title").get<std::string>();
    fig.x_label = need(f, "x_label").get<std::string>();
    fig.y_label = need(f, "y_label").get<std::string>();
    fig.log_x = need(f, "log_x").get<bool>();
    fig.log_y = need(f, "log_y").get<bool>();
    for (const auto& s : need(f, "series")) {
      ReproSeries series;
      series.name = need(s, "name").get<std::string>();
      series.x = readNumbers(need(s, "x"), "x");
      series.y = readNumbers(need(s, "y"), "y");
      series.y_err = readNumbers(need(s, "y_err"), "y_err");
      if (series.x.size() != series.y.size() ||
          (!series.y_err.empty() && series.y_err.size() != series.y.size()))
        throw InputError("figure " + fig.id + ", series " + series.name +
                         ": x, y and y_err differ in length");
      series.style = parseStyle(need(s, "style").get<std::string>());
      series.bold = need(s, "bold").get<bool>();
      fig.series.push_back(std::move(series));
    }
    r.figures.push_back(std::move(fig));
  }
  r.notes = need(j, "notes").get<std::vector<std::string>>();
  r.runs_done = need(j, "runs_done").get<int>();
  r.runs_reused = need(j, "runs_reused").get<int>();
  r.seconds = need(j, "seconds").get<double>();
  r.command = j.value("command", std::string());
  return r;
}

}  // namespace lreg
