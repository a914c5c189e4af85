#include "lreg/models/mlp.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "lreg/common/status.h"

namespace lreg {

Activation parseActivation(const std::string& s) {
  if (s == "relu") return Activation::Relu;
  if (s == "leaky-relu" || s == "leaky_relu") return Activation::LeakyRelu;
  if (s == "tanh") return Activation::Tanh;
  throw InputError("--activation: expected relu, leaky-relu or tanh, got '" + s + "'");
}

std::string toString(Activation a) {
  switch (a) {
    case Activation::Relu:
      return "relu";
    case Activation::LeakyRelu:
      return "leaky-relu";
    case Activation::Tanh:
      return "tanh";
  }
  return "relu";
}

Mlp::Mlp(std::vector<MlpLayer> layers, Activation activation, double leak, Standardizer input,
         Standardizer output)
    : layers_(std::move(layers)),
      activation_(activation),
      leak_(leak),
      in_(std::move(input)),
      out_(std::move(output)) {
  const int hidden = static_cast<int>(layers_.size()) - 1;
  if (hidden < 1 || hidden > 4)
    throw InputError("mlp: 1 to 4 hidden layers, got " + std::to_string(hidden));
  for (size_t l = 0; l < layers_.size(); ++l) {
    const auto& L = layers_[l];
    const std::string where = "mlp: layer " + std::to_string(l + 1);
    if (L.W.rows() < 1 || L.W.cols() < 1 || L.b.size() != L.W.cols())
      throw InputError(where + ": W must be fan_in x fan_out and b 1 x fan_out");
    if (l > 0 && L.W.rows() != layers_[l - 1].W.cols())
      throw InputError(where + ": fan_in " + std::to_string(L.W.rows()) + " does not match " +
                       std::to_string(layers_[l - 1].W.cols()) + " units before it");
  }
  if (!(leak_ >= 0.0 && leak_ < 1.0))
    throw InputError("mlp: the leaky slope must be in [0, 1), got " + std::to_string(leak_));
  if (activation_ == Activation::Relu) leak_ = 0.0;
  in_.check("mlp input");
  out_.check("mlp output");
  if (in_.columns() != inputs() || out_.columns() != outputs())
    throw InputError("mlp: scalings do not match the layer sizes");
}

Mlp Mlp::random(int inputs, int outputs, int hidden, int layers, Activation activation, double leak,
                std::uint64_t seed, Standardizer input, Standardizer output) {
  if (hidden < 1) throw InputError("mlp: --hidden must be >= 1, got " + std::to_string(hidden));
  if (layers < 1 || layers > 4)
    throw InputError("mlp: --layers must be 1 to 4, got " + std::to_string(layers));
  std::mt19937_64 rng(seed);
  std::vector<MlpLayer> ls;
  int fan_in = inputs;
  for (int l = 0; l <= layers; ++l) {
    const int fan_out = l < layers ? hidden : outputs;
    std::uniform_real_distribution<double> u(-1.0 / std::sqrt(fan_in), 1.0 / std::sqrt(fan_in));
    MlpLayer L{Eigen::MatrixXd(fan_in, fan_out), Eigen::RowVectorXd(fan_out)};
    for (Eigen::Index c = 0; c < fan_out; ++c)
      for (Eigen::Index r = 0; r < fan_in; ++r) L.W(r, c) = u(rng);
    for (Eigen::Index c = 0; c < fan_out; ++c) L.b[c] = u(rng);
    ls.push_back(std::move(L));
    fan_in = fan_out;
  }
  return Mlp(std::move(ls), activation, leak, std::move(input), std::move(output));
}

int Mlp::inputs() const { return layers_.empty() ? 0 : static_cast<int>(layers_.front().W.rows()); }
int Mlp::outputs() const { return layers_.empty() ? 0 : static_cast<int>(layers_.back().W.cols()); }

double Mlp::sigma(double u) const {
  if (activation_ == Activation::Tanh) return std::tanh(u);
  return u > 0 ? u : leak_ * u;
}

namespace {
void activateInPlace(Eigen::MatrixXd& z, Activation a, double leak) {
  if (a == Activation::Tanh)
    z = z.array().tanh().matrix();
  else
    z = z.cwiseMax(leak * z);
}
}  // namespace

Eigen::MatrixXd Mlp::forward(const Eigen::MatrixXd& xs) const {
  if (xs.cols() != inputs())
    throw InputError("mlp: data has " + std::to_string(xs.cols()) +
                     " input columns, the net expects " + std::to_string(inputs()));
  Eigen::MatrixXd h = xs;
  for (size_t l = 0; l < layers_.size(); ++l) {
    Eigen::MatrixXd z = h * layers_[l].W;
    z.rowwise() += layers_[l].b;
    if (l + 1 < layers_.size()) activateInPlace(z, activation_, leak_);
    h = std::move(z);
  }
  return h;
}

Eigen::MatrixXd Mlp::preActivation(const Eigen::MatrixXd& xs, int layer) const {
  if (layer < 0 || layer >= hiddenLayers())
    throw InputError("mlp: no hidden layer " + std::to_string(layer));
  Eigen::MatrixXd h = xs;
  for (int l = 0;; ++l) {
    Eigen::MatrixXd z = h * layers_[l].W;
    z.rowwise() += layers_[l].b;
    if (l == layer) return z;
    activateInPlace(z, activation_, leak_);
    h = std::move(z);
  }
}

Eigen::MatrixXd Mlp::predict(const Eigen::MatrixXd& x) const {
  if (x.cols() != inputs())
    throw InputError("mlp: input has " + std::to_string(x.cols()) + " columns, the model expects " +
                     std::to_string(inputs()));
  return out_.invert(forward(in_.apply(x)));
}

ParameterCount Mlp::parameters() const { return {static_cast<long>(flatSize()), 0}; }

Eigen::Index Mlp::flatSize() const {
  Eigen::Index n = 0;
  for (const auto& L : layers_) n += L.W.size() + L.b.size();
  return n;
}

Eigen::VectorXd Mlp::flatParameters() const {
  Eigen::VectorXd t(flatSize());
  Eigen::Index k = 0;
  for (const auto& L : layers_) {
    t.segment(k, L.W.size()) = L.W.reshaped();
    k += L.W.size();
    t.segment(k, L.b.size()) = L.b.transpose();
    k += L.b.size();
  }
  return t;
}

void Mlp::setFlatParameters(const Eigen::VectorXd& theta) {
  if (theta.size() != flatSize())
    throw InputError("mlp: " + std::to_string(theta.size()) + " parameters given, the net has " +
                     std::to_string(flatSize()));
  Eigen::Index k = 0;
  for (auto& L : layers_) {
    L.W.reshaped() = theta.segment(k, L.W.size());
    k += L.W.size();
    L.b = theta.segment(k, L.b.size()).transpose();
    k += L.b.size();
  }
}

bool Mlp::allFinite() const {
  for (const auto& L : layers_)
    if (!L.W.allFinite() || !L.b.allFinite()) return false;
  return true;
}

Eigen::MatrixXd Mlp::backward(const Eigen::Ref<const Eigen::MatrixXd>& xs,
                              const OutputGradient& dloss, Eigen::VectorXd& grad) const {
  const size_t nl = layers_.size();
  std::vector<Eigen::MatrixXd> z(nl), h(nl + 1);  // h[0] = input, h[l+1] = sigma(z[l])
  h[0] = xs;
  for (size_t l = 0; l < nl; ++l) {
    z[l].noalias() = h[l] * layers_[l].W;
    z[l].rowwise() += layers_[l].b;
    h[l + 1] = z[l];
    if (l + 1 < nl) activateInPlace(h[l + 1], activation_, leak_);
  }
  grad.resize(flatSize());
  std::vector<Eigen::Index> offset(nl);
  Eigen::Index k = 0;
  for (size_t l = 0; l < nl; ++l) {
    offset[l] = k;
    k += layers_[l].W.size() + layers_[l].b.size();
  }
  Eigen::MatrixXd dz = dloss(h[nl]), dw;
  for (size_t l = nl; l-- > 0;) {
    const MlpLayer& L = layers_[l];
    dw.noalias() = h[l].transpose() * dz;
    grad.segment(offset[l], L.W.size()) = dw.reshaped();
    grad.segment(offset[l] + L.W.size(), L.b.size()) = dz.colwise().sum().transpose();
    if (l == 0) break;
    Eigen::MatrixXd dh = dz * L.W.transpose();
    if (activation_ == Activation::Tanh)
      dz = dh.array() * (1.0 - h[l].array().square());
    else
      dz = (z[l - 1].array() > 0).select(dh, leak_ * dh);
  }
  return std::move(h[nl]);
}

double Mlp::objective(const Eigen::Ref<const Eigen::MatrixXd>& xs,
                      const Eigen::Ref<const Eigen::MatrixXd>& ys, double lambda,
                      Eigen::VectorXd* grad) const {
  const double n = static_cast<double>(xs.rows());
  const Eigen::VectorXd theta = flatParameters();
  double sse = 0;
  if (grad) {
    backward(
        xs,
        [&](const Eigen::MatrixXd& f) -> Eigen::MatrixXd {
          const Eigen::MatrixXd r = f - ys;
          sse = r.squaredNorm();
          return r * (2.0 / n);
        },
        *grad);
    *grad += 2.0 * lambda * theta;
  } else {
    sse = (forward(xs) - ys).squaredNorm();
  }
  return sse / n + lambda * theta.squaredNorm();
}

namespace {
nlohmann::json rowsJson(const Eigen::MatrixXd& m) {
  auto rows = nlohmann::json::array();
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    auto row = nlohmann::json::array();
    for (Eigen::Index c = 0; c < m.cols(); ++c) row.push_back(m(r, c));
    rows.push_back(std::move(row));
  }
  return rows;
}
nlohmann::json listJson(const Eigen::RowVectorXd& v) {
  auto a = nlohmann::json::array();
  for (double x : v) a.push_back(x);
  return a;
}
Eigen::MatrixXd rowsFrom(const nlohmann::json& j, const std::string& key) {
  if (!j.contains(key) || !j[key].is_array() || j[key].empty())
    throw InputError("mlp JSON: missing or empty '" + key + "'");
  const auto& rows = j[key];
  const auto c = static_cast<Eigen::Index>(rows[0].size());
  Eigen::MatrixXd m(static_cast<Eigen::Index>(rows.size()), c);
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    if (!rows[i].is_array() || static_cast<Eigen::Index>(rows[i].size()) != c)
      throw InputError("mlp JSON: '" + key + "' row " + std::to_string(i + 1) + " is ragged");
    for (Eigen::Index k = 0; k < c; ++k) m(i, k) = rows[i][k].get<double>();
  }
  return m;
}
Eigen::RowVectorXd listFrom(const nlohmann::json& j, const std::string& key) {
  if (!j.contains(key) || !j[key].is_array()) throw InputError("mlp JSON: missing '" + key + "'");
  Eigen::RowVectorXd v(static_cast<Eigen::Index>(j[key].size()));
  for (Eigen::Index i = 0; i < v.size(); ++i) v[i] = j[key][i].get<double>();
  return v;
}
}  // namespace

nlohmann::json Mlp::toJson() const {
  nlohmann::json j;
  j["kind"] = kind();
  j["format_version"] = 1;
  j["inputs"] = inputs();
  j["outputs"] = outputs();
  j["hidden_layers"] = hiddenLayers();
  j["activation"] = toString(activation_);
  j["leak"] = leak_;
  auto ls = nlohmann::json::array();
  for (const auto& L : layers_) ls.push_back({{"W", rowsJson(L.W)}, {"b", listJson(L.b)}});
  j["layers"] = std::move(ls);
  j["x_mean"] = listJson(in_.mean);
  j["x_scale"] = listJson(in_.scale);
  j["y_mean"] = listJson(out_.mean);
  j["y_scale"] = listJson(out_.scale);
  if (!domain().empty()) {
    j["domain_lo"] = listJson(domain().lo.transpose());
    j["domain_hi"] = listJson(domain().hi.transpose());
  }
  return j;
}

Mlp Mlp::fromJson(const nlohmann::json& j) {
  try {
    if (j.value("kind", std::string()) != "mlp")
      throw InputError("mlp JSON: 'kind' must be \"mlp\"");
    if (j.value("format_version", 0) != 1)
      throw InputError("mlp JSON: unsupported 'format_version' (expected 1)");
    if (!j.contains("layers") || !j["layers"].is_array())
      throw InputError("mlp JSON: missing 'layers'");
    std::vector<MlpLayer> ls;
    for (size_t l = 0; l < j["layers"].size(); ++l) {
      const auto& L = j["layers"][l];
      ls.push_back({rowsFrom(L, "W"), listFrom(L, "b")});
    }
    Mlp m(std::move(ls), parseActivation(j.at("activation").get<std::string>()),
          j.at("leak").get<double>(), {listFrom(j, "x_mean"), listFrom(j, "x_scale")},
          {listFrom(j, "y_mean"), listFrom(j, "y_scale")});
    if (j.contains("domain_lo")) {
      Domain d{listFrom(j, "domain_lo").transpose(), listFrom(j, "domain_hi").transpose()};
      if (d.lo.size() != m.inputs() || d.hi.size() != m.inputs())
        throw InputError("mlp JSON: 'domain_lo'/'domain_hi' must have one entry per input");
      m.setDomain(std::move(d));
    }
    return m;
  } catch (const nlohmann::json::exception& e) {
    throw InputError(std::string("mlp JSON: ") + e.what());
  }
}

}  // namespace lreg
