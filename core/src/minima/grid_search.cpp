// The grid check and the reduced-loss slice: for fixed hidden (w, c) the loss is a ridge
// least-squares problem in (a, m), solved exactly (m unpenalised, so it is eliminated by centring).
#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <limits>

#include "lreg/common/status.h"
#include "lreg/minima/validation.h"

namespace lreg::minima {

double solveOuterLayer(const Eigen::VectorXd& w, const Eigen::VectorXd& c, const Eigen::VectorXd& x,
                       const Eigen::VectorXd& y, double lambda, TinyNet* net) {
  const int h = static_cast<int>(w.size());
  Eigen::MatrixXd phi(x.size(), h);
  for (int j = 0; j < h; ++j) phi.col(j) = (w(j) * x.array() + c(j)).max(0.0).matrix();
  const Eigen::MatrixXd pc = phi.rowwise() - phi.colwise().mean();
  const Eigen::VectorXd yc = y.array() - y.mean();
  const Eigen::MatrixXd A = pc.transpose() * pc + lambda * Eigen::MatrixXd::Identity(h, h);
  const Eigen::VectorXd a = A.ldlt().solve(pc.transpose() * yc);
  if (net) {
    net->a = a;
    net->w = w;
    net->c = c;
    net->m = (y - phi * a).mean();
  }
  return 0.5 * (yc - pc * a).squaredNorm() +
         0.5 * lambda * (a.squaredNorm() + w.squaredNorm() + c.squaredNorm());
}

GridCheck gridSearch(const Eigen::VectorXd& x, const Eigen::VectorXd& y, double lambda,
                     const MinimaReport& report, int hidden, int per_axis) {
  if (report.minima.empty()) throw InputError("minima: grid search needs an enumeration");
  if (hidden != 1 && hidden != 2) throw InputError("minima: grid search needs hidden 1 or 2");
  if (per_axis < 3) throw InputError("minima: grid search needs >= 3 points per axis");
  GridCheck g;
  g.per_axis = per_axis;
  g.global = report.minima.front().loss;
  // Cover every enumerated point with a margin: the balanced |w|, |c| <= sqrt|u|.
  double range = 1.0;
  auto widen = [&](const TinyNet& n) {
    range = std::max({range, n.w.cwiseAbs().maxCoeff(), n.c.cwiseAbs().maxCoeff()});
  };
  for (const auto* list : {&report.minima, &report.critical})
    for (const MinimumPoint& p : *list) {
      widen(p.net);
      for (const TinyNet& e : p.end_points) widen(e);
    }
  g.range = 1.25 * range;
  const long n = x.size();
  const double ym = y.mean();
  const Eigen::VectorXd yc = y.array() - ym;
  const double yy = yc.squaredNorm();
  std::vector<double> grid(per_axis);
  for (int k = 0; k < per_axis; ++k) grid[k] = -g.range + 2 * g.range * k / (per_axis - 1);
  // relu features of every grid (w, c), their centred Gram entries come from raw sums.
  const int cells = per_axis * per_axis;
  Eigen::MatrixXd feat(n, cells);
  for (int a = 0; a < per_axis; ++a)
    for (int b = 0; b < per_axis; ++b)
      feat.col(a * per_axis + b) = (grid[a] * x.array() + grid[b]).max(0.0).matrix();
  const Eigen::MatrixXd fc = feat.rowwise() - feat.colwise().mean();
  const Eigen::VectorXd t = fc.transpose() * yc;
  const Eigen::VectorXd s = fc.colwise().squaredNorm();
  auto vnorm = [&](int k) {
    return grid[k / per_axis] * grid[k / per_axis] + grid[k % per_axis] * grid[k % per_axis];
  };
  g.best = std::numeric_limits<double>::infinity();
  int bi = 0, bj = 0;
  for (int i = 0; i < cells; ++i) {
    if (hidden == 1) {
      const double v = 0.5 * (yy - t(i) * t(i) / (s(i) + lambda)) + 0.5 * lambda * vnorm(i);
      ++g.points;
      if (v < g.best) g.best = v, bi = i;
      continue;
    }
    const Eigen::VectorXd cross = fc.transpose() * fc.col(i);
    for (int j = i; j < cells; ++j) {
      // (S + lambda I) a = t for the 2 x 2 centred Gram S; value = (|yc|^2 - t'a)/2 + ridge.
      const double s11 = s(i) + lambda, s22 = s(j) + lambda, s12 = cross(j);
      const double det = s11 * s22 - s12 * s12;
      const double a1 = (s22 * t(i) - s12 * t(j)) / det, a2 = (s11 * t(j) - s12 * t(i)) / det;
      const double v = 0.5 * (yy - a1 * t(i) - a2 * t(j)) + 0.5 * lambda * (vnorm(i) + vnorm(j));
      ++g.points;
      if (v < g.best) g.best = v, bi = i, bj = j;
    }
  }
  auto wc = [&](int k) { return Eigen::Vector2d(grid[k / per_axis], grid[k % per_axis]); };
  Eigen::VectorXd w(hidden), c(hidden);
  w(0) = wc(bi)(0), c(0) = wc(bi)(1);
  if (hidden == 2) w(1) = wc(bj)(0), c(1) = wc(bj)(1);
  g.best = solveOuterLayer(w, c, x, y, lambda, &g.best_net);
  g.relative_gap = (g.best - g.global) / std::max(std::abs(g.global), 1e-300);
  g.passed = g.relative_gap >= -1e-9;
  return g;
}

Eigen::MatrixXd reducedLossSlice(const Eigen::VectorXd& x, const Eigen::VectorXd& y, double lambda,
                                 const TinyNet& base, const SliceSpec& spec) {
  if (spec.unit < 0 || spec.unit >= base.hidden() || spec.nw < 2 || spec.nc < 2)
    throw InputError("minima: slice needs a valid unit and >= 2 points per axis");
  Eigen::MatrixXd out(spec.nw, spec.nc);
  Eigen::VectorXd w = base.w, c = base.c;
  for (int a = 0; a < spec.nw; ++a)
    for (int b = 0; b < spec.nc; ++b) {
      w(spec.unit) = spec.w_lo + (spec.w_hi - spec.w_lo) * a / (spec.nw - 1);
      c(spec.unit) = spec.c_lo + (spec.c_hi - spec.c_lo) * b / (spec.nc - 1);
      out(a, b) = solveOuterLayer(w, c, x, y, lambda);
    }
  return out;
}

}  // namespace lreg::minima
