#pragma once
// Checks of an enumeration that do not trust it, and the pictures an explorer panel draws:
//  - gridSearch: a dense grid over every unit's (w, c), with (a, m) solved exactly (for fixed
//    (w, c) the loss is quadratic in (a, m)), must never beat the enumerated global minimum;
//  - basinShares: random starts, the same for every trainer, trained by L-BFGS, Adam, SGD and
//    ANMIN on all 3h + 1 parameters of the raw-data loss (no standardisation, so L is the
//    enumerated one), each end point matched to an enumerated minimum or critical point up to
//    unit order, the rescaling and the set's t;
//  - reducedLossSlice / basinMap: a heat map over one unit's (w, c) and the index of the minimum
//    L-BFGS reaches from each grid point.
#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "lreg/common/progress.h"
#include "lreg/minima/enumerate.h"

namespace lreg::minima {

// min over (a, m) of L for the given hidden (w, c); writes the minimiser to net when given.
double solveOuterLayer(const Eigen::VectorXd& w, const Eigen::VectorXd& c, const Eigen::VectorXd& x,
                       const Eigen::VectorXd& y, double lambda, TinyNet* net = nullptr);

struct GridCheck {
  long points = 0;
  int per_axis = 0;
  double range = 0;  // every w_j, c_j in [-range, range]
  double best = 0;   // lowest grid value
  TinyNet best_net;
  double global = 0;        // the enumerated global minimum
  double relative_gap = 0;  // (best - global) / |global|: >= -1e-9 passes
  bool passed = false;
};
GridCheck gridSearch(const Eigen::VectorXd& x, const Eigen::VectorXd& y, double lambda,
                     const MinimaReport& report, int hidden, int per_axis);

enum class TrainerKind { Lbfgs, Adam, Sgd, Anmin };
const char* toString(TrainerKind t);
// The basin study's trainers, in the order of basinShares' result; there ANMIN is followed by
// "anmin+lbfgs": ANMIN's end point polished by L-BFGS, the basin it lies in.
inline constexpr TrainerKind kBasinTrainers[] = {TrainerKind::Lbfgs, TrainerKind::Adam,
                                                 TrainerKind::Sgd, TrainerKind::Anmin};

struct TrainOptions {
  int iters = 3000;        // L-BFGS: iterations per round; Adam, SGD: steps; ANMIN: iterations
  std::uint64_t seed = 1;  // SGD's sample order
  // Adam and SGD: their schedule's end point is polished by L-BFGS (descent from there, so it
  // stays in that basin unless the schedule had not got near a critical point; basinShares
  // counts the runs where the polish moved the point).
  bool polish = true;
  int polish_iters = 3000;
};
// L-BFGS (weak Wolfe line search) restarted after an exact balancing step, then continued on the
// kinks its units sit on (c = -w x_k), until nothing moves;
// Adam (step 0.02 cosine-decayed to 0); SGD (one sample per step, cosine-decayed); ANMIN
// (Barbu 2023, Algorithm 1, on the raw data with L's ridge: (a, m) by ridge least squares with m
// unpenalised, (w, c) by eq. 9 with ridge lambda / N for the frozen firing pattern; keeps the
// least L; until a fixed point or `iters`). ANMIN's own end point is never polished here.
TinyNet train(TrainerKind kind, const TinyNet& init, const Eigen::VectorXd& x,
              const Eigen::VectorXd& y, double lambda, const TrainOptions& options);
// The polish of Adam and SGD: L-BFGS rounds from net.
TinyNet polish(const TinyNet& net, const Eigen::VectorXd& x, const Eigen::VectorXd& y,
               double lambda, int max_iters = 3000);

// Index into report.minima (>= 0), -2 - k for report.critical[k], -1 when nothing matches:
// up to the symmetries: the loss of net and of its balanced rescaling (same f, same m) within
// rel_loss relative, u = a (w, c) within 1e-2 relative up to unit order; a set matches when its
// units share its sign, add up to its u and are parallel (any t in [0, 1]).
int matchPoint(const TinyNet& net, const MinimaReport& report, const Eigen::VectorXd& x,
               const Eigen::VectorXd& y, double lambda, double rel_loss = 1e-6);

struct BasinOptions {
  long runs = 1000;
  std::uint64_t seed = 1;
  double init_scale = 1.0;  // a, w, c ~ N(0, init_scale^2); m = mean(y)
  int lbfgs_iters = 3000;
  int adam_iters = 20000;
  int sgd_iters = 30000;  // one sample per step
  int anmin_iters = 1000;
  bool polish = true;  // Adam and SGD (TrainOptions::polish)
};

// Run `run`'s start, shared by every trainer: a, w, c ~ N(0, s^2) from a generator seeded by
// (seed, run), m = mean(y).
TinyNet basinStart(const BasinOptions& options, long run, int hidden, const Eigen::VectorXd& y);

struct BasinShare {
  std::string trainer;
  long runs = 0;
  std::vector<long> minima;    // per report.minima
  std::vector<long> critical;  // per report.critical
  long unmatched = 0;
  long unmatched_near = 0;  // of those, within 1e-4 relative of an enumerated point's loss
  // Of the unmatched: (L - L_k) / |L_k| to the enumerated point k of the nearest loss.
  std::vector<double> unmatched_gaps;
  // Adam, SGD, anmin+lbfgs: runs whose end was not matched before the polish.
  long polished = 0;
  long polish_moved = 0;    // of all runs, those where the polish moved some u_j by > 1e-2 relative
  double global_share = 0;  // minima[0] / runs
};

// One trained run, for observers (tests, logs).
struct BasinRun {
  long run = 0;
  TrainerKind trainer = TrainerKind::Lbfgs;
  TinyNet init, end;
  int match = -1;  // matchPoint code
};
using BasinObserver = std::function<void(const BasinRun&)>;

std::vector<BasinShare> basinShares(const Eigen::VectorXd& x, const Eigen::VectorXd& y,
                                    double lambda, const MinimaReport& report,
                                    const BasinOptions& options, const ProgressFn& progress = {},
                                    const BasinObserver& observe = {});

// Heat map: rows over w of `unit` in [w_lo, w_hi], columns over c in [c_lo, c_hi]; the other
// units keep base's (w, c); (a, m) solved exactly at every point.
struct SliceSpec {
  int unit = 0;
  double w_lo = -2, w_hi = 2, c_lo = -2, c_hi = 2;
  int nw = 64, nc = 64;
};
Eigen::MatrixXd reducedLossSlice(const Eigen::VectorXd& x, const Eigen::VectorXd& y, double lambda,
                                 const TinyNet& base, const SliceSpec& spec);
// matchPoint of L-BFGS from every slice point (started at the exact (a, m)).
Eigen::MatrixXi basinMap(const Eigen::VectorXd& x, const Eigen::VectorXd& y, double lambda,
                         const MinimaReport& report, const TinyNet& base, const SliceSpec& spec,
                         const ProgressFn& progress = {});

}  // namespace lreg::minima
