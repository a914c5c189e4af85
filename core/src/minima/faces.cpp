#include "faces.h"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "lreg/common/status.h"

namespace lreg::minima::detail {

namespace {
double cross(const Eigen::Vector2d& a, const Eigen::Vector2d& b) {
  return a(0) * b(1) - a(1) * b(0);
}
}  // namespace

Geometry::Geometry(const Eigen::VectorXd& x) : x_(x) {
  std::vector<double> xs(x.data(), x.data() + x.size());
  std::sort(xs.begin(), xs.end());
  xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
  if (xs.size() < 2) throw InputError("minima: need at least two distinct x values");
  struct R {
    double angle;
    Eigen::Vector2d e;
    double xk;
    int sigma;
  };
  std::vector<R> rs;
  for (double xk : xs)
    for (int sigma : {1, -1}) {
      const Eigen::Vector2d e = Eigen::Vector2d(sigma, -sigma * xk).normalized();
      rs.push_back({std::atan2(e(1), e(0)), e, xk, sigma});
    }
  std::sort(rs.begin(), rs.end(), [](const R& a, const R& b) { return a.angle < b.angle; });
  for (const R& r : rs) {
    dirs_.push_back(r.e);
    xk_.push_back(r.xk);
    sigma_.push_back(r.sigma);
  }
}

std::vector<int> Geometry::activeOnRay(int r, int sign) const {
  // e . (x_i, 1) = sigma (x_i - x_k) / |.|: its sign is exact in floating point.
  std::vector<int> a;
  for (int i = 0; i < x_.size(); ++i)
    if (sign * sigma_[r] * (x_(i) - xk_[r]) > 0) a.push_back(i);
  return a;
}

std::vector<int> Geometry::activeInSector(int q, int sign) const {
  // The sector's set is ray q's set plus the kink samples of ray q that are active on ray q+1.
  const int r2 = (q + 1) % rays();
  std::vector<int> a = activeOnRay(q, sign);
  for (int i = 0; i < x_.size(); ++i)
    if (x_(i) == xk_[q] && sign * sigma_[r2] * (x_(i) - xk_[r2]) > 0) a.push_back(i);
  std::sort(a.begin(), a.end());
  return a;
}

Eigen::Vector2d Geometry::sectorSlack(int q, const Eigen::Vector2d& u) const {
  return {cross(dirs_[q], u), cross(u, dirs_[(q + 1) % rays()])};
}

Eigen::Vector2d Geometry::inwardNormal(int q, int r) const {
  const Eigen::Vector2d& e = dirs_[r];
  return r == q ? Eigen::Vector2d(-e(1), e(0)) : Eigen::Vector2d(e(1), -e(0));
}

int Geometry::sectorContaining(const Eigen::Vector2d& u) const {
  for (int q = 0; q < rays(); ++q)
    if (sectorSlack(q, u).minCoeff() > 0) return q;
  return -1;
}

std::vector<UnitFace> Geometry::unitFaces() const {
  std::vector<UnitFace> f(1);
  for (int s : {1, -1}) {
    for (int r = 0; r < rays(); ++r) f.push_back({FaceKind::Ray, r, s, activeOnRay(r, s)});
    for (int q = 0; q < rays(); ++q) f.push_back({FaceKind::Sector, q, s, activeInSector(q, s)});
  }
  return f;
}

FaceSolution solveFace(const std::vector<UnitFace>& faces, const Geometry& g,
                       const Eigen::VectorXd& y, double lambda) {
  const Eigen::VectorXd& x = g.x();
  const long n = x.size();
  struct Block {
    int unit, offset, dim;
  };
  std::vector<Block> blocks;
  int D = 0;
  for (int j = 0; j < static_cast<int>(faces.size()); ++j) {
    if (faces[j].kind == FaceKind::Origin) continue;
    const int d = faces[j].kind == FaceKind::Sector ? 2 : 1;
    blocks.push_back({j, D, d});
    D += d;
  }
  Eigen::MatrixXd K = Eigen::MatrixXd::Zero(n, D);
  for (const Block& b : blocks) {
    const UnitFace& f = faces[b.unit];
    for (int i : f.active) {
      const Eigen::Vector2d z(x(i), 1.0);
      if (b.dim == 2)
        K.block<1, 2>(i, b.offset) = z.transpose();
      else
        K(i, b.offset) = z.dot(g.ray(f.index));
    }
  }
  // Centring eliminates the unpenalised m exactly: m = mean(y - K theta).
  const Eigen::VectorXd yc = y.array() - y.mean();
  const Eigen::MatrixXd Kc = K.rowwise() - K.colwise().mean();
  const Eigen::MatrixXd G = Kc.transpose() * Kc;
  Eigen::VectorXd bt = Kc.transpose() * yc;  // minus lambda on ray entries (lambda t, t > 0)
  for (const Block& b : blocks)
    if (b.dim == 1) bt(b.offset) -= lambda;

  auto value = [&](const Eigen::VectorXd& th) {
    double v = 0.5 * (yc - Kc * th).squaredNorm();
    for (const Block& b : blocks)
      v += lambda * (b.dim == 2 ? th.segment(b.offset, 2).norm() : th(b.offset));
    return v;
  };
  auto gradHess = [&](const Eigen::VectorXd& th, Eigen::VectorXd& gr, Eigen::MatrixXd& H) {
    gr = G * th - bt;
    H = G;
    for (const Block& b : blocks) {
      if (b.dim != 2) continue;
      const Eigen::Vector2d u = th.segment(b.offset, 2);
      const double r = u.norm();
      const Eigen::Vector2d uh = u / r;
      gr.segment(b.offset, 2) += lambda * uh;
      H.block(b.offset, b.offset, 2, 2) +=
          lambda / r * (Eigen::Matrix2d::Identity() - uh * uh.transpose());
    }
  };

  FaceSolution s;
  Eigen::VectorXd th = Eigen::VectorXd::Zero(D);
  const double scale = std::max(1.0, G.trace() / std::max(D, 1));
  const double gtol = 1e-13 * (bt.norm() + lambda + 1.0) * std::sqrt(scale);
  if (D > 0) {
    // The unique minimiser of the convex face function on its span: damped Newton, started at a
    // lightly ridged least-squares fit. A sector block that collapses to 0 means the minimiser
    // sits on a smaller face, which is solved on its own.
    th = (G + 1e-6 * scale * Eigen::MatrixXd::Identity(D, D)).ldlt().solve(bt);
    for (const Block& b : blocks)
      if (b.dim == 2 && th.segment(b.offset, 2).norm() < 1e-8)
        th.segment(b.offset, 2) = Eigen::Vector2d(1e-3, 1e-3);
    Eigen::VectorXd gr;
    Eigen::MatrixXd H;
    double v = value(th);
    for (int it = 0; it < 200; ++it) {
      gradHess(th, gr, H);
      if (gr.norm() <= gtol) break;
      Eigen::LDLT<Eigen::MatrixXd> ldlt(H);
      Eigen::VectorXd d = -ldlt.solve(gr);
      if (ldlt.info() != Eigen::Success || !d.allFinite() || gr.dot(d) >= 0) d = -gr / scale;
      double t = 1;
      bool moved = false;
      for (int ls = 0; ls < 60; ++ls, t *= 0.5) {
        const Eigen::VectorXd cand = th + t * d;
        const double vc = value(cand);
        if (vc <= v + 1e-4 * t * gr.dot(d)) {
          th = cand;
          v = vc;
          moved = true;
          break;
        }
      }
      if (!moved) break;
      bool collapsed = false;
      for (const Block& b : blocks)
        if (b.dim == 2 && th.segment(b.offset, 2).norm() < 1e-14 * std::sqrt(scale))
          collapsed = true;
      if (collapsed) return s;
    }
    gradHess(th, gr, H);
    s.stationarity = gr.norm();
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(H, Eigen::EigenvaluesOnly);
    s.min_curvature = es.eigenvalues()(0);
    s.degenerate = s.min_curvature <= 1e-10 * es.eigenvalues()(D - 1);
    if (!(s.stationarity <= 1e-7 * (bt.norm() + lambda + 1.0))) return s;
  }
  s.u.assign(faces.size(), Eigen::Vector2d::Zero());
  bool inside = true;
  for (const Block& b : blocks) {
    const UnitFace& f = faces[b.unit];
    if (b.dim == 2) {
      s.u[b.unit] = th.segment(b.offset, 2);
      inside =
          inside && g.sectorSlack(f.index, s.u[b.unit]).minCoeff() > 1e-12 * s.u[b.unit].norm();
    } else {
      s.u[b.unit] = th(b.offset) * g.ray(f.index);
      inside = inside && th(b.offset) > 1e-12 * std::sqrt(scale);
    }
  }
  s.found = inside;
  s.residual = yc - Kc * th;
  s.value = value(th);
  return s;
}

}  // namespace lreg::minima::detail
