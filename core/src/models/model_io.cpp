// modelFromJson / saveModel / loadModel: the one place that knows every model kind.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "lreg/common/status.h"
#include "lreg/models/lagrange_regressor_1d.h"
#include "lreg/models/lagrange_regressor_2d.h"
#include "lreg/models/lreg_connection.h"
#include "lreg/models/mlp.h"
#include "lreg/models/model.h"
#include "lreg/models/two_layer_relu.h"
#include "model_json.h"

namespace lreg {

namespace {

using Reader = std::function<std::unique_ptr<Model>(const nlohmann::json&)>;

template <class M>
Reader reader() {
  return [](const nlohmann::json& j) { return std::make_unique<M>(M::fromJson(j)); };
}

// Every kind this build reads. A new model kind (e.g. "mlp") adds its one line here.
const std::map<std::string, Reader>& readers() {
  static const std::map<std::string, Reader> r{
      {LagrangeRegressor1D::kKind, reader<LagrangeRegressor1D>()},
      {LagrangeRegressor2D::kKind, reader<LagrangeRegressor2D>()},
      {TwoLayerRelu::kKind, reader<TwoLayerRelu>()},
      {"mlp", reader<Mlp>()},
      {"lreg-connection", reader<LRegConnection>()},
  };
  return r;
}

std::string knownKinds() {
  std::string s;
  for (const auto& [k, r] : readers()) s += (s.empty() ? "" : ", ") + k;
  return s;
}

}  // namespace

std::unique_ptr<Model> modelFromJson(const nlohmann::json& j) {
  if (!j.is_object()) throw InputError("model: the JSON is not an object");
  std::string kind = detail::declaredKind(j);
  // Two-layer nets were saved without a kind before the Model interface.
  if (kind.empty() && j.contains("A") && j.contains("B")) kind = TwoLayerRelu::kKind;
  if (kind.empty()) throw InputError("model: no \"kind\" (known kinds: " + knownKinds() + ")");
  const auto it = readers().find(kind);
  if (it == readers().end())
    throw InputError("model: unknown kind \"" + kind + "\" (known kinds: " + knownKinds() + ")");
  return it->second(j);
}

void saveModel(const Model& model, const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  // Same folder, so the rename stays on one file system and is atomic.
  fs::path tmp = target;
  tmp += ".tmp" + std::to_string(std::hash<std::string>{}(path) % 100000);
  {
    std::ofstream f(tmp);
    if (!f) throw InputError(path + ": cannot write the file");
    f << model.toJson().dump(1) << '\n';
    f.flush();
    if (!f) {
      std::error_code ec;
      fs::remove(tmp, ec);
      throw InputError(path + ": write failed");
    }
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw InputError(path + ": cannot replace the file: " + ec.message());
  }
}

std::unique_ptr<Model> loadModel(const std::string& path) {
  std::ifstream f(path);
  if (!f) throw InputError(path + ": cannot open the file");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(f);
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(path + ": not valid JSON (byte " + std::to_string(e.byte) + ")");
  }
  try {
    return modelFromJson(j);
  } catch (const InputError& e) {
    throw InputError(path + ": " + e.what());
  }
}

}  // namespace lreg
