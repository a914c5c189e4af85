#include "lreg/data/synthetic_features.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "lreg/common/status.h"

namespace lreg {

SyntheticFeatures syntheticFeatures(int n, int dim, int classes, std::uint64_t seed) {
  if (n < 1 || dim < 1 || classes < 2)
    throw InputError("synthetic features need n >= 1, dim >= 1 and classes >= 2");
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> g;
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const int k = std::min(8, dim);
  SyntheticFeatures s;
  s.features.resize(n, dim);
  for (int c = 0; c < dim; ++c) {
    const double spread = c < k ? 2.0 : 0.5;  // the nonlinear coordinates lead the PCA
    for (int r = 0; r < n; ++r) s.features(r, c) = spread * (2 * u(rng) - 1);
  }
  const Eigen::MatrixXd B = Eigen::MatrixXd::NullaryExpr(
      dim, classes, [&] { return 0.3 * g(rng) / std::sqrt(double(dim)); });
  Eigen::MatrixXd A(k, classes), F(k, classes), P(k, classes);
  for (Eigen::Index q = 0; q < A.size(); ++q) {
    A.data()[q] = 1.5 * g(rng);
    F.data()[q] = 1.0 + 2.0 * u(rng);
    P.data()[q] = 6.283185307179586 * u(rng);
  }
  s.logits = s.features * B;
  s.labels.resize(n);
  for (int r = 0; r < n; ++r) {
    Eigen::Index best = 0;
    double top = -1e300;
    for (int c = 0; c < classes; ++c) {
      double score = s.logits(r, c);
      for (int j = 0; j < k; ++j) score += A(j, c) * std::sin(F(j, c) * s.features(r, j) + P(j, c));
      score -=
          std::log(-std::log(std::max(u(rng), 1e-300)));  // Gumbel: a noisy but learnable label
      if (score > top) top = score, best = c;
    }
    s.labels[r] = static_cast<int>(best);
  }
  return s;
}

}  // namespace lreg
