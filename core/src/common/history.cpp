#include "lreg/common/history.h"

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

}  // namespace lreg
