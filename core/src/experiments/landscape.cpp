#include "lreg/experiments/landscape.h"

#include <Eigen/QR>
#include <Eigen/SVD>
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>

namespace lreg {

std::vector<std::vector<Eigen::Index>> filters(const Mlp& net) {
  std::vector<std::vector<Eigen::Index>> out;
  Eigen::Index k = 0;
  for (const MlpLayer& L : net.layers()) {
    const Eigen::Index rows = L.W.rows(), cols = L.W.cols();
    for (Eigen::Index j = 0; j < cols; ++j) {
      std::vector<Eigen::Index> f;
      for (Eigen::Index r = 0; r < rows; ++r) f.push_back(k + j * rows + r);  // column-major W
      f.push_back(k + L.W.size() + j);                                        // its bias
      out.push_back(std::move(f));
    }
    k += L.W.size() + L.b.size();
  }
  return out;
}

Eigen::VectorXd filterNormalizedDirection(const Mlp& net, std::uint64_t seed) {
  const Eigen::VectorXd theta = net.flatParameters();
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> n01;
  Eigen::VectorXd d(theta.size());
  for (Eigen::Index i = 0; i < d.size(); ++i) d[i] = n01(rng);
  for (const auto& f : filters(net)) {
    double nd = 0, nt = 0;
    for (Eigen::Index i : f) nd += d[i] * d[i], nt += theta[i] * theta[i];
    const double s = nd > 0 ? std::sqrt(nt / nd) : 0.0;
    for (Eigen::Index i : f) d[i] *= s;
  }
  return d;
}

LossSlice lossSlice(const Mlp& net, const Eigen::MatrixXd& xs, const Eigen::MatrixXd& ys,
                    const Eigen::VectorXd& d1, const Eigen::VectorXd& d2, int grid, double span,
                    const ProgressFn& progress) {
  if (grid < 3) throw InputError("landscape: --grid must be >= 3, got " + std::to_string(grid));
  if (!(span > 0)) throw InputError("landscape: the span must be > 0");
  const Eigen::VectorXd theta = net.flatParameters();
  if (d1.size() != theta.size() || d2.size() != theta.size())
    throw InputError("landscape: the directions do not match the net's parameters");
  LossSlice s;
  s.alpha = Eigen::VectorXd::LinSpaced(grid, -span, span);
  s.beta = s.alpha;
  s.d1 = d1;
  s.d2 = d2;
  s.loss = Eigen::MatrixXd::Constant(grid, grid, std::numeric_limits<double>::quiet_NaN());
  Mlp m = net;
  for (int i = 0; i < grid; ++i) {
    for (int j = 0; j < grid; ++j) {
      m.setFlatParameters(theta + s.alpha[i] * d1 + s.beta[j] * d2);
      s.loss(i, j) = m.objective(xs, ys, 0.0);
    }
    if (!lreg::report(progress, {i + 1, grid, 0.0, "landscape"})) {
      s.status = Status::cancelled();
      break;
    }
  }
  return s;
}

PathProjection projectPath(const std::vector<Eigen::VectorXd>& path) {
  if (path.size() < 2) throw InputError("landscape: a path needs at least two points");
  const Eigen::VectorXd& last = path.back();
  Eigen::MatrixXd M(static_cast<Eigen::Index>(path.size()), last.size());
  for (size_t k = 0; k < path.size(); ++k)
    M.row(static_cast<Eigen::Index>(k)) = (path[k] - last).transpose();
  PathProjection p;
  p.d1 = Eigen::VectorXd::Zero(last.size());
  p.d2 = p.d1;
  p.explained.setZero();
  const double total = M.squaredNorm();
  if (total > 0) {
    Eigen::JacobiSVD<Eigen::MatrixXd> svd(M, Eigen::ComputeThinV);
    const Eigen::VectorXd sv = svd.singularValues();
    p.d1 = svd.matrixV().col(0);
    if (sv.size() > 1) p.d2 = svd.matrixV().col(1);
    p.explained[0] = sv[0] * sv[0] / total;
    p.explained[1] = sv.size() > 1 ? sv[1] * sv[1] / total : 0.0;
  }
  p.coords.resize(M.rows(), 2);
  p.coords.col(0) = M * p.d1;
  p.coords.col(1) = M * p.d2;
  p.off_plane = (M - p.coords.col(0) * p.d1.transpose() - p.coords.col(1) * p.d2.transpose())
                    .rowwise()
                    .norm();
  return p;
}

PathProjection projectPathOnPlane(const std::vector<Eigen::VectorXd>& path,
                                  const Eigen::VectorXd& d1, const Eigen::VectorXd& d2) {
  if (path.size() < 2) throw InputError("landscape: a path needs at least two points");
  const Eigen::VectorXd& last = path.back();
  if (d1.size() != last.size() || d2.size() != last.size())
    throw InputError("landscape: the directions do not have the parameters' size");
  Eigen::MatrixXd D(last.size(), 2);
  D << d1, d2;
  const Eigen::HouseholderQR<Eigen::MatrixXd> qr(D);
  const Eigen::Matrix2d R = qr.matrixQR().topRows(2).triangularView<Eigen::Upper>();
  if (!(std::abs(R(1, 1)) > 1e-12 * std::abs(R(0, 0))))
    throw InputError("landscape: the two directions are parallel");
  const Eigen::MatrixXd Q = qr.householderQ() * Eigen::MatrixXd::Identity(last.size(), 2);
  PathProjection p;
  p.d1 = d1;
  p.d2 = d2;
  p.coords.resize(static_cast<Eigen::Index>(path.size()), 2);
  p.off_plane.resize(static_cast<Eigen::Index>(path.size()));
  Eigen::Vector2d on = Eigen::Vector2d::Zero();
  double total = 0;
  for (size_t k = 0; k < path.size(); ++k) {
    const Eigen::VectorXd delta = path[k] - last;
    const Eigen::Vector2d q = Q.transpose() * delta;  // coordinates on the orthonormal basis
    const auto i = static_cast<Eigen::Index>(k);
    p.coords.row(i) = R.triangularView<Eigen::Upper>().solve(q).transpose();
    p.off_plane[i] = (delta - Q * q).norm();
    on += q.cwiseAbs2();
    total += delta.squaredNorm();
  }
  p.explained = total > 0 ? Eigen::Vector2d(on / total) : Eigen::Vector2d::Zero();
  return p;
}

Eigen::VectorXd interpolateLoss(const Mlp& net, const Eigen::VectorXd& a, const Eigen::VectorXd& b,
                                const Eigen::VectorXd& ts, const Eigen::MatrixXd& xs,
                                const Eigen::MatrixXd& ys) {
  Mlp m = net;
  Eigen::VectorXd out(ts.size());
  for (Eigen::Index i = 0; i < ts.size(); ++i) {
    m.setFlatParameters((1.0 - ts[i]) * a + ts[i] * b);
    out[i] = m.objective(xs, ys, 0.0);
  }
  return out;
}

namespace {

double breakpointOf(double w, double b) {
  return w != 0 ? -b / w : std::numeric_limits<double>::infinity();
}

// net with zero units appended up to width (same function).
Mlp padded(const Mlp& net, int width) {
  std::vector<MlpLayer> ls = net.layers();
  const Eigen::Index h = ls[0].W.cols(), c = ls[1].W.cols();
  MlpLayer a{Eigen::MatrixXd::Zero(1, width), Eigen::RowVectorXd::Zero(width)};
  MlpLayer o{Eigen::MatrixXd::Zero(width, c), ls[1].b};
  a.W.leftCols(h) = ls[0].W;
  a.b.head(h) = ls[0].b;
  o.W.topRows(h) = ls[1].W;
  Mlp m({a, o}, net.activation(), net.leak(), net.inputScaling(), net.outputScaling());
  m.setDomain(net.domain());
  return m;
}

}  // namespace

Mlp lregAsReluNet(const LagrangeRegressor1D& lreg, const Mlp& net) {
  if (net.inputs() != 1 || net.hiddenLayers() != 1 || net.activation() != Activation::Relu)
    throw InputError("landscape: the barrier needs a one-hidden-layer 1-input ReLU MLP");
  const int n = lreg.mesh().size(), H = net.width(0);
  if (H < n)
    throw InputError("landscape: the LReg has " + std::to_string(n) + " nodes, more than the " +
                     std::to_string(H) + " units of the net it is written into");
  const Standardizer& in = net.inputScaling();
  const Standardizer& out = net.outputScaling();
  Eigen::VectorXd t(n);
  for (int i = 0; i < n; ++i) t[i] = (lreg.mesh().node(i) - in.mean[0]) / in.scale[0];
  const Eigen::MatrixXd v = out.apply(lreg.coeffs());  // n x c, standardised values
  const Eigen::Index c = v.cols();
  Eigen::MatrixXd slope(n - 1, c);
  for (int e = 0; e + 1 < n; ++e) slope.row(e) = (v.row(e + 1) - v.row(e)) / (t[e + 1] - t[e]);

  // Units (w, b, a): F(t) = v_0 + s_0 relu(t - t_0) - s_0 relu(t_0 - t)
  //                        + sum_{0<i<n-1} (s_i - s_{i-1}) relu(t - t_i).
  struct Unit {
    double w, b;
    Eigen::RowVectorXd a;
  };
  std::vector<Unit> units = {{1.0, -t[0], slope.row(0)}, {-1.0, t[0], -slope.row(0)}};
  for (int i = 1; i + 1 < n; ++i) units.push_back({1.0, -t[i], slope.row(i) - slope.row(i - 1)});

  const MlpLayer& L1 = net.layers()[0];
  std::vector<bool> used(static_cast<size_t>(H), false);
  MlpLayer a{Eigen::MatrixXd::Zero(1, H), Eigen::RowVectorXd::Zero(H)};
  MlpLayer o{Eigen::MatrixXd::Zero(H, c), v.row(0)};
  for (const Unit& u : units) {
    const double bp = breakpointOf(u.w, u.b);
    int best = -1;
    double best_d = std::numeric_limits<double>::infinity();
    for (int j = 0; j < H; ++j) {
      if (used[static_cast<size_t>(j)]) continue;
      const double wj = L1.W(0, j);
      // Prefer a unit facing the same way; a zero (padding) unit is the last resort.
      double d = wj == 0 ? 1e300 : std::abs(breakpointOf(wj, L1.b[j]) - bp);
      if (wj * u.w < 0) d += 1e200;
      if (best < 0 || d < best_d) best = j, best_d = d;
    }
    used[static_cast<size_t>(best)] = true;
    const double k = L1.W(0, best) != 0 ? std::abs(L1.W(0, best)) : 1.0;
    a.W(0, best) = k * u.w;
    a.b[best] = k * u.b;
    o.W.row(best) = u.a / k;
  }
  Mlp m({a, o}, Activation::Relu, 0.0, in, out);
  m.setDomain(net.domain());
  return m;
}

Barrier barrierToLreg(const Mlp& net, const LagrangeRegressor1D& lreg, const Eigen::MatrixXd& xs,
                      const Eigen::MatrixXd& ys, int points) {
  if (points < 2) throw InputError("landscape: the barrier needs >= 2 points");
  const Mlp wide = padded(net, std::max(net.width(0), lreg.mesh().size()));
  const Mlp target = lregAsReluNet(lreg, wide);
  Barrier b;
  b.t = Eigen::VectorXd::LinSpaced(points, 0.0, 1.0);
  b.loss = interpolateLoss(wide, wide.flatParameters(), target.flatParameters(), b.t, xs, ys);
  b.barrier = b.loss.maxCoeff() - std::max(b.loss[0], b.loss[points - 1]);
  return b;
}

}  // namespace lreg
