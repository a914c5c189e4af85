#pragma once
// Barycentric coordinates on a triangle (a, b, c), written once for every user: point
// evaluation (meshes, models, the studio's hit tests), the affine map as a matrix (eq. A1's S_j)
// and its constant gradient (rasterisers step it along pixel rows). Outside the triangle the
// same affine functions continue, which is what linear extrapolation of a boundary element is.
#include <Eigen/Core>
#include <array>
#include <cmath>
#include <optional>

namespace lreg {

class Barycentric {
 public:
  // nullopt when the triangle has no area relative to its size (scale-free test).
  static std::optional<Barycentric> of(const Eigen::Vector2d& a, const Eigen::Vector2d& b,
                                       const Eigen::Vector2d& c) {
    const Eigen::Vector2d e1 = b - a, e2 = c - a;
    const double det = e1.x() * e2.y() - e2.x() * e1.y();
    const double scale = e1.squaredNorm() + e2.squaredNorm();
    if (!(std::abs(det) > 1e-14 * scale)) return std::nullopt;
    Barycentric m;
    m.a_ = a;
    // l1 and l2 are linear in (x - a); l0 = 1 - l1 - l2.
    m.g1_ = Eigen::Vector2d(e2.y(), -e2.x()) / det;
    m.g2_ = Eigen::Vector2d(-e1.y(), e1.x()) / det;
    return m;
  }

  std::array<double, 3> at(double x, double y) const {
    const double dx = x - a_.x(), dy = y - a_.y();
    const double l1 = g1_.x() * dx + g1_.y() * dy, l2 = g2_.x() * dx + g2_.y() * dy;
    return {1.0 - l1 - l2, l1, l2};
  }
  std::array<double, 3> at(const Eigen::Vector2d& p) const { return at(p.x(), p.y()); }

  // Gradient of l_k (constant on the plane).
  Eigen::Vector2d gradient(int k) const {
    return k == 1 ? g1_ : k == 2 ? g2_ : Eigen::Vector2d(-g1_ - g2_);
  }

  // S with [x y 1] S = (l0, l1, l2): rows 0 and 1 hold the x and y coefficients, row 2 the
  // constants.
  Eigen::Matrix3d matrix() const {
    Eigen::Matrix3d S;
    for (int k = 0; k < 3; ++k) {
      const Eigen::Vector2d g = gradient(k);
      S(0, k) = g.x();
      S(1, k) = g.y();
      S(2, k) = (k == 0 ? 1.0 : 0.0) - g.dot(a_);
    }
    return S;
  }

 private:
  Barycentric() = default;
  Eigen::Vector2d a_, g1_, g2_;
};

}  // namespace lreg
