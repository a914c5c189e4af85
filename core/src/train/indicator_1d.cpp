#include "lreg/train/indicator_1d.h"

#include <algorithm>
#include <numeric>
#include <random>

namespace lreg {

Eigen::MatrixXd predictSorted(const Mesh1D& mesh, const Eigen::MatrixXd& coeffs, const Samples1D& s,
                              const std::vector<int>& element) {
  Eigen::MatrixXd f(s.size(), coeffs.cols());
  for (Eigen::Index j = 0; j < s.x.size(); ++j) {
    const int e = element[static_cast<size_t>(j)];
    const double t = mesh.lambda(e, s.x[j]);
    f.row(j) = (1.0 - t) * coeffs.row(e) + t * coeffs.row(e + 1);
  }
  return f;
}

Eigen::VectorXd sampleLoss(const Eigen::MatrixXd& prediction, const Eigen::MatrixXd& y) {
  return (prediction - y).cwiseAbs().rowwise().mean();
}

std::vector<double> sampleCounts(int elements, const std::vector<int>& element) {
  std::vector<double> n(static_cast<size_t>(elements), 0.0);
  for (int e : element) n[static_cast<size_t>(e)] += 1;
  return n;
}

std::vector<double> topkCounts(int elements, const Eigen::VectorXd& loss,
                               const std::vector<int>& element, int topk, int batch,
                               std::uint64_t seed) {
  std::vector<double> counts(static_cast<size_t>(elements), 0.0);
  const auto N = static_cast<size_t>(loss.size());
  if (N == 0 || topk <= 0) return counts;
  std::vector<size_t> order(N);
  std::iota(order.begin(), order.end(), size_t{0});
  const size_t b = batch <= 0 ? N : std::min(N, static_cast<size_t>(batch));
  if (b < N) {
    std::mt19937_64 rng(seed);
    std::shuffle(order.begin(), order.end(), rng);
  }
  for (size_t start = 0; start < N; start += b) {
    const auto first = order.begin() + static_cast<std::ptrdiff_t>(start);
    const auto last = order.begin() + static_cast<std::ptrdiff_t>(std::min(N, start + b));
    const auto k = std::min<std::ptrdiff_t>(topk, last - first);
    std::partial_sort(first, first + k, last, [&](size_t a, size_t c) {
      return loss[static_cast<Eigen::Index>(a)] > loss[static_cast<Eigen::Index>(c)];
    });
    for (auto it = first; it != first + k; ++it) counts[static_cast<size_t>(element[*it])] += 1;
  }
  return counts;
}

std::vector<double> elementSums(int elements, const Eigen::VectorXd& loss,
                                const std::vector<int>& element) {
  std::vector<double> sum(static_cast<size_t>(elements), 0.0);
  for (size_t j = 0; j < element.size(); ++j)
    sum[static_cast<size_t>(element[j])] += loss[static_cast<Eigen::Index>(j)];
  return sum;
}

std::vector<double> curvatureErrorMass(const Mesh1D& mesh, const Eigen::MatrixXd& coeffs,
                                       const std::vector<int>& element) {
  const int n = mesh.size(), E = mesh.elements();
  // kappa^2 at the interior nodes; the end nodes take their neighbour's value.
  std::vector<double> k2(static_cast<size_t>(n), 0.0);
  for (int i = 1; i + 1 < n; ++i) {
    const double h0 = mesh.width(i - 1), h1 = mesh.width(i);
    const Eigen::RowVectorXd jump =
        (coeffs.row(i + 1) - coeffs.row(i)) / h1 - (coeffs.row(i) - coeffs.row(i - 1)) / h0;
    k2[static_cast<size_t>(i)] = (2.0 * jump / (h0 + h1)).squaredNorm();
  }
  if (n > 2) {
    k2.front() = k2[1];
    k2.back() = k2[static_cast<size_t>(n - 2)];
  }
  const std::vector<double> count = sampleCounts(E, element);
  std::vector<double> mass(static_cast<size_t>(E));
  for (int e = 0; e < E; ++e) {
    const double h = mesh.width(e);
    const auto u = static_cast<size_t>(e);
    // 1/720: mean squared residual of the best line to a parabola of curvature kappa over width h.
    mass[u] = count[u] * h * h * h * h * 0.5 * (k2[u] + k2[u + 1]) / 720.0;
  }
  return mass;
}

}  // namespace lreg
