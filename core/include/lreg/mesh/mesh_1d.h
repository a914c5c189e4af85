#pragma once
// A 1D simplicial mesh: sorted, distinct nodes p_0 < ... < p_{n-1}; element e is [p_e, p_{e+1}].
#include <Eigen/Core>
#include <vector>

namespace lreg {

class Mesh1D {
 public:
  Mesh1D() = default;
  // Throws InputError unless there are >= 2 strictly increasing finite nodes.
  explicit Mesh1D(std::vector<double> nodes);

  static Mesh1D uniform(double lo, double hi, int n);
  // n nodes at the empirical quantiles of x, ends pinned to [lo, hi]; ties are spread apart.
  static Mesh1D quantile(const Eigen::VectorXd& x, double lo, double hi, int n);

  // Makes a non-decreasing list strictly increasing, ends fixed: each run of equal values is
  // spread evenly over the gap to the next larger value (back from the last node for a run that
  // reaches it). Used where quantiles or equal-mass steps coincide.
  static void spreadTies(std::vector<double>& nodes);

  int size() const { return static_cast<int>(nodes_.size()); }
  int elements() const { return size() - 1; }
  double node(int i) const { return nodes_[static_cast<size_t>(i)]; }
  const std::vector<double>& nodes() const { return nodes_; }
  double lo() const { return nodes_.front(); }
  double hi() const { return nodes_.back(); }

  // Element containing x (clamped to [0, elements() - 1] outside the mesh), O(log n).
  int locate(double x) const;
  // Elements of many sorted x at once by a merge pass, O(N + n); same clamping as locate().
  std::vector<int> locateSorted(const Eigen::VectorXd& sorted_x) const;
  // Local coordinate (x - p_e) / (p_{e+1} - p_e) of x in element e (outside [0, 1] beyond it).
  double lambda(int e, double x) const;
  double width(int e) const { return node(e + 1) - node(e); }
  // Tent function psi_i(x) of the paper (eq. in 2.3), linearly extrapolated beyond the ends.
  double basis(int i, double x) const;

 private:
  std::vector<double> nodes_;
};

}  // namespace lreg
