#include "lreg/train/polish_mae_1d.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "lreg/common/metrics.h"
#include "lreg/common/timer.h"

namespace lreg {

namespace {

constexpr double kMoveTol = 1e-13;       // a gain below this share of S is rounding, not a move
constexpr size_t kJointCandidates = 96;  // position candidates evaluated directly

// The polished function and the samples sorted by x, with the exact one-coordinate searches.
class Polisher {
 public:
  Polisher(std::vector<double> p, std::vector<double> c, Eigen::VectorXd x, Eigen::VectorXd y,
           double gap)
      : p_(std::move(p)), c_(std::move(c)), x_(std::move(x)), y_(std::move(y)), gap_(gap) {}

  int nodes() const { return static_cast<int>(p_.size()); }
  const std::vector<double>& positions() const { return p_; }
  const std::vector<double>& values() const { return c_; }

  double totalAbs() const {
    double s = 0;
    for (Eigen::Index k = 0; k < x_.size(); ++k) s += std::abs(at(x_[k]) - y_[k]);
    return s;
  }

  // The gain in S of moving c_i to the weighted median of r / psi_i; applied when apply and the
  // gain exceeds tol_abs.
  double moveValue(int i, double tol_abs, bool apply) {
    const auto [k0, k1] = range(i);
    std::vector<std::pair<double, double>> tw;  // (r / psi, psi)
    double before = 0, weight = 0;
    for (Eigen::Index k = k0; k < k1; ++k) {
      const double r = y_[k] - at(x_[k]);
      const double psi = basis(i, x_[k]);
      before += std::abs(r);
      if (psi > 0) {
        tw.emplace_back(r / psi, psi);
        weight += psi;
      }
    }
    if (tw.empty()) return 0;
    std::sort(tw.begin(), tw.end());
    double acc = 0, d = tw.back().first;
    for (const auto& [t, w] : tw) {
      acc += w;
      if (acc >= 0.5 * weight) {
        d = t;
        break;
      }
    }
    double after = 0;
    for (Eigen::Index k = k0; k < k1; ++k)
      after += std::abs(y_[k] - at(x_[k]) - basis(i, x_[k]) * d);
    if (apply && before - after > tol_abs) c_[static_cast<size_t>(i)] += d;
    return before - after;
  }

  // The same for interior p_i and the best of the exact piecewise candidates (see the header).
  double movePosition(int i, double tol_abs, bool apply) {
    const size_t u = static_cast<size_t>(i);
    const double L = p_[u - 1], R = p_[u + 1], a = L + gap_, b = R - gap_;
    if (!(a < b)) return 0;
    const double cl = c_[u - 1], ci = c_[u], cr = c_[u + 1];
    // Named variables, not a structured binding: clang 14 cannot capture bindings in lambdas.
    const std::pair<Eigen::Index, Eigen::Index> span = range(i);
    const Eigen::Index k0 = span.first, k1 = span.second;
    // The function on [L, R] with the middle node at (q, v), at sample k.
    const auto value = [&](double q, double v, Eigen::Index k) {
      const double xk = x_[k];
      return xk <= q ? cl + (v - cl) * (xk - L) / (q - L) : cr + (v - cr) * (R - xk) / (R - q);
    };
    const auto loss = [&](double q, double v) {
      double s = 0;
      for (Eigen::Index k = k0; k < k1; ++k) s += std::abs(value(q, v, k) - y_[k]);
      return s;
    };
    // The best middle value with the node at q: a weighted median, as in moveValue.
    std::vector<std::pair<double, double>> tw;
    const auto bestValue = [&](double q) {
      tw.clear();
      double weight = 0;
      for (Eigen::Index k = k0; k < k1; ++k) {
        const double xk = x_[k];
        const double psi = xk <= q ? (xk - L) / (q - L) : (R - xk) / (R - q);
        if (psi <= 0) continue;
        tw.emplace_back((y_[k] - value(q, ci, k)) / psi, psi);
        weight += psi;
      }
      if (tw.empty()) return ci;
      std::sort(tw.begin(), tw.end());
      double acc = 0;
      for (const auto& [t, w] : tw) {
        acc += w;
        if (acc >= 0.5 * weight) return ci + t;
      }
      return ci + tw.back().first;
    };
    // Where a sample's term of the loss changes: at x_k (it changes side) and where its residual
    // changes sign on either side.
    std::vector<std::pair<double, Eigen::Index>> events;
    const auto add = [&](double q, Eigen::Index k) {
      if (q > a && q < b) events.emplace_back(q, k);
    };
    for (Eigen::Index k = k0; k < k1; ++k) {
      const double xk = x_[k], yk = y_[k];
      add(xk, k);
      if (yk != cl) {
        const double q = L + (ci - cl) * (xk - L) / (yk - cl);  // left residual zero (q >= xk)
        if (q >= xk) add(q, k);
      }
      if (yk != cr) {
        const double q = R - (ci - cr) * (R - xk) / (yk - cr);  // right residual zero (q < xk)
        if (q < xk) add(q, k);
      }
    }
    std::sort(events.begin(), events.end());
    std::vector<double> cuts = {a};
    for (const auto& e : events)
      if (e.first > cuts.back()) cuts.push_back(e.first);
    cuts.push_back(b);
    // Sweep the pieces left to right, keeping loss = A + B / (q - L) + C / (R - q) up to date:
    // only the samples with an event at a cut change their term there (O(m log m) in all).
    std::vector<std::array<double, 3>> terms(static_cast<size_t>(k1 - k0), {0.0, 0.0, 0.0});
    double A = 0, B = 0, C = 0;
    const auto setTerm = [&](Eigen::Index k, double mid) {
      auto& t = terms[static_cast<size_t>(k - k0)];
      A -= t[0];
      B -= t[1];
      C -= t[2];
      const double xk = x_[k], yk = y_[k];
      const double s = value(mid, ci, k) - yk >= 0 ? 1.0 : -1.0;
      if (xk <= mid)
        t = {s * (cl - yk), s * (ci - cl) * (xk - L), 0.0};
      else
        t = {s * (cr - yk), 0.0, s * (ci - cr) * (R - xk)};
      A += t[0];
      B += t[1];
      C += t[2];
    };
    const auto formula = [&](double q) { return A + B / (q - L) + C / (R - q); };
    std::vector<std::pair<double, double>> scored;  // (loss by the piece's formula, q)
    size_t e = 0;
    for (size_t j = 0; j + 1 < cuts.size(); ++j) {
      const double lo = cuts[j], hi = cuts[j + 1], mid = 0.5 * (lo + hi);
      if (j == 0)
        for (Eigen::Index k = k0; k < k1; ++k) setTerm(k, mid);
      for (; e < events.size() && events[e].first <= lo; ++e) setTerm(events[e].second, mid);
      scored.emplace_back(formula(lo), lo);
      if (j + 2 == cuts.size()) scored.emplace_back(formula(hi), hi);
      if (B > 0 && C > 0) {
        const double q = L + (R - L) * std::sqrt(B) / (std::sqrt(B) + std::sqrt(C));
        if (q > lo && q < hi) scored.emplace_back(formula(q), q);
      }
    }
    // The best few candidates, evaluated directly (the sums above drift by rounding), each with
    // the value kept (the exact position search) and re-optimised there (a joint move of the
    // node, which follows a valley that one coordinate at a time would only creep along).
    const size_t keep = std::min<size_t>(kJointCandidates, scored.size());
    std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(keep),
                      scored.end());
    const double before = loss(p_[u], ci);
    double best = before, best_q = p_[u], best_v = ci;
    for (size_t c = 0; c < keep; ++c) {
      const double q = scored[c].second;
      for (double v : {ci, bestValue(q)}) {
        const double l = loss(q, v);
        if (l < best) {
          best = l;
          best_q = q;
          best_v = v;
        }
      }
    }
    if (apply && before - best > tol_abs) {
      p_[u] = best_q;
      c_[u] = best_v;
    }
    return before - best;
  }

 private:
  // Samples with x in the support [p_{i-1}, p_{i+1}] of node i's tent.
  std::pair<Eigen::Index, Eigen::Index> range(int i) const {
    const double lo = p_[static_cast<size_t>(std::max(0, i - 1))];
    const double hi = p_[static_cast<size_t>(std::min(nodes() - 1, i + 1))];
    const double* begin = x_.data();
    const double* end = begin + x_.size();
    return {std::lower_bound(begin, end, lo) - begin, std::upper_bound(begin, end, hi) - begin};
  }

  double basis(int i, double xk) const {
    const size_t u = static_cast<size_t>(i);
    if (i > 0 && xk >= p_[u - 1] && xk <= p_[u]) return (xk - p_[u - 1]) / (p_[u] - p_[u - 1]);
    if (i + 1 < nodes() && xk >= p_[u] && xk <= p_[u + 1])
      return (p_[u + 1] - xk) / (p_[u + 1] - p_[u]);
    return 0;
  }

  double at(double xk) const {
    const auto it = std::upper_bound(p_.begin() + 1, p_.end() - 1, xk);
    const size_t e = static_cast<size_t>(it - p_.begin()) - 1;
    const double t = (xk - p_[e]) / (p_[e + 1] - p_[e]);
    return (1 - t) * c_[e] + t * c_[e + 1];
  }

  std::vector<double> p_, c_;
  Eigen::VectorXd x_, y_;
  double gap_;
};

}  // namespace

PolishMae1DReport polishMae1D(const LagrangeRegressor1D& model, const Eigen::VectorXd& x,
                              const Eigen::VectorXd& y, const PolishMae1DOptions& options,
                              const ProgressFn& progress) {
  if (model.outputs() != 1)
    throw InputError("polish: the model has " + std::to_string(model.outputs()) +
                     " outputs; MAE polishing takes one");
  if (x.size() != y.size() || x.size() == 0)
    throw InputError("polish: " + std::to_string(x.size()) + " inputs and " +
                     std::to_string(y.size()) + " targets; need as many, at least one");
  if (options.max_sweeps < 0 || !(options.tol >= 0) || !(options.min_gap > 0) ||
      !(options.min_gap < 0.5))
    throw InputError("polish: max_sweeps >= 0, tol >= 0 and min_gap in (0, 0.5) are required");
  const Mesh1D& mesh = model.mesh();
  for (Eigen::Index k = 0; k < x.size(); ++k)
    if (!(x[k] >= mesh.lo() && x[k] <= mesh.hi()) || !std::isfinite(y[k]))
      throw InputError("polish: sample " + std::to_string(k + 1) + " (x = " + std::to_string(x[k]) +
                       ") is outside the mesh [" + std::to_string(mesh.lo()) + ", " +
                       std::to_string(mesh.hi()) + "] or not finite");

  std::vector<Eigen::Index> order(static_cast<size_t>(x.size()));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](Eigen::Index a, Eigen::Index b) { return x[a] < x[b]; });
  Eigen::VectorXd xs(x.size()), ys(y.size());
  for (size_t k = 0; k < order.size(); ++k) {
    xs[static_cast<Eigen::Index>(k)] = x[order[k]];
    ys[static_cast<Eigen::Index>(k)] = y[order[k]];
  }
  std::vector<double> c(static_cast<size_t>(mesh.size()));
  for (int i = 0; i < mesh.size(); ++i) c[static_cast<size_t>(i)] = model.coeffs()(i, 0);
  Polisher pol(mesh.nodes(), std::move(c), std::move(xs), std::move(ys),
               options.min_gap * (mesh.hi() - mesh.lo()));

  PolishMae1DReport rep;
  const double n = static_cast<double>(x.size());
  rep.mae_before = pol.totalAbs() / n;
  Stopwatch clock;
  // One pass over every coordinate; returns the largest single gain (relative to S) and, with
  // apply, the share S lost over the pass.
  const auto pass = [&](bool apply, double& lost) {
    const double S = pol.totalAbs();
    const double tol_abs = kMoveTol * S;
    double best = 0;
    for (int i = 0; i < pol.nodes(); ++i) {
      const double g = pol.moveValue(i, tol_abs, apply);
      rep.value_moves += apply && g > tol_abs;
      best = std::max(best, g);
    }
    if (options.move_positions)
      for (int i = 1; i + 1 < pol.nodes(); ++i) {
        const double g = pol.movePosition(i, tol_abs, apply);
        rep.position_moves += apply && g > tol_abs;
        best = std::max(best, g);
      }
    lost = S > 0 ? (S - pol.totalAbs()) / S : 0;
    return S > 0 ? best / S : 0;
  };
  // Sweep until one loses at most tol of S and, measured then, no single move gains more.
  double lost = 0;
  bool measured = false;
  while (rep.sweeps < options.max_sweeps) {
    pass(true, lost);
    ++rep.sweeps;
    measured = false;
    if (lost <= options.tol) {
      rep.max_gain = pass(false, lost);
      measured = true;
      if (rep.max_gain <= options.tol) break;
    }
    if (!lreg::report(progress, {rep.sweeps, options.max_sweeps, clock.seconds(), "polish"})) {
      rep.status = Status::cancelled();
      break;
    }
  }
  if (!measured) rep.max_gain = pass(false, lost);  // the certificate, on the model returned
  rep.converged = rep.max_gain <= options.tol;
  Eigen::MatrixXd coeffs(pol.nodes(), 1);
  for (int i = 0; i < pol.nodes(); ++i) coeffs(i, 0) = pol.values()[static_cast<size_t>(i)];
  rep.model = LagrangeRegressor1D(Mesh1D(pol.positions()), coeffs);
  rep.model.setDomain(model.domain());
  rep.mae_after = meanAbsoluteError(rep.model.predict(x), y);
  return rep;
}

}  // namespace lreg
