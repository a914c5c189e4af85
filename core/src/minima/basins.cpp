// Random starts trained on all parameters by every trainer, matched to the enumeration; the
// basin map.
#include <chrono>
#include <cmath>
#include <deque>
#include <limits>
#include <random>

#include "lreg/common/status.h"
#include "lreg/minima/validation.h"

namespace lreg::minima {

namespace {

bool matches(const std::vector<ReducedUnit>& got, const MinimumPoint& p, double tol) {
  const auto want = toReduced(p.net);
  auto close = [&](const Eigen::Vector2d& a, const Eigen::Vector2d& b) {
    return (a - b).norm() <= tol * (1 + b.norm());
  };
  if (p.kind == PointKind::Set) {
    // Units on one ray of one sign adding up to u, anywhere on the segment (ends included).
    const Eigen::Vector2d u = want[0].u + want[1].u;
    const int s = want[0].sign;
    Eigen::Vector2d sum = Eigen::Vector2d::Zero();
    double norms = 0;
    for (const ReducedUnit& r : got) {
      if (r.u.norm() > tol * (1 + u.norm()) && r.sign != s) return false;
      sum += r.u;
      norms += r.u.norm();
    }
    return close(sum, u) && std::abs(norms - u.norm()) <= tol * (1 + u.norm());
  }
  if (got.size() == 1) return close(got[0].u, want[0].u);
  return (close(got[0].u, want[0].u) && close(got[1].u, want[1].u)) ||
         (close(got[0].u, want[1].u) && close(got[1].u, want[0].u));
}

}  // namespace

int matchPoint(const TinyNet& net, const MinimaReport& report, const Eigen::VectorXd& x,
               const Eigen::VectorXd& y, double lambda, double rel_loss) {
  // Up to the rescaling symmetry: compare the balanced point of the end point's orbit (same f,
  // same m), since at a kink a trainer crawls along the orbit towards it.
  const auto got = toReduced(net);
  TinyNet b = fromReduced(got, x, y);
  b.m = net.m;
  const double l = loss(b, x, y, lambda), raw = loss(net, x, y, lambda);
  // ... and the end point's own L too: an unbalanced point is not critical (ANMIN stops off
  // balance when its alternation has not converged), so it matches nothing.
  auto test = [&](const MinimumPoint& p) {
    const double tol = rel_loss * std::abs(p.loss);
    return std::abs(l - p.loss) <= tol && std::abs(raw - p.loss) <= tol && matches(got, p, 1e-2);
  };
  for (size_t k = 0; k < report.minima.size(); ++k)
    if (test(report.minima[k])) return static_cast<int>(k);
  for (size_t k = 0; k < report.critical.size(); ++k)
    if (test(report.critical[k])) return -2 - static_cast<int>(k);
  return -1;
}

TinyNet basinStart(const BasinOptions& o, long run, int hidden, const Eigen::VectorXd& y) {
  std::mt19937_64 rng(o.seed * 1000003ULL + static_cast<std::uint64_t>(run));
  std::normal_distribution<double> nd(0.0, o.init_scale);
  TinyNet init;
  init.a.resize(hidden), init.w.resize(hidden), init.c.resize(hidden);
  for (int j = 0; j < hidden; ++j) init.a(j) = nd(rng), init.w(j) = nd(rng), init.c(j) = nd(rng);
  init.m = y.mean();
  return init;
}

std::vector<BasinShare> basinShares(const Eigen::VectorXd& x, const Eigen::VectorXd& y,
                                    double lambda, const MinimaReport& report,
                                    const BasinOptions& o, const ProgressFn& progress,
                                    const BasinObserver& observe) {
  if (o.runs < 1) throw InputError("minima: --basins must be >= 1");
  if (report.minima.empty()) throw InputError("minima: basins need an enumeration");
  const int h = report.minima.front().net.hidden();
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<BasinShare> out;
  std::vector<std::string> names;
  for (TrainerKind k : kBasinTrainers) names.emplace_back(toString(k));
  names.emplace_back("anmin+lbfgs");
  for (const std::string& name : names) {
    BasinShare b;
    b.trainer = name;
    b.minima.assign(report.minima.size(), 0);
    b.critical.assign(report.critical.size(), 0);
    out.push_back(b);
  }
  // The loss gap of an unmatched end point to the enumerated point of the nearest loss.
  auto nearestGap = [&](double l) {
    double best = std::numeric_limits<double>::infinity();
    for (const auto* list : {&report.minima, &report.critical})
      for (const MinimumPoint& p : *list) {
        const double g = (l - p.loss) / std::max(std::abs(p.loss), 1e-300);
        if (std::abs(g) < std::abs(best)) best = g;
      }
    return best;
  };
  auto moved = [](const TinyNet& from, const TinyNet& to) {
    const auto a = toReduced(from), b = toReduced(to);
    for (size_t j = 0; j < a.size(); ++j)
      if ((a[j].u - b[j].u).norm() > 1e-2 * (1 + b[j].u.norm())) return true;
    return false;
  };
  auto count = [&](BasinShare& b, const TinyNet& end) {
    const int m = matchPoint(end, report, x, y, lambda);
    ++b.runs;
    if (m >= 0) {
      ++b.minima[m];
    } else if (m == -1) {
      ++b.unmatched;
      if (matchPoint(end, report, x, y, lambda, 1e-4) != -1) ++b.unmatched_near;
      b.unmatched_gaps.push_back(nearestGap(loss(end, x, y, lambda)));
    } else {
      ++b.critical[-2 - m];
    }
    return m;
  };
  // Adam's, SGD's and ANMIN's end polished by L-BFGS, counting what the polish had to do.
  auto polishCounted = [&](BasinShare& b, const TinyNet& raw) {
    if (matchPoint(raw, report, x, y, lambda) == -1) ++b.polished;
    const TinyNet end = polish(raw, x, y, lambda, o.lbfgs_iters);
    if (moved(raw, end)) ++b.polish_moved;
    return end;
  };
  for (long run = 0; run < o.runs; ++run) {
    const TinyNet init = basinStart(o, run, h, y);
    for (size_t t = 0; t < std::size(kBasinTrainers); ++t) {
      const TrainerKind k = kBasinTrainers[t];
      TrainOptions to;
      to.iters = k == TrainerKind::Lbfgs  ? o.lbfgs_iters
                 : k == TrainerKind::Adam ? o.adam_iters
                 : k == TrainerKind::Sgd  ? o.sgd_iters
                                          : o.anmin_iters;
      to.seed = o.seed * 1000003ULL + static_cast<std::uint64_t>(run);
      to.polish = false;  // polished here, counted
      const TinyNet end = train(k, init, x, y, lambda, to);
      if (k == TrainerKind::Anmin) {  // counted as it stops; anmin+lbfgs: the basin it lies in
        const int m = count(out[t], end);
        if (observe) observe({run, k, init, end, m});
        if (o.polish) count(out[t + 1], polishCounted(out[t + 1], end));
        continue;
      }
      const TinyNet done = o.polish && k != TrainerKind::Lbfgs ? polishCounted(out[t], end) : end;
      const int m = count(out[t], done);
      if (observe) observe({run, k, init, done, m});
    }
    if (run % 50 == 0) {
      const double secs =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      if (!lreg::report(progress, {static_cast<int>(run), static_cast<int>(o.runs), secs,
                                   "minima: random starts"}))
        break;
    }
  }
  if (!o.polish) out.pop_back();  // no anmin+lbfgs
  for (BasinShare& b : out) b.global_share = b.runs ? double(b.minima[0]) / b.runs : 0;
  return out;
}

Eigen::MatrixXi basinMap(const Eigen::VectorXd& x, const Eigen::VectorXd& y, double lambda,
                         const MinimaReport& report, const TinyNet& base, const SliceSpec& spec,
                         const ProgressFn& progress) {
  if (spec.unit < 0 || spec.unit >= base.hidden() || spec.nw < 2 || spec.nc < 2)
    throw InputError("minima: basin map needs a valid unit and >= 2 points per axis");
  Eigen::MatrixXi out = Eigen::MatrixXi::Constant(spec.nw, spec.nc, -1);
  Eigen::VectorXd w = base.w, c = base.c;
  for (int a = 0; a < spec.nw; ++a) {
    if (!lreg::report(progress, {a, spec.nw, 0.0, "minima: basin map"})) break;
    for (int b = 0; b < spec.nc; ++b) {
      w(spec.unit) = spec.w_lo + (spec.w_hi - spec.w_lo) * a / (spec.nw - 1);
      c(spec.unit) = spec.c_lo + (spec.c_hi - spec.c_lo) * b / (spec.nc - 1);
      TinyNet start;
      solveOuterLayer(w, c, x, y, lambda, &start);
      out(a, b) =
          matchPoint(train(TrainerKind::Lbfgs, start, x, y, lambda, {}), report, x, y, lambda);
    }
  }
  return out;
}

}  // namespace lreg::minima
