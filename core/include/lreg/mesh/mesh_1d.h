#pragma once
// A 1D simplicial mesh: sorted, distinct nodes p_0 < ... < p_{n-1}; element e is [p_e, p_{e+1}].
#include <vector>

#include <Eigen/Core>

namespace lreg {

class Mesh1D {
 public:
  Mesh1D() = default;
  // Throws InputError unless there are >= 2 strictly increasing finite nodes.
  explicit Mesh1D(std::vector<double> nodes);

  static Mesh1D uniform(double lo, double hi, int n);
  // n nodes at the empirical quantiles of x, ends pinned to [lo, hi]; ties are spread apart.
  static Mesh1D quantile(const Eigen::VectorXd& x, double lo, double hi, int n);

  int size() const { return static_cast<int>(nodes_.size()); }
  int elements() const { return size() - 1; }
  double node(int i) const { return nodes_[static_cast<size_t>(i)]; }
  const std::vector<double>& nodes() const { return nodes_; }
  double lo() const { return nodes_.front(); }
  double hi() const { return nodes_.back(); }

  // Element containing x (clamped to [0, elements() - 1] outside the mesh), O(log n).
  int locate(double x) const;
  // Tent function psi_i(x) of the paper (eq. in 2.3), linearly extrapolated beyond the ends.
  double basis(int i, double x) const;

 private:
  std::vector<double> nodes_;
};

}  // namespace lreg
