#pragma once
// Strict readers of JSON fields for option objects and specs (private to core): each problem is
// appended to `errors` as "PREFIXkey: what is wrong and what is allowed", so that a caller can
// report every bad, unknown or missing field at once.
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace lreg::detail {

template <class T>
bool readNumber(const nlohmann::json& j, const std::string& key, T& out, double lo, double hi,
                std::vector<std::string>& errors, const std::string& prefix) {
  if (!j.contains(key)) return false;
  const auto& v = j.at(key);
  const bool integral = std::is_integral_v<T>;
  if (!(integral ? v.is_number_integer() : v.is_number())) {
    errors.push_back(prefix + key + ": must be " + (integral ? "an integer" : "a number") +
                     ", got " + v.dump());
    return false;
  }
  const double x = v.get<double>();
  if (!(x >= lo && x <= hi)) {
    errors.push_back(prefix + key + ": " + v.dump() + " is outside [" + nlohmann::json(lo).dump() +
                     ", " + nlohmann::json(hi).dump() + "]");
    return false;
  }
  out = v.get<T>();
  return true;
}

template <class E>
void readChoice(const nlohmann::json& j, const std::string& key, E& out,
                const std::vector<std::pair<std::string, E>>& choices,
                std::vector<std::string>& errors, const std::string& prefix) {
  if (!j.contains(key)) return;
  std::string allowed;
  for (const auto& [name, value] : choices) {
    allowed += (allowed.empty() ? "" : ", ") + name;
    if (j.at(key).is_string() && j.at(key).get<std::string>() == name) {
      out = value;
      return;
    }
  }
  errors.push_back(prefix + key + ": " + j.at(key).dump() + " is not one of: " + allowed);
}

inline void readBool(const nlohmann::json& j, const std::string& key, bool& out,
                     std::vector<std::string>& errors, const std::string& prefix) {
  if (!j.contains(key)) return;
  if (!j.at(key).is_boolean())
    errors.push_back(prefix + key + ": must be true or false");
  else
    out = j.at(key).get<bool>();
}

inline void unknownKeys(const nlohmann::json& j, const std::set<std::string>& known,
                        std::vector<std::string>& errors, const std::string& prefix) {
  std::string list;
  for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
  for (const auto& [k, v] : j.items())
    if (!known.count(k)) errors.push_back(prefix + k + ": unknown field (known: " + list + ")");
}

template <class E>
std::string nameOf(E value, const std::vector<std::pair<std::string, E>>& choices) {
  for (const auto& [name, v] : choices)
    if (v == value) return name;
  return "?";
}

}  // namespace lreg::detail
