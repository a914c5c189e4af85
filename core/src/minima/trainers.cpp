// The four trainers of the basin study on all 3h + 1 parameters of the raw-data L
// (lreg/minima/validation.h): L-BFGS, Adam and SGD on its gradient, ANMIN by its closed-form
// alternation (Barbu 2023, Algorithm 1) with the objective's own ridge.
#include <algorithm>
#include <cmath>
#include <deque>
#include <functional>
#include <limits>
#include <numeric>
#include <random>
#include <vector>

#include "lreg/minima/validation.h"
#include "lreg/train/anmin.h"

namespace lreg::minima {

const char* toString(TrainerKind t) {
  switch (t) {
    case TrainerKind::Lbfgs:
      return "lbfgs";
    case TrainerKind::Adam:
      return "adam";
    case TrainerKind::Sgd:
      return "sgd";
    case TrainerKind::Anmin:
      return "anmin";
  }
  return "lbfgs";
}

namespace {

// L-BFGS (memory 10) with a weak Wolfe line search; the loss has kinks, so a failed line search
// with an empty memory ends the run (the point is stationary to the precision the kinks allow).
using Objective = std::function<double(const Eigen::VectorXd&, Eigen::VectorXd&)>;

Eigen::VectorXd lbfgs(Eigen::VectorXd p, const Objective& objective, int max_iters) {
  Eigen::VectorXd g, gn;
  double f = objective(p, g);
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
      fn = objective(pn, gn);
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
      fn = objective(pn, gn);
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

// SGD, one sample per step in shuffled epochs: the step on sample i follows n times its data
// gradient plus the whole ridge, an unbiased estimate of grad L. The step size is scaled by the
// data, 1 / sum_i (1 + x_i^2) (an epoch then moves about as far as one gradient step of size
// n / sum_i (1 + x_i^2) on L), cosine-decayed to 0 so the noise dies out, and a step is clipped
// to length 0.5, without which about 1 run in 10 from N(0, 1) starts diverged at this step size.
Eigen::VectorXd sgd(Eigen::VectorXd p, const Eigen::VectorXd& x, const Eigen::VectorXd& y,
                    double lambda, int iters, std::uint64_t seed) {
  const long n = x.size();
  const double lr0 = 1.0 / (n + x.squaredNorm());
  std::mt19937_64 rng(seed);
  std::vector<long> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  Eigen::VectorXd g;
  for (int t = 0; t < iters; ++t) {
    if (t % n == 0) std::shuffle(order.begin(), order.end(), rng);
    const long i = order[static_cast<size_t>(t % n)];
    lossAndGradient(p, x.segment(i, 1), y.segment(i, 1), lambda / n, g);
    Eigen::VectorXd step = lr0 * 0.5 * (1 + std::cos(M_PI * t / iters)) * n * g;
    const double len = step.norm();
    if (len > 0.5) step *= 0.5 / len;
    p -= step;
  }
  return p;
}

// ANMIN on the raw data with L's own ridge. Line 1's random hidden layer is the start's (w, c);
// line 2 and line 15 solve (a, m) exactly (solveOuterLayer: eq. 4 with the bias unpenalised, as
// m is in L); lines 5-13 are the project's eqs. 7-9 on xt = (1, x) with ridge lambda / N, which
// minimises (1/2) sum (y - m - sum_j a_j F_ij (w_j x_i + c_j))^2 + (lambda/2)(|w|^2 + |c|^2) for
// the frozen firing pattern F; lines 17-20 keep the least L. Runs until a fixed point (the pattern
// repeats and L changes by <= 1e-15 relative) or max_iters iterations: far beyond the paper's
// E = 30, since the alternation converges slowly (r4, h = 2: 38 of 40 runs unmatched after 30
// iterations, 16 after 2000, 10 after 20000).
TinyNet anmin(const TinyNet& init, const Eigen::VectorXd& x, const Eigen::VectorXd& y,
              double lambda, int max_iters) {
  const int h = init.hidden();
  const long n = x.size();
  Eigen::MatrixXd xt(n, 2);
  xt.col(0).setOnes();
  xt.col(1) = x;
  const Eigen::MatrixXd Y = y;
  TinyNet net;
  solveOuterLayer(init.w, init.c, x, y, lambda, &net);
  TinyNet best = net;
  double best_loss = loss(net, x, y, lambda), last = best_loss;
  Eigen::MatrixXd A(2, h);
  A.row(0) = net.c.transpose();
  A.row(1) = net.w.transpose();
  FiringGroups groups = groupByFiringPattern(xt, A, 0.0);
  for (int it = 0; it < max_iters; ++it) {
    const Eigen::MatrixXd moments = groupMoments(groups, xt, Y);
    const Eigen::MatrixXd B = net.a;
    const Eigen::RowVectorXd b0 = Eigen::RowVectorXd::Constant(1, net.m);
    const RegularizedSolve sol =
        solveRegularized(accumulateHiddenGram(groups, B, 1), lambda / static_cast<double>(n),
                         hiddenRhs(groups, moments, B, b0));
    if (!sol.x.allFinite()) break;
    A = Eigen::Map<const Eigen::MatrixXd>(sol.x.data(), 2, h);
    solveOuterLayer(A.row(1).transpose(), A.row(0).transpose(), x, y, lambda, &net);
    const double l = loss(net, x, y, lambda);
    if (l < best_loss) best = net, best_loss = l;
    FiringGroups next = groupByFiringPattern(xt, A, 0.0);
    const bool same = countFlips(groups, next) == 0;
    groups = std::move(next);
    if (same && std::abs(l - last) <= 1e-15 * std::abs(l)) break;
    last = l;
  }
  return best;
}

// Units sitting on a kink after L-BFGS: sample k with w x_k + c = 0 to rounding. A minimum with
// units on kinks lies on the intersection of such surfaces, a valley L-BFGS's model of the
// kinked loss cannot follow (it stopped 1.8e-6 and 2.6e-6 relative above two such minima). On the
// surfaces the loss is smooth: L-BFGS in (a, w) with c = -w x_k for those units (the kink's
// sample stays exactly at pre-activation 0) finishes there. Each unit's kink is its sample of
// least |w x + c| relative to |(w, c)| |(x, 1)| when that is below 1e-9.
std::vector<int> kinks(const TinyNet& net, const Eigen::VectorXd& x) {
  std::vector<int> k(net.hidden(), -1);
  for (int j = 0; j < net.hidden(); ++j) {
    double best = 1e-9;
    for (long i = 0; i < x.size(); ++i) {
      const double scale = std::hypot(net.w(j), net.c(j)) * std::hypot(x(i), 1.0);
      const double r = std::abs(net.w(j) * x(i) + net.c(j));
      if (scale > 0 && r <= best * scale) best = r / scale, k[j] = static_cast<int>(i);
    }
  }
  return k;
}

TinyNet onKinks(const TinyNet& net, const std::vector<int>& kink, const Eigen::VectorXd& x,
                const Eigen::VectorXd& y, double lambda, int max_iters) {
  const int h = net.hidden();
  // q: per unit (a, w) and, off its kink, c; then m.
  auto expand = [&](const Eigen::VectorXd& q) {
    Eigen::VectorXd p(3 * h + 1);
    int at = 0;
    for (int j = 0; j < h; ++j) {
      p(3 * j) = q(at++);
      p(3 * j + 1) = q(at++);
      p(3 * j + 2) = kink[j] < 0 ? q(at++) : -(p(3 * j + 1) * x(kink[j]));
    }
    p(3 * h) = q(at);
    return p;
  };
  Eigen::VectorXd q0(3 * h + 1 -
                     std::count_if(kink.begin(), kink.end(), [](int k) { return k >= 0; }));
  const Eigen::VectorXd p0 = pack(net);
  int at = 0;
  for (int j = 0; j < h; ++j) {
    q0(at++) = p0(3 * j);
    q0(at++) = p0(3 * j + 1);
    if (kink[j] < 0) q0(at++) = p0(3 * j + 2);
  }
  q0(at) = p0(3 * h);
  const Objective reduced = [&](const Eigen::VectorXd& q, Eigen::VectorXd& gq) {
    Eigen::VectorXd gp;
    const double f = lossAndGradient(expand(q), x, y, lambda, gp);
    gq.resize(q.size());
    int k = 0;
    for (int j = 0; j < h; ++j) {  // chain rule through c = -w x_k
      gq(k++) = gp(3 * j);
      gq(k++) = gp(3 * j + 1) - (kink[j] < 0 ? 0.0 : gp(3 * j + 2) * x(kink[j]));
      if (kink[j] < 0) gq(k++) = gp(3 * j + 2);
    }
    gq(k) = gp(3 * h);
    return f;
  };
  return unpack(expand(lbfgs(q0, reduced, max_iters)), h);
}

// At a minimum on a kink the valley follows the rescaling orbit a -> t a, (w, c) -> (w, c) / t,
// which a quasi-Newton model of the kinked loss cannot follow: when L-BFGS stops, one exact step
// along every orbit (balancing, which keeps f and lowers L) and a restart, until nothing moves;
// then the same on the kinks the units sit on, when any.
TinyNet lbfgsRounds(TinyNet net, const Eigen::VectorXd& x, const Eigen::VectorXd& y, double lambda,
                    int max_iters) {
  const Objective full = [&](const Eigen::VectorXd& p, Eigen::VectorXd& g) {
    return lossAndGradient(p, x, y, lambda, g);
  };
  auto balanced = [&](TinyNet n) {
    const double m = n.m;
    n = fromReduced(toReduced(n), x, y);
    n.m = m;  // keep m: L-BFGS re-fits it next
    return n;
  };
  double last = loss(net, x, y, lambda);
  for (int round = 0; round < 30; ++round) {
    TinyNet next = balanced(unpack(lbfgs(pack(net), full, max_iters), net.hidden()));
    double now = loss(next, x, y, lambda);
    if (!(now < last - 1e-15 * std::abs(last))) {  // stalled: on the kinks it sits on, if any
      const std::vector<int> kink = kinks(net, x);
      if (std::none_of(kink.begin(), kink.end(), [](int k) { return k >= 0; })) break;
      next = balanced(onKinks(net, kink, x, y, lambda, max_iters));
      now = loss(next, x, y, lambda);
      if (!(now < last - 1e-15 * std::abs(last))) break;
    }
    net = next;
    last = now;
  }
  return net;
}

}  // namespace

TinyNet polish(const TinyNet& net, const Eigen::VectorXd& x, const Eigen::VectorXd& y,
               double lambda, int max_iters) {
  return lbfgsRounds(net, x, y, lambda, max_iters);
}

TinyNet train(TrainerKind kind, const TinyNet& init, const Eigen::VectorXd& x,
              const Eigen::VectorXd& y, double lambda, const TrainOptions& o) {
  const int h = init.hidden();
  switch (kind) {
    case TrainerKind::Lbfgs:
      return lbfgsRounds(init, x, y, lambda, o.iters);
    case TrainerKind::Adam:
    case TrainerKind::Sgd: {
      const TinyNet end =
          unpack(kind == TrainerKind::Adam ? adam(pack(init), x, y, lambda, o.iters)
                                           : sgd(pack(init), x, y, lambda, o.iters, o.seed),
                 h);
      if (!o.polish) return end;
      return lbfgsRounds(end, x, y, lambda, o.polish_iters);
    }
    case TrainerKind::Anmin:
      return anmin(init, x, y, lambda, o.iters);
  }
  return init;
}

}  // namespace lreg::minima
