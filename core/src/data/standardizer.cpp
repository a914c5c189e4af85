#include "lreg/data/standardizer.h"

#include <cmath>
#include <string>

#include "lreg/common/status.h"

namespace lreg {

Standardizer Standardizer::fit(const Eigen::MatrixXd& v) {
  if (v.rows() == 0) throw InputError("standardizer: no rows to fit");
  Standardizer s;
  s.mean = v.colwise().mean();
  s.scale =
      ((v.rowwise() - s.mean).array().square().colwise().sum() / static_cast<double>(v.rows()))
          .sqrt()
          .matrix();
  for (Eigen::Index c = 0; c < s.scale.size(); ++c)
    if (!(s.scale[c] > 0) || !std::isfinite(s.scale[c])) s.scale[c] = 1.0;
  return s;
}

Standardizer Standardizer::identity(Eigen::Index columns) {
  return {Eigen::RowVectorXd::Zero(columns), Eigen::RowVectorXd::Ones(columns)};
}

void Standardizer::check(const char* owner) const {
  if (scale.size() != mean.size())
    throw InputError(std::string(owner) + ": scaling has " + std::to_string(mean.size()) +
                     " means but " + std::to_string(scale.size()) + " scales");
  if (!mean.allFinite()) throw InputError(std::string(owner) + ": scaling mean is not finite");
  for (Eigen::Index c = 0; c < scale.size(); ++c)
    if (!(scale[c] > 0) || !std::isfinite(scale[c]))
      throw InputError(std::string(owner) + ": scale of column " + std::to_string(c + 1) +
                       " must be finite and > 0");
}

Eigen::MatrixXd Standardizer::apply(const Eigen::MatrixXd& v) const {
  if (v.cols() != columns())
    throw InputError("standardizer: data has " + std::to_string(v.cols()) + " columns, expected " +
                     std::to_string(columns()));
  return (v.rowwise() - mean).array().rowwise() / scale.array();
}

Eigen::MatrixXd Standardizer::invert(const Eigen::MatrixXd& z) const {
  if (z.cols() != columns())
    throw InputError("standardizer: data has " + std::to_string(z.cols()) + " columns, expected " +
                     std::to_string(columns()));
  return (z.array().rowwise() * scale.array()).rowwise() + mean.array();
}

}  // namespace lreg
