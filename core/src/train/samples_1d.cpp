#include "lreg/train/samples_1d.h"

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include "lreg/common/status.h"

namespace lreg {

Samples1D Samples1D::sorted(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y) {
  if (x.cols() != 1)
    throw InputError("samples1d: a 1D fit needs exactly one input column, got " +
                     std::to_string(x.cols()));
  if (x.rows() != y.rows())
    throw InputError("samples1d: " + std::to_string(x.rows()) + " inputs but " +
                     std::to_string(y.rows()) + " targets");
  std::vector<Eigen::Index> order(static_cast<size_t>(x.rows()));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return x(a, 0) < x(b, 0); });
  Samples1D s;
  s.x.resize(x.rows());
  s.y.resize(y.rows(), y.cols());
  for (Eigen::Index j = 0; j < x.rows(); ++j) {
    s.x[j] = x(order[static_cast<size_t>(j)], 0);
    s.y.row(j) = y.row(order[static_cast<size_t>(j)]);
  }
  return s;
}

}  // namespace lreg
