#pragma once
// Every local minimum of the ridge-regularised MSE of a minimal ReLU net (lreg/minima/tiny_net.h),
// by Divide-Enumerate-Merge on the balanced reduction (docs/minima.md explains why it finds all):
//   Divide:    each unit's plane u = a (w, c) splits into rays and open sectors (activation
//              patterns); a closed region is one sector and sign per unit.
//   Enumerate: on every face of every closed region the reduced loss is convex; its unique
//              stationary point on the face is found, and for one alive unit its existence is
//              decided exactly (Sturm sequence in rationals, lreg/minima/exact_sector.h).
//   Merge:     a candidate is a local minimum only if it minimises every closed region touching it
//              (one-sided tests on rays, the dead-unit test at u = 0); sets are reported once.
//
//   MinimaReport r = enumerateMinima(x, y, {.hidden = 2, .lambda = 1e-2}, progress);
//   r.minima[0] is the global minimum; r.critical holds the critical points that are not minima.
#include <Eigen/Core>
#include <string>
#include <vector>

#include "lreg/common/progress.h"
#include "lreg/common/status.h"
#include "lreg/minima/tiny_net.h"

namespace lreg::minima {

struct MinimaOptions {
  int hidden = 1;        // h in {1, 2}
  double lambda = 1e-2;  // ridge weight, > 0
};

enum class PointKind { Isolated, Set, Critical };
const char* toString(PointKind k);

// Where a unit sits: "zero", or a ray / sector of its plane with its sign.
struct UnitRegion {
  std::string face;  // "zero", "ray", "sector"
  int index = -1;    // ray or sector number (rays sorted by angle)
  int sign = 1;
  std::vector<int> active;  // 0-based samples on which the unit is active
};

struct MinimumPoint {
  TinyNet net;      // balanced parameters; for a set its midpoint t = 1/2
  double loss = 0;  // L recomputed from net on the raw data
  PointKind kind = PointKind::Isolated;
  int dimension = 0;                       // 1 for a segment of minima
  std::vector<TinyNet> end_points;         // sets: u_1 = t u, u_2 = (1 - t) u at t = 0 and 1
  std::vector<bool> end_point_is_minimum;  // the dead-unit test at each end (equality counts)
  std::vector<UnitRegion> region;          // per unit
  // Certificate. hessian: eigenvalues of L's Hessian in (a, w, c, m) when every alive unit is off
  // its kinks (a set has one zero). margins: every one-sided test (>= 0 passes): the inward
  // derivative into each sector next to a ray, lambda - max |sum r relu(z.(x,1))| for a dead unit.
  std::vector<double> hessian;
  std::vector<double> margins;
  double min_margin = 0;    // smallest margin, +inf when there is none
  double stationarity = 0;  // |grad| of the reduced loss on the face
  bool exact = false;       // existence decided by an exact Sturm count (one alive unit)
  std::string certificate;  // "hessian", "one-sided", "hessian+one-sided", "sturm+..."
  std::string reason;       // critical points: which test failed
};

struct MinimaReport {
  std::vector<MinimumPoint> minima;    // global first, then by loss
  std::vector<MinimumPoint> critical;  // stationary on a face but not minima, by loss
  long regions = 0;              // closed regions (sector and sign per unit, up to unit order)
  long faces = 0;                // faces of those regions solved
  long candidates = 0;           // stationary points found on faces (before merging)
  long exact_checks = 0;         // faces decided by the Sturm count
  long exact_disagreements = 0;  // numeric face solution contradicted by the exact count
  long degenerate = 0;           // faces with a singular Hessian (besides the split sets)
  double seconds = 0;
  Status status;
};

MinimaReport enumerateMinima(const Eigen::VectorXd& x, const Eigen::VectorXd& y,
                             const MinimaOptions& options, const ProgressFn& progress = {});

// lambda - max_{|z|=1} |sum_i r_i relu(z . (x_i, 1))|: >= 0 iff a dead unit is a local minimum
// direction-wise for residual r (centred, y - f).
double deadUnitMargin(const Eigen::VectorXd& x, const Eigen::VectorXd& r, double lambda);

}  // namespace lreg::minima
