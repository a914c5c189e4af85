// Random starts trained on all parameters, matched to the enumeration; the basin map.
#include <chrono>
#include <cmath>
#include <deque>
#include <limits>
#include <random>

#include "lreg/common/status.h"
#include "lreg/minima/validation.h"

namespace lreg::minima {

const char* toString(TrainerKind t) { return t == TrainerKind::Lbfgs ? "lbfgs" : "adam"; }

namespace {

// L-BFGS (memory 10) with Armijo backtracking; the loss has kinks, so a failed line search with an
// empty memory ends the run (the point is stationary to the precision the kinks allow).
Eigen::VectorXd lbfgs(Eigen::VectorXd p, const Eigen::VectorXd& x, const Eigen::VectorXd& y,
                      double lambda, int max_iters) {
  Eigen::VectorXd g, gn;
  double f = lossAndGradient(p, x, y, lambda, g);
  std::deque<std::pair<Eigen::VectorXd, Eigen::VectorXd>> mem;
  for (int it = 0; it < max_iters; ++it) {
    if (g.norm() <= 1e-12 * (1 + std::abs(f))) break;
    Eigen::VectorXd q = g;
    std::vector<double> alpha(mem.size());
    for (int k = static_cast<int>(mem.size()) - 1; k >= 0; --k) {
      alpha[k] = mem[k].first.dot(q) / mem[k].second.dot(mem[k].first);
      q -= alpha[k] * mem[k].second;
    }
    if (!mem.empty())
      q *= mem.back().first.dot(mem.back().second) / mem.back().second.squaredNorm();
    for (size_t k = 0; k < mem.size(); ++k) {
      const double beta = mem[k].second.dot(q) / mem[k].second.dot(mem[k].first);
      q += (alpha[k] - beta) * mem[k].first;
    }
    Eigen::VectorXd d = -q;
    if (mem.empty()) d /= std::max(1.0, g.norm());
    if (g.dot(d) >= 0) d = -g, mem.clear();
    // Weak Wolfe line search by bisection and doubling (Lewis and Overton's choice for BFGS on
    // nonsmooth functions): Armijo decrease and the curvature condition g(t).d >= 0.9 g.d.
    double t = 1, lo = 0, hi = std::numeric_limits<double>::infinity(), fn = f;
    bool ok = false;
    Eigen::VectorXd pn;
    const double gd = g.dot(d);
    for (int ls = 0; ls < 80; ++ls) {
      pn = p + t * d;
      fn = lossAndGradient(pn, x, y, lambda, gn);
      if (fn > f + 1e-4 * t * gd) {
        hi = t;
      } else if (gn.dot(d) < 0.9 * gd) {
        lo = t;
        ok = true;  // a decrease at least; keep looking for the curvature condition
      } else {
        ok = true;
        break;
      }
      t = std::isinf(hi) ? 2 * lo : 0.5 * (lo + hi);
      if (hi - lo < 1e-18) break;
    }
    if (ok && fn > f + 1e-4 * t * gd) {  // ended on a rejected trial: go back to lo
      t = lo;
      pn = p + t * d;
      fn = lossAndGradient(pn, x, y, lambda, gn);
    }
    ok = ok && t > 0;
    if (!ok) {
      if (mem.empty()) break;
      mem.clear();
      continue;
    }
    const Eigen::VectorXd s = pn - p, yv = gn - g;
    if (s.dot(yv) > 1e-14 * s.norm() * yv.norm()) {
      mem.emplace_back(s, yv);
      if (mem.size() > 10) mem.pop_front();
    }
    const bool stalled =
        std::abs(f - fn) <= 1e-16 * std::abs(f) && s.norm() <= 1e-14 * (1 + p.norm());
    p = pn;
    f = fn;
    g = gn;
    if (stalled) break;
  }
  return p;
}

// Adam with a cosine-decayed step (0.02 -> 0), so it settles instead of orbiting the minimum.
Eigen::VectorXd adam(Eigen::VectorXd p, const Eigen::VectorXd& x, const Eigen::VectorXd& y,
                     double lambda, int iters) {
  Eigen::VectorXd g, m1 = Eigen::VectorXd::Zero(p.size()), m2 = m1;
  const double b1 = 0.9, b2 = 0.999;
  for (int t = 1; t <= iters; ++t) {
    const double f = lossAndGradient(p, x, y, lambda, g);
    if (g.norm() <= 1e-12 * (1 + std::abs(f))) break;
    m1 = b1 * m1 + (1 - b1) * g;
    m2 = b2 * m2 + (1 - b2) * g.cwiseProduct(g);
    const double lr = 0.02 * 0.5 * (1 + std::cos(M_PI * t / iters));
    const double c1 = 1 - std::pow(b1, t), c2 = 1 - std::pow(b2, t);
    p -= lr * ((m1 / c1).array() / ((m2 / c2).array().sqrt() + 1e-12)).matrix();
  }
  return p;
}

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

TinyNet train(TrainerKind kind, const TinyNet& init, const Eigen::VectorXd& x,
              const Eigen::VectorXd& y, double lambda, int max_iters) {
  if (kind == TrainerKind::Adam)
    return unpack(adam(pack(init), x, y, lambda, max_iters), init.hidden());
  // At a minimum on a kink the valley follows the rescaling orbit a -> t a, (w, c) -> (w, c) / t,
  // which a quasi-Newton model of the kinked loss cannot follow: when L-BFGS stops, one exact step
  // along every orbit (balancing, which keeps f and lowers L) and a restart, until nothing moves.
  TinyNet net = init;
  double last = loss(net, x, y, lambda);
  for (int round = 0; round < 30; ++round) {
    net = unpack(lbfgs(pack(net), x, y, lambda, max_iters), init.hidden());
    const double m = net.m;
    net = fromReduced(toReduced(net), x, y);
    net.m = m;  // keep m: L-BFGS re-fits it next
    const double now = loss(net, x, y, lambda);
    if (!(now < last - 1e-15 * std::abs(last))) break;
    last = now;
  }
  return net;
}

int matchPoint(const TinyNet& net, const MinimaReport& report, const Eigen::VectorXd& x,
               const Eigen::VectorXd& y, double lambda, double rel_loss) {
  // Up to the rescaling symmetry: compare the balanced point of the end point's orbit (same f,
  // same m), since at a kink a trainer crawls along the orbit towards it.
  const auto got = toReduced(net);
  TinyNet b = fromReduced(got, x, y);
  b.m = net.m;
  const double l = loss(b, x, y, lambda);
  auto test = [&](const MinimumPoint& p) {
    return std::abs(l - p.loss) <= rel_loss * std::abs(p.loss) && matches(got, p, 1e-2);
  };
  for (size_t k = 0; k < report.minima.size(); ++k)
    if (test(report.minima[k])) return static_cast<int>(k);
  for (size_t k = 0; k < report.critical.size(); ++k)
    if (test(report.critical[k])) return -2 - static_cast<int>(k);
  return -1;
}

std::vector<BasinShare> basinShares(const Eigen::VectorXd& x, const Eigen::VectorXd& y,
                                    double lambda, const MinimaReport& report,
                                    const BasinOptions& o, const ProgressFn& progress) {
  if (o.runs < 1) throw InputError("minima: --basins must be >= 1");
  if (report.minima.empty()) throw InputError("minima: basins need an enumeration");
  const int h = report.minima.front().net.hidden();
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<BasinShare> out;
  for (TrainerKind k : {TrainerKind::Lbfgs, TrainerKind::Adam}) {
    BasinShare b;
    b.trainer = toString(k);
    b.minima.assign(report.minima.size(), 0);
    b.critical.assign(report.critical.size(), 0);
    out.push_back(b);
  }
  for (long run = 0; run < o.runs; ++run) {
    // The same initialisation for every trainer: a, w, c ~ N(0, s^2), m = mean(y).
    std::mt19937_64 rng(o.seed * 1000003ULL + static_cast<std::uint64_t>(run));
    std::normal_distribution<double> nd(0.0, o.init_scale);
    TinyNet init;
    init.a.resize(h), init.w.resize(h), init.c.resize(h);
    for (int j = 0; j < h; ++j) init.a(j) = nd(rng), init.w(j) = nd(rng), init.c(j) = nd(rng);
    init.m = y.mean();
    for (size_t t = 0; t < out.size(); ++t) {
      const TrainerKind k = t == 0 ? TrainerKind::Lbfgs : TrainerKind::Adam;
      const TinyNet end = train(k, init, x, y, lambda, t == 0 ? o.lbfgs_iters : o.adam_iters);
      const int m = matchPoint(end, report, x, y, lambda);
      ++out[t].runs;
      if (m >= 0)
        ++out[t].minima[m];
      else if (m == -1) {
        ++out[t].unmatched;
        if (matchPoint(end, report, x, y, lambda, 1e-4) != -1) ++out[t].unmatched_near;
      } else
        ++out[t].critical[-2 - m];
    }
    if (run % 50 == 0) {
      const double secs =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      if (!lreg::report(progress, {static_cast<int>(run), static_cast<int>(o.runs), secs,
                                   "minima: random starts"}))
        break;
    }
  }
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
          matchPoint(train(TrainerKind::Lbfgs, start, x, y, lambda, 3000), report, x, y, lambda);
    }
  }
  return out;
}

}  // namespace lreg::minima
