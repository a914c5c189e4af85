#include "model_json.h"

#include <cmath>

#include "lreg/common/status.h"

namespace lreg::detail {

void writeHeader(nlohmann::json& j, const std::string& kind, int version) {
  j["kind"] = kind;
  j["format_version"] = version;
}

std::string declaredKind(const nlohmann::json& j) {
  if (!j.is_object()) return {};
  for (const char* key : {"kind", "format"})
    if (j.contains(key) && j[key].is_string()) return j[key].get<std::string>();
  return {};
}

void checkHeader(const nlohmann::json& j, const std::string& kind, int version, bool legacy_ok) {
  if (!j.is_object()) throw InputError(kind + " model: the JSON is not an object");
  const std::string declared = declaredKind(j);
  if (declared.empty() && !legacy_ok)
    throw InputError(kind + " model: no \"kind\" (expected \"" + kind + "\")");
  if (!declared.empty() && declared != kind)
    throw InputError(kind + " model: the file holds kind \"" + declared + "\"");
  const char* vkey = j.contains("format_version") ? "format_version" : "version";
  if (!j.contains(vkey)) {
    if (declared.empty()) return;  // a legacy file without any header
    throw InputError(kind + " model: no \"format_version\"");
  }
  if (!j[vkey].is_number_integer() || j[vkey].get<int>() < 1 || j[vkey].get<int>() > version)
    throw InputError(kind + " model: unsupported \"" + vkey + "\" " + j[vkey].dump() +
                     " (this build reads 1 to " + std::to_string(version) + ")");
}

nlohmann::json domainJson(const Domain& d) {
  if (d.empty()) return nullptr;
  return {{"lo", std::vector<double>(d.lo.data(), d.lo.data() + d.lo.size())},
          {"hi", std::vector<double>(d.hi.data(), d.hi.data() + d.hi.size())}};
}

Domain domainFrom(const nlohmann::json& j, int inputs, const std::string& what) {
  Domain d;
  if (!j.contains("domain") || j["domain"].is_null()) return d;
  const auto& dj = j["domain"];
  try {
    const auto lo = dj.at("lo").get<std::vector<double>>();
    const auto hi = dj.at("hi").get<std::vector<double>>();
    if (lo.size() != static_cast<size_t>(inputs) || hi.size() != lo.size())
      throw InputError(what + " model: \"domain\" needs " + std::to_string(inputs) +
                       " entries in \"lo\" and \"hi\"");
    d.lo = Eigen::Map<const Eigen::VectorXd>(lo.data(), inputs);
    d.hi = Eigen::Map<const Eigen::VectorXd>(hi.data(), inputs);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(what + " model: malformed \"domain\": " + e.what());
  }
  if (!d.lo.allFinite() || !d.hi.allFinite() || (d.lo.array() > d.hi.array()).any())
    throw InputError(what + " model: \"domain\" needs finite lo <= hi");
  return d;
}

namespace {
template <class M>
nlohmann::json rowsJson(const M& m) {
  auto rows = nlohmann::json::array();
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    auto row = nlohmann::json::array();
    for (Eigen::Index c = 0; c < m.cols(); ++c) row.push_back(m(r, c));
    rows.push_back(std::move(row));
  }
  return rows;
}

template <class T>
Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic> rowsFrom(const nlohmann::json& j, const char* key,
                                                          const std::string& what,
                                                          Eigen::Index cols) {
  const std::string field = what + " model: \"" + key + "\"";
  if (!j.contains(key) || !j[key].is_array()) throw InputError(field + " is missing");
  const auto& rows = j[key];
  const auto n = static_cast<Eigen::Index>(rows.size());
  const Eigen::Index c = cols >= 0 ? cols : (n ? static_cast<Eigen::Index>(rows[0].size()) : 0);
  Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic> m(n, c);
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto& row = rows[static_cast<size_t>(i)];
    if (!row.is_array() || static_cast<Eigen::Index>(row.size()) != c)
      throw InputError(field + " row " + std::to_string(i) + " needs " + std::to_string(c) +
                       " entries");
    for (Eigen::Index k = 0; k < c; ++k) {
      const auto& v = row[static_cast<size_t>(k)];
      const bool ok = std::is_integral_v<T> ? v.is_number_integer() : v.is_number();
      if (!ok)
        throw InputError(field + " row " + std::to_string(i) + " entry " + std::to_string(k) +
                         " is not " + (std::is_integral_v<T> ? "an integer" : "a number"));
      m(i, k) = v.get<T>();
      if constexpr (!std::is_integral_v<T>)
        if (!std::isfinite(m(i, k)))
          throw InputError(field + " row " + std::to_string(i) + " is not finite");
    }
  }
  return m;
}
}  // namespace

nlohmann::json matrixJson(const Eigen::MatrixXd& m) { return rowsJson(m); }
nlohmann::json matrixJson(const Eigen::MatrixXi& m) { return rowsJson(m); }

Eigen::MatrixXd matrixFrom(const nlohmann::json& j, const char* key, const std::string& what,
                           Eigen::Index cols) {
  return rowsFrom<double>(j, key, what, cols);
}

Eigen::MatrixXi indexMatrixFrom(const nlohmann::json& j, const char* key, const std::string& what,
                                Eigen::Index cols) {
  return rowsFrom<int>(j, key, what, cols);
}

}  // namespace lreg::detail
