#include "lreg/common/history.h"

#include <algorithm>
#include <limits>

#include "lreg/common/json.h"

namespace lreg {

nlohmann::json toJson(const HistoryPoint& p, const std::string& loss) {
  nlohmann::json j;
  j["step"] = p.step;
  j["seconds"] = finiteOrNull(p.seconds);
  j["train_" + loss] = finiteOrNull(p.train_loss);
  j["test_" + loss] = finiteOrNull(p.test_loss);
  for (const auto& [key, value] : p.extra) j[key] = finiteOrNull(value);
  return j;
}

nlohmann::json toJson(const History& h) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& p : h.points) list.push_back(toJson(p, h.loss));
  return list;
}

bool plateaued(const History& h, int window, double tol) {
  const int k = static_cast<int>(h.points.size()) - 1;
  if (window < 1 || k < 2 * window) return false;
  double before = std::numeric_limits<double>::infinity(), recent = before;
  for (int i = 0; i <= k; ++i) {
    const double v = h.points[static_cast<size_t>(i)].train_loss;
    if (i <= k - window)
      before = std::min(before, v);
    else
      recent = std::min(recent, v);
  }
  return !(recent < (1.0 - tol) * before);
}

}  // namespace lreg
