#pragma once
// Internal to core/minima: the activation geometry of one balanced unit u in R^2 on 1-D inputs,
// and the convex problem on one face of a closed region.
//
// Sample i changes sign on the line u . (x_i, 1) = 0, i.e. on the two rays e = +-(1, -x_i)/|.|.
// Sorting the 2k rays (k distinct x) by angle splits the plane into 2k open sectors, each with a
// fixed activation set. A unit's face is the origin, one ray or one open sector (with a sign s);
// a closed region is a sector x sign per unit, and its faces are the products of unit faces.
#include <Eigen/Core>
#include <vector>

namespace lreg::minima::detail {

enum class FaceKind { Origin, Ray, Sector };

struct UnitFace {
  FaceKind kind = FaceKind::Origin;
  int index = -1;           // ray or sector number
  int sign = 1;             // s of the unit (unused at the origin)
  std::vector<int> active;  // samples with s u . (x_i, 1) > 0 on the face's relative interior
};

class Geometry {
 public:
  explicit Geometry(const Eigen::VectorXd& x);
  int rays() const { return static_cast<int>(dirs_.size()); }
  const Eigen::Vector2d& ray(int r) const { return dirs_[r]; }
  double rayX(int r) const { return xk_[r]; }      // the x of the samples on this ray's kink
  int raySigma(int r) const { return sigma_[r]; }  // ray r = sigma (1, -rayX) / |.|
  // Sector q lies counterclockwise between ray q and ray q+1 (mod rays()).
  std::vector<int> activeOnRay(int r, int sign) const;
  std::vector<int> activeInSector(int q, int sign) const;
  // Signed distances of u to the two bounding lines of sector q (both > 0 inside).
  Eigen::Vector2d sectorSlack(int q, const Eigen::Vector2d& u) const;
  // Unit normal of sector q at its bounding ray r (r = q or q + 1), pointing into the sector.
  Eigen::Vector2d inwardNormal(int q, int r) const;
  int sectorContaining(const Eigen::Vector2d& u) const;  // -1 for u on a ray or at 0
  // The origin, then for s = +1, -1: every ray, every sector.
  std::vector<UnitFace> unitFaces() const;
  const Eigen::VectorXd& x() const { return x_; }

 private:
  Eigen::VectorXd x_;
  std::vector<Eigen::Vector2d> dirs_;  // unit ray directions, by increasing angle
  std::vector<double> xk_;
  std::vector<int> sigma_;  // dirs_[r] = sigma (1, -xk) / |.|
};

// The reduced loss on one face F = F_1 x ... x F_h, with m eliminated exactly by centring:
//   R(theta) = (1/2)|P(y - K theta)|^2 + lambda sum_j |u_j|,  u_j = B_j theta_j,
// K = [Z_{A_j} B_j]; B_j = I (sector), the ray's unit vector (ray), nothing (origin).
struct FaceSolution {
  bool found = false;              // a stationary point in the relative interior of F
  std::vector<Eigen::Vector2d> u;  // per unit, zero at the origin
  Eigen::VectorXd residual;        // y - f at the optimal m (centred: sums to 0)
  double value = 0;                // R = L at the balanced point
  double stationarity = 0;         // |grad R| on the face's span
  double min_curvature = 0;        // smallest eigenvalue of R's Hessian on the span
  bool degenerate = false;         // Hessian singular: the point may not be unique
};

FaceSolution solveFace(const std::vector<UnitFace>& faces, const Geometry& g,
                       const Eigen::VectorXd& y, double lambda);

}  // namespace lreg::minima::detail
