#include "lreg/mesh/mesh_1d.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "lreg/common/status.h"

namespace lreg {

Mesh1D::Mesh1D(std::vector<double> nodes) : nodes_(std::move(nodes)) {
  if (nodes_.size() < 2)
    throw InputError("mesh1d: needs at least 2 nodes, got " + std::to_string(nodes_.size()));
  for (size_t i = 0; i < nodes_.size(); ++i) {
    if (!std::isfinite(nodes_[i]))
      throw InputError("mesh1d: node " + std::to_string(i) + " is not a finite number");
    if (i > 0 && !(nodes_[i] > nodes_[i - 1]))
      throw InputError("mesh1d: nodes must increase strictly, but node " + std::to_string(i) +
                       " (" + std::to_string(nodes_[i]) + ") <= node " + std::to_string(i - 1) +
                       " (" + std::to_string(nodes_[i - 1]) + ")");
  }
}

Mesh1D Mesh1D::uniform(double lo, double hi, int n) {
  if (n < 2) throw InputError("mesh1d: a uniform mesh needs n >= 2, got " + std::to_string(n));
  if (!(lo < hi)) throw InputError("mesh1d: a uniform mesh needs lo < hi");
  std::vector<double> p(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) p[static_cast<size_t>(i)] = lo + (hi - lo) * i / (n - 1);
  p.back() = hi;  // exact end despite rounding
  return Mesh1D(std::move(p));
}

Mesh1D Mesh1D::quantile(const Eigen::VectorXd& x, double lo, double hi, int n) {
  if (n < 2) throw InputError("mesh1d: a quantile mesh needs n >= 2, got " + std::to_string(n));
  if (!(lo < hi)) throw InputError("mesh1d: a quantile mesh needs lo < hi");
  if (x.size() == 0) throw InputError("mesh1d: a quantile mesh needs at least one sample");
  std::vector<double> s(x.data(), x.data() + x.size());
  std::sort(s.begin(), s.end());
  const auto m = static_cast<double>(s.size() - 1);
  std::vector<double> p(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    const double t = m * i / (n - 1);
    const auto a = static_cast<size_t>(std::floor(t));
    const size_t b = std::min(a + 1, s.size() - 1);
    p[static_cast<size_t>(i)] =
        std::clamp(s[a] + (t - static_cast<double>(a)) * (s[b] - s[a]), lo, hi);
  }
  p.front() = lo;
  p.back() = hi;
  spreadTies(p);
  return Mesh1D(std::move(p));
}

void Mesh1D::spreadTies(std::vector<double>& p) {
  const size_t N = p.size();
  size_t i = 1;
  while (i < N) {
    if (p[i] > p[i - 1]) {
      ++i;
      continue;
    }
    size_t j = i;  // run of nodes <= p[i - 1]
    while (j < N && p[j] <= p[i - 1]) ++j;
    if (j < N) {
      const double a = p[i - 1], b = p[j];
      for (size_t k = i; k < j; ++k)
        p[k] = a + (b - a) * static_cast<double>(k - i + 1) / static_cast<double>(j - i + 1);
    } else {  // the run reaches the last node: spread back from it
      const double hi = p[N - 1];
      size_t a = i - 1;
      while (a > 0 && p[a] >= hi) --a;
      for (size_t k = a + 1; k + 1 < N; ++k)
        p[k] = p[a] + (hi - p[a]) * static_cast<double>(k - a) / static_cast<double>(N - 1 - a);
    }
    i = j;
  }
}

int Mesh1D::locate(double x) const {
  const auto it = std::upper_bound(nodes_.begin() + 1, nodes_.end() - 1, x);
  return static_cast<int>(it - nodes_.begin()) - 1;
}

std::vector<int> Mesh1D::locateSorted(const Eigen::VectorXd& sorted_x) const {
  std::vector<int> e(static_cast<size_t>(sorted_x.size()));
  int k = 0;
  const int last = elements() - 1;
  for (Eigen::Index j = 0; j < sorted_x.size(); ++j) {
    while (k < last && sorted_x[j] >= nodes_[static_cast<size_t>(k + 1)]) ++k;
    e[static_cast<size_t>(j)] = k;
  }
  return e;
}

double Mesh1D::lambda(int e, double x) const {
  const double a = nodes_[static_cast<size_t>(e)], b = nodes_[static_cast<size_t>(e + 1)];
  return (x - a) / (b - a);
}

double Mesh1D::basis(int i, double x) const {
  const int e = locate(x);
  const double t = lambda(e, x);
  if (i == e) return 1.0 - t;
  if (i == e + 1) return t;
  return 0.0;
}

}  // namespace lreg
