#pragma once
// JSON pieces shared by the Model implementations (private to core): the kind/version header,
// the domain, and matrices as arrays of rows. Errors are InputError naming the model and field.
#include <Eigen/Core>
#include <nlohmann/json.hpp>
#include <string>

#include "lreg/models/model.h"

namespace lreg::detail {

// Writes "kind" and "format_version".
void writeHeader(nlohmann::json& j, const std::string& kind, int version);
// Accepts "kind" + "format_version", or the older "format" + "version"; a file without either
// is taken as `kind` when legacy_ok (two-layer nets were written without a kind).
void checkHeader(const nlohmann::json& j, const std::string& kind, int version, bool legacy_ok);
// The kind a JSON object declares ("kind", else the old "format"); empty when none.
std::string declaredKind(const nlohmann::json& j);

nlohmann::json domainJson(const Domain& d);  // {"lo": [...], "hi": [...]}; null when empty
// Reads j["domain"] if present; its size must be `inputs`.
Domain domainFrom(const nlohmann::json& j, int inputs, const std::string& what);

nlohmann::json matrixJson(const Eigen::MatrixXd& m);  // array of rows
nlohmann::json matrixJson(const Eigen::MatrixXi& m);
// j[key] as a rows x cols matrix (cols < 0: any, but not ragged); finite values only.
Eigen::MatrixXd matrixFrom(const nlohmann::json& j, const char* key, const std::string& what,
                           Eigen::Index cols = -1);
Eigen::MatrixXi indexMatrixFrom(const nlohmann::json& j, const char* key, const std::string& what,
                                Eigen::Index cols);

}  // namespace lreg::detail
