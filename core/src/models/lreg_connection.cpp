#include "lreg/models/lreg_connection.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "lreg/common/status.h"
#include "model_json.h"

namespace lreg {

namespace {
constexpr int kFormatVersion = 1;

void checkShapes(const Eigen::MatrixXd& P, const Eigen::VectorXd& b, const Eigen::MatrixXd& nodes,
                 const Eigen::MatrixXd& W) {
  const auto d = P.rows(), n = nodes.cols();
  if (d < 1 || P.cols() < 1)
    throw InputError("lreg-connection: projection P must be d x C_in with d, C_in >= 1");
  if (b.size() != d)
    throw InputError("lreg-connection: bias b has " + std::to_string(b.size()) +
                     " entries, need d = " + std::to_string(d));
  if (nodes.rows() != d || n < 2)
    throw InputError("lreg-connection: nodes must be d x n with n >= 2");
  if (W.rows() != d * n || W.cols() < 1)
    throw InputError("lreg-connection: head W is " + std::to_string(W.rows()) + " x " +
                     std::to_string(W.cols()) + ", need (d n) x C = " + std::to_string(d * n) +
                     " x C");
  for (Eigen::Index i = 0; i < d; ++i)
    for (Eigen::Index k = 1; k < n; ++k)
      if (!(nodes(i, k) > nodes(i, k - 1)))
        throw InputError("lreg-connection: nodes of component " + std::to_string(i) +
                         " are not strictly increasing at " + std::to_string(k));
  if (!P.allFinite() || !b.allFinite() || !nodes.allFinite() || !W.allFinite())
    throw InputError("lreg-connection: parameters are not all finite");
}
}  // namespace

LRegConnection::LRegConnection(Eigen::MatrixXd P, Eigen::VectorXd b, Eigen::MatrixXd nodes,
                               Eigen::MatrixXd W, ConnectionLoss loss)
    : P_(std::move(P)), b_(std::move(b)), nodes_(std::move(nodes)), W_(std::move(W)), loss_(loss) {
  checkShapes(P_, b_, nodes_, W_);
}

Eigen::MatrixXd LRegConnection::sigmoidNorm(const Eigen::MatrixXd& x) const {
  if (x.cols() != P_.cols())
    throw InputError("lreg-connection: features have " + std::to_string(x.cols()) +
                     " columns, the model takes " + std::to_string(P_.cols()));
  Eigen::MatrixXd z = x * P_.transpose();
  z.rowwise() += b_.transpose();
  return z.unaryExpr([](double v) { return 1.0 / (1.0 + std::exp(-v)); });
}

int LRegConnection::locate(int i, double s) const {
  const auto row = nodes_.row(i);
  const Eigen::Index n = row.size();
  const double* first = row.data();
  // Row of a column-major matrix: stride d. Search by hand over the strided row.
  int lo = 0, hi = static_cast<int>(n) - 1;
  const Eigen::Index stride = nodes_.rows();
  const auto at = [&](int k) { return first[static_cast<Eigen::Index>(k) * stride]; };
  if (s <= at(1)) return 0;
  if (s >= at(hi - 1)) return hi - 1;
  while (hi - lo > 1) {
    const int mid = (lo + hi) / 2;
    (at(mid) <= s ? lo : hi) = mid;
  }
  return lo;
}

Eigen::MatrixXd LRegConnection::predict(const Eigen::MatrixXd& x) const {
  const Eigen::MatrixXd s = sigmoidNorm(x);
  const int n = nodesPerComponent();
  // Class-major layout, so each gathered coefficient row is contiguous (connection_loss.cpp).
  const Eigen::MatrixXd WT = W_.transpose();
  Eigen::MatrixXd outT = Eigen::MatrixXd::Zero(W_.cols(), x.rows());
  for (Eigen::Index r = 0; r < x.rows(); ++r)
    for (int i = 0; i < components(); ++i) {
      const int e = locate(i, s(r, i));
      const double t = (s(r, i) - nodes_(i, e)) / (nodes_(i, e + 1) - nodes_(i, e));
      outT.col(r) += (1.0 - t) * WT.col(i * n + e) + t * WT.col(i * n + e + 1);
    }
  return outT.transpose();
}

Eigen::MatrixXd LRegConnection::logits(const Eigen::MatrixXd& x,
                                       const Eigen::MatrixXd& frozen) const {
  if (frozen.rows() != x.rows() || frozen.cols() != W_.cols())
    throw InputError("lreg-connection: frozen logits are " + std::to_string(frozen.rows()) + " x " +
                     std::to_string(frozen.cols()) + ", need " + std::to_string(x.rows()) + " x " +
                     std::to_string(W_.cols()));
  return frozen + predict(x);
}

ParameterCount LRegConnection::parameters() const {
  return {static_cast<long>((P_.cols() + 1) * P_.rows() + W_.size()), 0};
}

void LRegConnection::setComponent(int i, const Eigen::RowVectorXd& nodes,
                                  const Eigen::MatrixXd& coeffs) {
  const int n = nodesPerComponent();
  if (nodes.size() != n || coeffs.rows() != n || coeffs.cols() != W_.cols())
    throw InputError("lreg-connection: setComponent needs n nodes and n x C coefficients");
  for (int k = 1; k < n; ++k)
    if (!(nodes[k] > nodes[k - 1]))
      throw NumericalError("lreg-connection: mesh update produced unsorted nodes");
  nodes_.row(i) = nodes;
  W_.middleRows(static_cast<Eigen::Index>(i) * n, n) = coeffs;
}

nlohmann::json LRegConnection::toJson() const {
  nlohmann::json j;
  detail::writeHeader(j, kind(), kFormatVersion);
  j["loss"] = loss_ == ConnectionLoss::CrossEntropy ? "cross-entropy" : "mse";
  j["inputs"] = inputs();
  j["components"] = components();
  j["nodes_per_component"] = nodesPerComponent();
  j["outputs"] = outputs();
  j["P"] = detail::matrixJson(P_);
  j["b"] = detail::matrixJson(Eigen::MatrixXd(b_));
  j["nodes"] = detail::matrixJson(nodes_);
  j["W"] = detail::matrixJson(W_);
  j["domain"] = detail::domainJson(domain());
  return j;
}

LRegConnection LRegConnection::fromJson(const nlohmann::json& j) {
  const std::string what = "lreg-connection";
  detail::checkHeader(j, what, kFormatVersion, false);
  const std::string loss = j.value("loss", std::string());
  if (loss != "cross-entropy" && loss != "mse")
    throw InputError(what + " model: \"loss\" must be \"cross-entropy\" or \"mse\"");
  LRegConnection m(detail::matrixFrom(j, "P", what), detail::matrixFrom(j, "b", what, 1).col(0),
                   detail::matrixFrom(j, "nodes", what), detail::matrixFrom(j, "W", what),
                   loss == "mse" ? ConnectionLoss::MeanSquared : ConnectionLoss::CrossEntropy);
  m.setDomain(detail::domainFrom(j, m.inputs(), what));
  return m;
}

}  // namespace lreg
