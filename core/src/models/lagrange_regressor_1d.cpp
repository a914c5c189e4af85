#include "lreg/models/lagrange_regressor_1d.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>

#include "lreg/common/status.h"
#include "model_json.h"

namespace lreg {

namespace {
constexpr int kVersion = 1;  // version 1 files said "format"/"version"; both spellings are read
}  // namespace

LagrangeRegressor1D::LagrangeRegressor1D(Mesh1D mesh, Eigen::MatrixXd coeffs)
    : mesh_(std::move(mesh)), coeffs_(std::move(coeffs)) {
  if (coeffs_.rows() != mesh_.size() || coeffs_.cols() < 1)
    throw InputError("lreg1d: coefficients are " + std::to_string(coeffs_.rows()) + "x" +
                     std::to_string(coeffs_.cols()) + " but the mesh has " +
                     std::to_string(mesh_.size()) + " nodes (need nodes x outputs, outputs >= 1)");
}

Eigen::MatrixXd LagrangeRegressor1D::predict(const Eigen::MatrixXd& x) const {
  if (x.cols() != 1 && x.size() > 0)
    throw InputError("lreg1d: predict needs one input column, got " + std::to_string(x.cols()));
  Eigen::MatrixXd out(x.rows(), coeffs_.cols());
  for (Eigen::Index j = 0; j < x.rows(); ++j) {
    const double xj = x(j, 0);
    const int e = mesh_.locate(xj);
    const double t = mesh_.lambda(e, xj);
    out.row(j) = (1.0 - t) * coeffs_.row(e) + t * coeffs_.row(e + 1);
  }
  return out;
}

ParameterCount LagrangeRegressor1D::parameters() const {
  return {static_cast<long>(coeffs_.size()), std::max<long>(0, mesh_.size() - 2)};
}

Eigen::VectorXd LagrangeRegressor1D::predict1(const Eigen::VectorXd& x) const {
  return predict(x).col(0);
}

nlohmann::json LagrangeRegressor1D::toJson() const {
  nlohmann::json j;
  detail::writeHeader(j, kKind, kVersion);
  j["outputs"] = outputs();
  j["nodes"] = mesh_.nodes();
  auto rows = nlohmann::json::array();
  for (Eigen::Index i = 0; i < coeffs_.rows(); ++i) {
    std::vector<double> r(static_cast<size_t>(coeffs_.cols()));
    for (Eigen::Index c = 0; c < coeffs_.cols(); ++c) r[static_cast<size_t>(c)] = coeffs_(i, c);
    rows.push_back(r);
  }
  j["coeffs"] = rows;  // one row per node, one entry per output
  j["domain"] = detail::domainJson(domain());
  j["metadata"] = metadata_;
  return j;
}

LagrangeRegressor1D LagrangeRegressor1D::fromJson(const nlohmann::json& j) {
  detail::checkHeader(j, kKind, kVersion, false);
  try {
    const auto nodes = j.at("nodes").get<std::vector<double>>();
    const auto rows = j.at("coeffs").get<std::vector<std::vector<double>>>();
    if (rows.size() != nodes.size())
      throw InputError("lreg1d: " + std::to_string(nodes.size()) + " nodes but " +
                       std::to_string(rows.size()) + " coefficient rows");
    const size_t c = rows.empty() ? 0 : rows.front().size();
    Eigen::MatrixXd coeffs(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(c));
    for (size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].size() != c)
        throw InputError("lreg1d: coefficient row " + std::to_string(i) + " has " +
                         std::to_string(rows[i].size()) + " entries, expected " +
                         std::to_string(c));
      for (size_t k = 0; k < c; ++k) {
        if (!std::isfinite(rows[i][k]))
          throw InputError("lreg1d: coefficient row " + std::to_string(i) + " is not finite");
        coeffs(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k)) = rows[i][k];
      }
    }
    LagrangeRegressor1D m(Mesh1D(nodes), std::move(coeffs));
    m.setDomain(detail::domainFrom(j, 1, kKind));
    if (j.contains("metadata"))
      for (const auto& [key, value] : j.at("metadata").items())
        m.setMetadata(key, value.is_string() ? value.get<std::string>() : value.dump());
    return m;
  } catch (const nlohmann::json::exception& e) {
    throw InputError(std::string("lreg1d: malformed model: ") + e.what());
  }
}

void LagrangeRegressor1D::save(const std::string& path) const { saveModel(*this, path); }

LagrangeRegressor1D LagrangeRegressor1D::load(const std::string& path) {
  std::unique_ptr<Model> m = loadModel(path);
  if (auto* r = dynamic_cast<LagrangeRegressor1D*>(m.get())) return *r;
  throw InputError(path + ": holds a \"" + m->kind() + "\" model, not \"" + kKind + "\"");
}

}  // namespace lreg
