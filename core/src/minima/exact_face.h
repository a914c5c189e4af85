#pragma once
// Internal to core/minima: the exact decision, in rational arithmetic (GMP), whether the reduced
// loss of ONE alive unit has a stationary point in the relative interior of a ray or a sector.
// Doubles are rationals, so the data enter exactly.
//   Sector: (G + mu I) u = b with mu = lambda / |u| > 0, i.e. the real roots mu > 0 of the quartic
//           mu^2 |adj(G + mu I) b|^2 - lambda^2 det(G + mu I)^2, counted by a Sturm sequence and
//           isolated by bisection; the sector's two slacks are signed exactly at both ends of the
//           isolating interval (relative width 2^-90).
//   Ray:    t = (e.b - lambda |e|) / e'Ge > 0  <=>  e.b > 0 and (e.b)^2 > lambda^2 |e|^2.
#include <Eigen/Core>
#include <vector>

namespace lreg::minima::detail {

struct ExactDecision {
  bool decided = false;  // false: the root sits too close to a bounding ray to sign exactly
  bool exists = false;   // a stationary point lies in the face's relative interior
  int roots = 0;         // sector: distinct positive roots of the quartic (0 or 1 expected)
};

// e1, e2: the sector's bounding ray directions, counterclockwise (any positive scaling).
ExactDecision exactSector(const Eigen::VectorXd& x, const Eigen::VectorXd& y,
                          const std::vector<int>& active, double lambda, double x1, int sigma1,
                          double x2, int sigma2);
// The ray sigma (1, -xk).
ExactDecision exactRay(const Eigen::VectorXd& x, const Eigen::VectorXd& y,
                       const std::vector<int>& active, double lambda, double xk, int sigma);

}  // namespace lreg::minima::detail
