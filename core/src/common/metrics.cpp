#include "lreg/common/metrics.h"

#include <cmath>
#include <limits>

#include "lreg/common/json.h"
#include "lreg/common/status.h"

namespace lreg {

namespace {
void checkShapes(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols())
    throw InputError("metrics: prediction is " + std::to_string(a.rows()) + "x" +
                     std::to_string(a.cols()) + " but truth is " + std::to_string(b.rows()) + "x" +
                     std::to_string(b.cols()));
}
}  // namespace

double meanAbsoluteError(const Eigen::MatrixXd& prediction, const Eigen::MatrixXd& truth) {
  checkShapes(prediction, truth);
  if (truth.size() == 0) return std::numeric_limits<double>::quiet_NaN();
  return (prediction - truth).cwiseAbs().mean();
}

double meanSquaredError(const Eigen::MatrixXd& prediction, const Eigen::MatrixXd& truth) {
  checkShapes(prediction, truth);
  if (truth.size() == 0) return std::numeric_limits<double>::quiet_NaN();
  return (prediction - truth).squaredNorm() / static_cast<double>(truth.size());
}

Metrics evaluate(const Eigen::MatrixXd& prediction, const Eigen::MatrixXd& truth) {
  Metrics m;
  m.mae = meanAbsoluteError(prediction, truth);
  m.mse = meanSquaredError(prediction, truth);
  m.r2_per_output.resize(truth.cols());
  for (Eigen::Index c = 0; c < truth.cols(); ++c) {
    const double mean = truth.col(c).mean();
    const double ss_tot = (truth.col(c).array() - mean).square().sum();
    const double ss_res = (truth.col(c) - prediction.col(c)).squaredNorm();
    m.r2_per_output[c] =
        ss_tot > 0 ? 1.0 - ss_res / ss_tot : std::numeric_limits<double>::quiet_NaN();
  }
  m.r2 = truth.cols() > 0 ? m.r2_per_output.mean() : std::numeric_limits<double>::quiet_NaN();
  return m;
}

nlohmann::json toJson(const Metrics& m) {
  nlohmann::json j;
  j["r2"] = finiteOrNull(m.r2);
  j["mae"] = finiteOrNull(m.mae);
  j["mse"] = finiteOrNull(m.mse);
  if (m.r2_per_output.size() > 1) {
    auto per = nlohmann::json::array();
    for (double v : m.r2_per_output) per.push_back(finiteOrNull(v));
    j["r2_per_output"] = per;
  }
  return j;
}

}  // namespace lreg
