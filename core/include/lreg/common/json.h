#pragma once
// JSON helpers: non-finite numbers are written as null (JSON has no NaN or inf).
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>

namespace lreg {

inline nlohmann::json finiteOrNull(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

inline nlohmann::json finiteOrNull(const std::optional<double>& v) {
  return v ? finiteOrNull(*v) : nlohmann::json(nullptr);
}

}  // namespace lreg
