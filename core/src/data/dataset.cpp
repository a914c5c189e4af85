#include "lreg/data/dataset.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "lreg/common/metrics.h"
#include "lreg/common/status.h"

namespace lreg {

std::optional<double> oracleR2(const Dataset& d) {
  if (!d.truth_test || d.x_test.rows() == 0) return std::nullopt;
  return evaluate(*d.truth_test, d.y_test).r2;
}

Dataset splitDataset(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, double test_fraction,
                     std::uint64_t seed, std::string name) {
  if (x.rows() != y.rows())
    throw InputError("split: x has " + std::to_string(x.rows()) + " rows but y has " +
                     std::to_string(y.rows()));
  if (!(test_fraction >= 0.0 && test_fraction < 1.0))
    throw InputError("split: test fraction must be in [0, 1), got " +
                     std::to_string(test_fraction));
  const Eigen::Index n = x.rows();
  std::vector<Eigen::Index> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  const Eigen::Index n_test = static_cast<Eigen::Index>(std::floor(test_fraction * n + 0.5));
  std::mt19937_64 rng(seed);
  if (n_test > 0) std::shuffle(order.begin(), order.end(), rng);  // no test part: keep the order
  const Eigen::Index n_train = n - n_test;

  Dataset d;
  d.name = std::move(name);
  d.x_train.resize(n_train, x.cols());
  d.y_train.resize(n_train, y.cols());
  d.x_test.resize(n_test, x.cols());
  d.y_test.resize(n_test, y.cols());
  for (Eigen::Index i = 0; i < n; ++i) {
    const Eigen::Index src = order[static_cast<size_t>(i)];
    if (i < n_train) {
      d.x_train.row(i) = x.row(src);
      d.y_train.row(i) = y.row(src);
    } else {
      d.x_test.row(i - n_train) = x.row(src);
      d.y_test.row(i - n_train) = y.row(src);
    }
  }
  setDomainFromData(d);
  return d;
}

void setDomainFromData(Dataset& d) {
  const Eigen::Index dim = d.x_train.cols();
  d.domain_lo = Eigen::VectorXd::Constant(dim, std::numeric_limits<double>::infinity());
  d.domain_hi = Eigen::VectorXd::Constant(dim, -std::numeric_limits<double>::infinity());
  // Training inputs only: a model must not depend on where it will be tested.
  if (d.x_train.rows() == 0) return;
  d.domain_lo = d.x_train.colwise().minCoeff().transpose();
  d.domain_hi = d.x_train.colwise().maxCoeff().transpose();
}

void validateDataset(const Dataset& d) {
  const std::string where = d.name.empty() ? std::string("data") : d.name;
  if (d.x_train.rows() == 0) throw InputError(where + ": no training rows");
  if (d.x_train.rows() != d.y_train.rows() || d.x_test.rows() != d.y_test.rows())
    throw InputError(where + ": inputs and targets have different row counts");
  auto checkFinite = [&](const Eigen::MatrixXd& m, const char* part) {
    for (Eigen::Index r = 0; r < m.rows(); ++r)
      for (Eigen::Index c = 0; c < m.cols(); ++c)
        if (!std::isfinite(m(r, c)))
          throw InputError(where + ": " + part + " row " + std::to_string(r + 1) + ", column " +
                           std::to_string(c + 1) + " is not a finite number");
  };
  checkFinite(d.x_train, "train input");
  checkFinite(d.y_train, "train target");
  checkFinite(d.x_test, "test input");
  checkFinite(d.y_test, "test target");
  for (Eigen::Index c = 0; c < d.x_train.cols(); ++c) {
    if (d.x_train.col(c).maxCoeff() == d.x_train.col(c).minCoeff())
      throw InputError(where + ": input column " + std::to_string(c + 1) +
                       " is constant: nothing to fit along it");
  }
}

}  // namespace lreg
