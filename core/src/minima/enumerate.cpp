#include "lreg/minima/enumerate.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>

#include "exact_face.h"
#include "faces.h"

namespace lreg::minima {

using detail::FaceKind;
using detail::Geometry;
using detail::UnitFace;

const char* toString(PointKind k) {
  switch (k) {
    case PointKind::Isolated:
      return "isolated";
    case PointKind::Set:
      return "set";
    case PointKind::Critical:
      return "critical";
  }
  return "?";
}

double deadUnitMargin(const Eigen::VectorXd& x, const Eigen::VectorXd& r, double lambda) {
  const Geometry g(x);
  // On each sector the sum is linear in z, so its extremes over the arc are at the bounding rays
  // or at +-(its gradient) when that direction lies inside.
  auto value = [&](const Eigen::Vector2d& z) {
    double s = 0;
    for (int i = 0; i < x.size(); ++i) s += r(i) * std::max(0.0, z(0) * x(i) + z(1));
    return std::abs(s);
  };
  double best = 0;
  for (int q = 0; q < g.rays(); ++q) {
    best = std::max(best, value(g.ray(q)));
    Eigen::Vector2d grad = Eigen::Vector2d::Zero();
    for (int i : g.activeInSector(q, 1)) grad += r(i) * Eigen::Vector2d(x(i), 1.0);
    if (grad.norm() == 0) continue;
    for (const Eigen::Vector2d& d :
         {Eigen::Vector2d(grad.normalized()), Eigen::Vector2d(-grad.normalized())})
      if (g.sectorSlack(q, d).minCoeff() >= 0) best = std::max(best, value(d));
  }
  return lambda - best;
}

namespace {

struct Candidate {
  std::vector<UnitFace> faces;
  detail::FaceSolution sol;
  bool set = false;  // h = 2, both units on one face with one sign: u_1 = t u, u_2 = (1 - t) u
  bool exact = false;
};

UnitRegion regionOf(const UnitFace& f) {
  UnitRegion r;
  r.face = f.kind == FaceKind::Origin ? "zero" : f.kind == FaceKind::Ray ? "ray" : "sector";
  r.index = f.index;
  r.sign = f.kind == FaceKind::Origin ? 1 : f.sign;
  r.active = f.active;
  return r;
}

std::vector<ReducedUnit> reducedUnits(const Candidate& c) {
  std::vector<ReducedUnit> u(c.faces.size());
  for (size_t j = 0; j < u.size(); ++j) u[j] = {c.sol.u[j], c.faces[j].sign};
  return u;
}

bool sameUnits(std::vector<ReducedUnit> a, std::vector<ReducedUnit> b, double tol) {
  auto key = [](const ReducedUnit& r) { return std::make_pair(r.u(0), r.u(1)); };
  auto less = [&](const ReducedUnit& p, const ReducedUnit& q) { return key(p) < key(q); };
  std::sort(a.begin(), a.end(), less);
  std::sort(b.begin(), b.end(), less);
  for (size_t j = 0; j < a.size(); ++j)
    if ((a[j].u - b[j].u).norm() > tol * (1 + a[j].u.norm())) return false;
  return true;
}

}  // namespace

MinimaReport enumerateMinima(const Eigen::VectorXd& x, const Eigen::VectorXd& y,
                             const MinimaOptions& o, const ProgressFn& progress) {
  const auto t0 = std::chrono::steady_clock::now();
  if (o.hidden != 1 && o.hidden != 2)
    throw InputError("minima: --hidden must be 1 or 2, got " + std::to_string(o.hidden));
  if (!(o.lambda > 0) || !std::isfinite(o.lambda))
    throw InputError("minima: --lambda must be a finite number > 0");
  if (x.size() != y.size() || x.size() < 2)
    throw InputError("minima: need x and y of one length >= 2");
  if (!x.allFinite() || !y.allFinite()) throw InputError("minima: data must be finite");
  const Geometry g(x);
  const auto unitFaces = g.unitFaces();
  const int nf = static_cast<int>(unitFaces.size());
  const int h = o.hidden;
  MinimaReport rep;
  const long cells = 2L * g.rays();
  rep.regions = h == 1 ? cells : cells * (cells + 1) / 2;

  // Exact decisions for one alive unit, cached per unit face.
  std::map<int, detail::ExactDecision> exact;
  auto exactFor = [&](int fi) {
    auto it = exact.find(fi);
    if (it != exact.end()) return it->second;
    const UnitFace& f = unitFaces[fi];
    detail::ExactDecision d;
    if (f.kind == FaceKind::Sector) {
      const int r2 = (f.index + 1) % g.rays();
      d = detail::exactSector(x, y, f.active, o.lambda, g.rayX(f.index), g.raySigma(f.index),
                              g.rayX(r2), g.raySigma(r2));
    } else {
      d = detail::exactRay(x, y, f.active, o.lambda, g.rayX(f.index), g.raySigma(f.index));
    }
    ++rep.exact_checks;
    return exact[fi] = d;
  };

  std::vector<Candidate> cands;
  const long total = h == 1 ? nf : static_cast<long>(nf) * (nf + 1) / 2;
  long done = 0;
  for (int i = 0; i < nf; ++i) {
    for (int j = (h == 1 ? nf - 1 : i); j < nf; ++j, ++done) {
      if (done % 512 == 0) {
        const double secs =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (!report(progress, {static_cast<int>(done), static_cast<int>(total), secs,
                               "minima: solving faces"})) {
          rep.status = Status::cancelled();
          return rep;
        }
      }
      Candidate c;
      int alive = -1;  // the one alive unit face, for the exact decision
      if (h == 1) {
        c.faces = {unitFaces[i]};
        if (i > 0) alive = i;
      } else {
        c.faces = {unitFaces[i], unitFaces[j]};
        if (i == 0 && j > 0) alive = j;
        c.set = i == j && i > 0;
      }
      ++rep.faces;
      if (c.set) {
        // One neuron split in two: on this face the loss depends on u_1 + u_2 only and
        // |u_1| + |u_2| >= |u_1 + u_2|, so the minimisers are t u, (1 - t) u of the one-unit one.
        c.sol = detail::solveFace({c.faces[0]}, g, y, o.lambda);
        if (!c.sol.found) continue;
        const Eigen::Vector2d u = c.sol.u[0];
        c.sol.u = {u / 2, u / 2};
        cands.push_back(std::move(c));
        continue;
      }
      c.sol = detail::solveFace(c.faces, g, y, o.lambda);
      if (c.sol.degenerate && c.sol.found) ++rep.degenerate;
      if (alive > 0) {
        const auto d = exactFor(alive);
        if (d.decided && d.exists != c.sol.found) ++rep.exact_disagreements;
        c.exact = d.decided && d.exists && c.sol.found;
      }
      if (c.sol.found) cands.push_back(std::move(c));
    }
  }
  rep.candidates = static_cast<long>(cands.size());

  // Merge: the one-sided tests at every ray and every dead unit, sets absorbing their ends.
  std::vector<std::vector<ReducedUnit>> setEnds;
  for (const Candidate& c : cands)
    if (c.set) {
      const Eigen::Vector2d u = c.sol.u[0] + c.sol.u[1];
      setEnds.push_back({{u, c.faces[0].sign}, {Eigen::Vector2d::Zero(), 1}});
    }
  std::vector<MinimumPoint> points;
  for (const Candidate& c : cands) {
    const auto units = reducedUnits(c);
    if (!c.set) {
      bool isEnd = false;
      for (const auto& e : setEnds) isEnd = isEnd || sameUnits(units, e, 1e-7);
      if (isEnd) continue;
      bool dup = false;
      for (const MinimumPoint& p : points)
        dup = dup || (p.kind != PointKind::Set && sameUnits(units, toReduced(p.net), 1e-7));
      if (dup) continue;
    }
    MinimumPoint p;
    p.net = fromReduced(units, x, y);
    p.loss = loss(p.net, x, y, o.lambda);
    p.stationarity = c.sol.stationarity;
    p.exact = c.exact;
    const Eigen::VectorXd& r = c.sol.residual;
    double gscale = o.lambda;
    for (int i = 0; i < x.size(); ++i) gscale += std::abs(r(i)) * std::hypot(x(i), 1.0);
    const double tol = 1e-9 * gscale;
    bool allSectors = true, anyDead = false;
    for (size_t j = 0; j < c.faces.size(); ++j) {
      const UnitFace& f = c.faces[j];
      p.region.push_back(regionOf(f));
      if (f.kind != FaceKind::Sector) allSectors = false;
      if (f.kind == FaceKind::Origin) {
        anyDead = true;
        p.margins.push_back(deadUnitMargin(x, r, o.lambda));
      } else if (f.kind == FaceKind::Ray && !(c.set && j == 1)) {
        for (int q : {(f.index + g.rays() - 1) % g.rays(), f.index}) {
          Eigen::Vector2d grad = Eigen::Vector2d::Zero();
          for (int i : g.activeInSector(q, f.sign)) grad -= r(i) * Eigen::Vector2d(x(i), 1.0);
          p.margins.push_back(grad.dot(g.inwardNormal(q, f.index)));
        }
      }
    }
    p.min_margin = p.margins.empty() ? std::numeric_limits<double>::infinity()
                                     : *std::min_element(p.margins.begin(), p.margins.end());
    if (allSectors && !anyDead) {
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(lossHessian(p.net, x, y, o.lambda),
                                                        Eigen::EigenvaluesOnly);
      const Eigen::VectorXd ev = es.eigenvalues();
      p.hessian.assign(ev.data(), ev.data() + ev.size());
    }
    p.certificate = p.hessian.empty()   ? "one-sided"
                    : p.margins.empty() ? "hessian"
                                        : "hessian+one-sided";
    if (p.exact) p.certificate = "sturm+" + p.certificate;
    const double hscale = p.hessian.empty() ? 0 : std::abs(p.hessian.back());
    if (p.min_margin < -tol) {
      p.kind = PointKind::Critical;
      p.reason = anyDead && p.margins.front() < -tol ? "a dead unit can grow (dead-unit test)"
                                                     : "descent into a sector next to a kink";
    } else if (!p.hessian.empty() && p.hessian.front() < -1e-9 * hscale) {
      p.kind = PointKind::Critical;
      p.reason = "negative Hessian eigenvalue";
    } else if (c.set) {
      p.kind = PointKind::Set;
      p.dimension = 1;
      const Eigen::Vector2d u = c.sol.u[0] + c.sol.u[1];
      const int s = c.faces[0].sign;
      const double endMargin = deadUnitMargin(x, r, o.lambda);
      p.end_points = {fromReduced({{u, s}, {Eigen::Vector2d::Zero(), 1}}, x, y),
                      fromReduced({{Eigen::Vector2d::Zero(), 1}, {u, s}}, x, y)};
      p.end_point_is_minimum = {endMargin >= -tol, endMargin >= -tol};
    } else {
      p.kind = PointKind::Isolated;
    }
    points.push_back(std::move(p));
  }
  std::stable_sort(points.begin(), points.end(),
                   [](const MinimumPoint& a, const MinimumPoint& b) { return a.loss < b.loss; });
  for (auto& p : points)
    (p.kind == PointKind::Critical ? rep.critical : rep.minima).push_back(std::move(p));
  rep.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return rep;
}

}  // namespace lreg::minima
