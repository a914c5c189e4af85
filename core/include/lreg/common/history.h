#pragma once
// The training history every trainer returns (MRC, Adam, SGD, LBFGS, ANMIN), so that any two
// runs can be raced on one chart. Point 0 is the initial model, before any training step.
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace lreg {

struct HistoryPoint {
  int step = 0;
  double seconds = 0;                   // cumulative training time up to and including this step
  double train_loss = 0;                // in History::loss units (e.g. MAE for MRC, MSE for ANMIN)
  double test_loss = 0;                 // NaN when there is no test set
  std::map<std::string, double> extra;  // dof, logdet, flips, train_mse, ...
};

struct History {
  std::string method;        // "mrc", "anmin", "adam", ...
  std::string loss = "mse";  // name of the primary loss, used for JSON keys train_<loss>
  std::vector<HistoryPoint> points;

  bool empty() const { return points.empty(); }
  const HistoryPoint& last() const { return points.back(); }
};

// JSON: {"step", "seconds", "train_<loss>", "test_<loss>", ...extra}; non-finite values -> null.
nlohmann::json toJson(const HistoryPoint& p, const std::string& loss);
nlohmann::json toJson(const History& h);

// A plateau of train_loss (point k = after epoch k): at k >= 2 window, the best of the last
// window points is not below (1 - tol) times the best before them, i.e. window epochs bought
// less than a tol share of improvement.
bool plateaued(const History& h, int window, double tol);

}  // namespace lreg
