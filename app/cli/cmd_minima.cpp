// lreg minima: every local minimum of a minimal ReLU net's ridge-regularised MSE, certified
// (core/minima), with the grid-search check and, with --basins N, the share of N random starts
// per minimum for L-BFGS, Adam, SGD and ANMIN from the same starts. docs/minima.md describes the
// method and the JSON.
#include <chrono>
#include <iostream>
#include <memory>
#include <string>

#include "cli_common.h"
#include "commands.h"
#include "lreg/common/json.h"
#include "lreg/data/csv.h"
#include "lreg/minima/enumerate.h"
#include "lreg/minima/tiny_sets.h"
#include "lreg/minima/validation.h"

namespace lreg::cli {

namespace {

using nlohmann::json;
using namespace lreg::minima;

json netJson(const TinyNet& n) {
  auto vec = [](const Eigen::VectorXd& v) {
    return std::vector<double>(v.data(), v.data() + v.size());
  };
  return {{"a", vec(n.a)}, {"w", vec(n.w)}, {"c", vec(n.c)}, {"m", n.m}};
}

json pointJson(const MinimumPoint& p, const Eigen::VectorXd& x, const Eigen::VectorXd& y,
               double lambda) {
  json j = netJson(p.net);
  j["loss"] = p.loss;
  j["kind"] = toString(p.kind);
  j["dimension"] = p.dimension;
  if (p.kind == PointKind::Set) {
    json ends = json::array();
    for (size_t k = 0; k < p.end_points.size(); ++k) {
      json e = netJson(p.end_points[k]);
      e["loss"] = loss(p.end_points[k], x, y, lambda);
      e["is_minimum"] = static_cast<bool>(p.end_point_is_minimum[k]);
      ends.push_back(e);
    }
    j["end_points"] = ends;
  }
  json margins = json::array();
  for (double m : p.margins) margins.push_back(finiteOrNull(m));
  j["certificate"] = {{"method", p.certificate},        {"hessian_eigenvalues", p.hessian},
                      {"one_sided_margins", margins},   {"min_margin", finiteOrNull(p.min_margin)},
                      {"stationarity", p.stationarity}, {"exact", p.exact}};
  json region = json::array();
  for (size_t u = 0; u < p.region.size(); ++u)
    region.push_back({{"unit", u},
                      {"face", p.region[u].face},
                      {"index", p.region[u].index},
                      {"sign", p.region[u].sign},
                      {"active", p.region[u].active}});
  j["region"] = region;
  if (p.kind == PointKind::Critical) j["reason"] = p.reason;
  return j;
}

void loadPoints(const std::string& data, Eigen::VectorXd& x, Eigen::VectorXd& y) {
  if (tinySet(data, x, y)) return;
  const CsvTable t = readCsv(data);
  if (t.values.cols() != 2)
    throw InputError(data + ": lreg minima reads two columns x,y; found " +
                     std::to_string(t.values.cols()));
  if (t.values.rows() > 200)
    throw InputError(data + ": " + std::to_string(t.values.rows()) +
                     " rows; lreg minima enumerates O(n^h) regions, use at most 200 samples");
  x = t.values.col(0);
  y = t.values.col(1);
}

}  // namespace

void addMinimaCommand(CLI::App& app) {
  struct Args {
    int hidden = 1;
    std::string data;
    double lambda = 0;
    long basins = 0;
    std::uint64_t seed = 1;
    double init_scale = 1.0;
    int grid = 0;
    bool json = false;
    bool no_polish = false;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "minima", "Every local minimum of a 1-input ReLU net with h = 1 or 2 units, certified");
  cmd->add_option("--hidden", a->hidden, "Hidden units h")
      ->capture_default_str()
      ->check(CLI::IsMember({1, 2}));
  cmd->add_option("--data", a->data, "Headerless x,y CSV, or a built-in set: tiny, tiny-kink")
      ->required();
  cmd->add_option("--lambda", a->lambda, "Ridge weight on a, w, c (m is unpenalised), > 0")
      ->required()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--basins", a->basins,
                  "Random starts, each trained by L-BFGS, Adam, SGD and ANMIN, to match")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--seed", a->seed, "Seed of the random starts")->capture_default_str();
  cmd->add_option("--init-scale", a->init_scale, "Random starts: a, w, c ~ N(0, s^2)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--grid", a->grid, "Grid points per axis of the check (default 801 h=1, 41 h=2)")
      ->check(CLI::Range(3, 5001));
  cmd->add_flag(
      "--no-polish", a->no_polish,
      "Match Adam's and SGD's end points as their schedules leave them (no L-BFGS polish)");
  cmd->add_flag("--json", a->json, "Print one JSON object");
  cmd->callback([a] {
    Eigen::VectorXd x, y;
    loadPoints(a->data, x, y);
    MinimaOptions o;
    o.hidden = a->hidden;
    o.lambda = a->lambda;
    const MinimaReport r = enumerateMinima(x, y, o);
    if (r.minima.empty()) throw NumericalError("minima: the enumeration found no minimum");
    const int perAxis = a->grid > 0 ? a->grid : (a->hidden == 1 ? 801 : 41);
    const auto tg = std::chrono::steady_clock::now();
    const GridCheck g = gridSearch(x, y, o.lambda, r, o.hidden, perAxis);
    const double gridSecs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - tg).count();
    std::vector<BasinShare> shares;
    double basinSecs = 0;
    if (a->basins > 0) {
      BasinOptions bo;
      bo.runs = a->basins;
      bo.seed = a->seed;
      bo.init_scale = a->init_scale;
      bo.polish = !a->no_polish;
      const auto tb = std::chrono::steady_clock::now();
      shares = basinShares(x, y, o.lambda, r, bo);
      basinSecs = std::chrono::duration<double>(std::chrono::steady_clock::now() - tb).count();
    }
    json j;
    j["command"] = "minima";
    j["data"] = a->data;
    j["n"] = x.size();
    j["hidden"] = o.hidden;
    j["lambda"] = o.lambda;
    j["minima"] = json::array();
    for (const auto& p : r.minima) j["minima"].push_back(pointJson(p, x, y, o.lambda));
    j["critical"] = json::array();
    for (const auto& p : r.critical) j["critical"].push_back(pointJson(p, x, y, o.lambda));
    j["regions"] = r.regions;
    j["faces"] = r.faces;
    j["candidates"] = r.candidates;
    j["exact_checks"] = r.exact_checks;
    j["exact_disagreements"] = r.exact_disagreements;
    j["degenerate_faces"] = r.degenerate;
    j["grid_search"] = {{"points", g.points}, {"per_axis", g.per_axis},
                        {"range", g.range},   {"best", g.best},
                        {"global", g.global}, {"relative_gap", g.relative_gap},
                        {"passed", g.passed}};
    if (a->basins > 0) {
      json t = json::array();
      for (const BasinShare& b : shares) {
        json sm = json::array(), sc = json::array();
        for (long k : b.minima) sm.push_back(double(k) / b.runs);
        for (long k : b.critical) sc.push_back(double(k) / b.runs);
        t.push_back({{"trainer", b.trainer},
                     {"runs", b.runs},
                     {"global_share", b.global_share},
                     {"minima", sm},
                     {"critical", sc},
                     {"unmatched", double(b.unmatched) / b.runs},
                     {"unmatched_near", double(b.unmatched_near) / b.runs},
                     {"unmatched_runs", b.unmatched},
                     {"unmatched_gaps", b.unmatched_gaps},
                     {"polished", b.polished},
                     {"polish_moved", b.polish_moved}});
      }
      j["basins"] = {{"runs", a->basins},
                     {"seed", a->seed},
                     {"init_scale", a->init_scale},
                     {"polish", !a->no_polish},
                     {"trainers", t}};
    }
    j["seconds"] = {{"enumerate", r.seconds}, {"grid", gridSecs}, {"basins", basinSecs}};
    if (a->json) {
      printJson(j);
      return;
    }
    std::cout << "regions " << r.regions << ", faces " << r.faces << ", candidates " << r.candidates
              << ", " << r.minima.size() << " minima, " << r.critical.size() << " critical points ("
              << r.seconds << " s)\n";
    for (size_t k = 0; k < r.minima.size(); ++k)
      std::cout << (k == 0 ? "global " : "local  ") << toString(r.minima[k].kind) << " loss "
                << r.minima[k].loss << " (" << r.minima[k].certificate << ")\n";
    std::cout << "grid search " << (g.passed ? "passed" : "FAILED") << ": best " << g.best
              << " over " << g.points << " points\n";
    for (const BasinShare& b : shares)
      std::cout << b.trainer << ": global share " << b.global_share << ", unmatched " << b.unmatched
                << " of " << b.runs << "\n";
  });
}

}  // namespace lreg::cli
