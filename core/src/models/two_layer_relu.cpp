#include "lreg/models/two_layer_relu.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "lreg/common/status.h"
#include "model_json.h"

namespace lreg {

TwoLayerRelu::TwoLayerRelu(Eigen::MatrixXd A, Eigen::MatrixXd B, Eigen::RowVectorXd b0,
                           double alpha, Standardizer input, Standardizer output)
    : A_(std::move(A)),
      B_(std::move(B)),
      b0_(std::move(b0)),
      alpha_(alpha),
      in_(std::move(input)),
      out_(std::move(output)) {
  if (A_.rows() < 2 || A_.cols() < 1)
    throw InputError("two-layer net: A must be (d+1) x h with d, h >= 1");
  if (B_.rows() != A_.cols() || b0_.size() != B_.cols())
    throw InputError(
        "two-layer net: B must be h x c and b0 1 x c (h = " + std::to_string(A_.cols()) + ")");
  if (!(alpha_ >= 0.0 && alpha_ <= 1.0))
    throw InputError("two-layer net: alpha must be in [0, 1], got " + std::to_string(alpha_));
  in_.check("two-layer net input");
  out_.check("two-layer net output");
  if (in_.columns() != A_.rows() - 1 || out_.columns() != B_.cols())
    throw InputError("two-layer net: scalings do not match the layer sizes");
}

Eigen::MatrixXd withOnes(const Eigen::MatrixXd& xs) {
  Eigen::MatrixXd xt(xs.rows(), xs.cols() + 1);
  xt.col(0).setOnes();
  xt.rightCols(xs.cols()) = xs;
  return xt;
}

// Row blocks keep the N x h hidden activations out of memory (and out of the page-fault path).
constexpr Eigen::Index kRowBlock = 4096;

Eigen::MatrixXd TwoLayerRelu::forward(const Eigen::MatrixXd& xs) const {
  if (xs.cols() != inputs())
    throw InputError("two-layer net: data has " + std::to_string(xs.cols()) +
                     " input columns, the net expects " + std::to_string(inputs()));
  const auto W = A_.bottomRows(A_.rows() - 1);
  Eigen::MatrixXd y(xs.rows(), outputs()), h;
  for (Eigen::Index i0 = 0; i0 < xs.rows(); i0 += kRowBlock) {
    const Eigen::Index nb = std::min(kRowBlock, xs.rows() - i0);
    h.noalias() = xs.middleRows(i0, nb) * W;
    h.rowwise() += A_.row(0);
    h = h.cwiseMax(alpha_ * h);
    y.middleRows(i0, nb).noalias() = h * B_;
  }
  y.rowwise() += b0_;
  return y;
}

Eigen::MatrixXd TwoLayerRelu::predict(const Eigen::MatrixXd& x) const {
  return out_.invert(forward(in_.apply(x)));
}

ParameterCount TwoLayerRelu::parameters() const {
  return {static_cast<long>(A_.size() + B_.size() + b0_.size()), 0};
}

bool TwoLayerRelu::allFinite() const { return A_.allFinite() && B_.allFinite() && b0_.allFinite(); }

namespace {
nlohmann::json matrixJson(const Eigen::MatrixXd& m) {
  auto rows = nlohmann::json::array();
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    auto row = nlohmann::json::array();
    for (Eigen::Index c = 0; c < m.cols(); ++c) row.push_back(m(r, c));
    rows.push_back(row);
  }
  return rows;
}
nlohmann::json vectorJson(const Eigen::RowVectorXd& v) {
  auto a = nlohmann::json::array();
  for (double x : v) a.push_back(x);
  return a;
}
Eigen::MatrixXd matrixFrom(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_array())
    throw InputError(std::string("model JSON: missing '") + key + "'");
  const auto& rows = j[key];
  const Eigen::Index r = static_cast<Eigen::Index>(rows.size());
  const Eigen::Index c = r ? static_cast<Eigen::Index>(rows[0].size()) : 0;
  Eigen::MatrixXd m(r, c);
  for (Eigen::Index i = 0; i < r; ++i) {
    if (static_cast<Eigen::Index>(rows[i].size()) != c)
      throw InputError(std::string("model JSON: '") + key + "' row " + std::to_string(i + 1) +
                       " is ragged");
    for (Eigen::Index k = 0; k < c; ++k) m(i, k) = rows[i][k].get<double>();
  }
  return m;
}
Eigen::RowVectorXd vectorFrom(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_array())
    throw InputError(std::string("model JSON: missing '") + key + "'");
  Eigen::RowVectorXd v(static_cast<Eigen::Index>(j[key].size()));
  for (Eigen::Index i = 0; i < v.size(); ++i) v[i] = j[key][i].get<double>();
  return v;
}
}  // namespace

nlohmann::json TwoLayerRelu::toJson() const {
  nlohmann::json j;
  detail::writeHeader(j, kKind, 1);
  j["inputs"] = inputs();
  j["hidden"] = hidden();
  j["outputs"] = outputs();
  j["alpha"] = alpha_;
  j["A"] = matrixJson(A_);
  j["B"] = matrixJson(B_);
  j["b0"] = vectorJson(b0_);
  j["x_mean"] = vectorJson(in_.mean);
  j["x_scale"] = vectorJson(in_.scale);
  j["y_mean"] = vectorJson(out_.mean);
  j["y_scale"] = vectorJson(out_.scale);
  j["domain"] = detail::domainJson(domain());
  return j;
}

TwoLayerRelu TwoLayerRelu::fromJson(const nlohmann::json& j) {
  detail::checkHeader(j, kKind, 1, true);
  try {
    TwoLayerRelu net(matrixFrom(j, "A"), matrixFrom(j, "B"), vectorFrom(j, "b0"),
                     j.at("alpha").get<double>(),
                     {vectorFrom(j, "x_mean"), vectorFrom(j, "x_scale")},
                     {vectorFrom(j, "y_mean"), vectorFrom(j, "y_scale")});
    if (!net.allFinite()) throw InputError("two-layer net: weights are not finite");
    net.setDomain(detail::domainFrom(j, net.inputs(), kKind));
    return net;
  } catch (const nlohmann::json::exception& e) {
    throw InputError(std::string("model JSON: ") + e.what());
  }
}

Eigen::MatrixXd initHiddenUniform(int inputs, int hidden, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const double bound = 1.0 / std::sqrt(static_cast<double>(inputs));
  std::uniform_real_distribution<double> u(-bound, bound);
  Eigen::MatrixXd A(inputs + 1, hidden);
  for (Eigen::Index j = 0; j < A.cols(); ++j)
    for (Eigen::Index p = 0; p < A.rows(); ++p) A(p, j) = u(rng);
  return A;
}

void initOutputUniform(int hidden, int outputs, std::uint64_t seed, Eigen::MatrixXd& B,
                       Eigen::RowVectorXd& b0) {
  // A different stream from the hidden layer's, so that A does not depend on c.
  std::mt19937_64 rng(seed ^ 0x9e3779b97f4a7c15ULL);
  const double bound = 1.0 / std::sqrt(static_cast<double>(hidden));
  std::uniform_real_distribution<double> u(-bound, bound);
  B.resize(hidden, outputs);
  b0.resize(outputs);
  for (Eigen::Index k = 0; k < B.cols(); ++k)
    for (Eigen::Index j = 0; j < B.rows(); ++j) B(j, k) = u(rng);
  for (Eigen::Index k = 0; k < b0.size(); ++k) b0[k] = u(rng);
}

double objective(const TwoLayerRelu& net, const Eigen::Ref<const Eigen::MatrixXd>& xt,
                 const Eigen::Ref<const Eigen::MatrixXd>& ys, double lambda, NetGradient* grad) {
  const double n = static_cast<double>(xt.rows());
  const double a = net.alpha();
  if (grad) {
    grad->dA.setZero(net.A().rows(), net.A().cols());
    grad->dB.setZero(net.B().rows(), net.B().cols());
    grad->db0.setZero(net.b0().size());
  }
  double sse = 0;
  Eigen::MatrixXd H, S, R, dH;
  for (Eigen::Index i0 = 0; i0 < xt.rows(); i0 += kRowBlock) {
    const Eigen::Index nb = std::min(kRowBlock, xt.rows() - i0);
    const auto x = xt.middleRows(i0, nb);
    H.noalias() = x * net.A();
    S = H.cwiseMax(a * H);
    R.noalias() = S * net.B();
    R.rowwise() += net.b0();
    R -= ys.middleRows(i0, nb);
    sse += R.squaredNorm();
    if (grad) {  // d/dY = 2 R / n; the kink u = 0 counts as not firing
      grad->dB.noalias() += S.transpose() * R;
      grad->db0 += R.colwise().sum();
      dH.noalias() = R * net.B().transpose();
      dH = (H.array() > 0).select(dH, a * dH);
      grad->dA.noalias() += x.transpose() * dH;
    }
  }
  if (grad) {
    grad->dA = grad->dA * (2.0 / n) + 2.0 * lambda * net.A();
    grad->dB = grad->dB * (2.0 / n) + 2.0 * lambda * net.B();
    grad->db0 = grad->db0 * (2.0 / n) + 2.0 * lambda * net.b0();
  }
  const double penalty = net.A().squaredNorm() + net.B().squaredNorm() + net.b0().squaredNorm();
  return sse / n + lambda * penalty;
}

}  // namespace lreg
