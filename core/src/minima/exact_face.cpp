#include "exact_face.h"

#include <gmpxx.h>

namespace lreg::minima::detail {

namespace {

using Q = mpq_class;
using Poly = std::vector<Q>;  // coefficients, lowest degree first

void trim(Poly& p) {
  while (!p.empty() && sgn(p.back()) == 0) p.pop_back();
}

Q eval(const Poly& p, const Q& t) {
  Q v = 0;
  for (auto it = p.rbegin(); it != p.rend(); ++it) v = v * t + *it;
  return v;
}

Poly derivative(const Poly& p) {
  Poly d;
  for (size_t k = 1; k < p.size(); ++k) d.push_back(p[k] * static_cast<long>(k));
  trim(d);
  return d;
}

Poly remainder(Poly a, const Poly& b) {
  while (a.size() >= b.size() && !a.empty()) {
    const Q f = a.back() / b.back();
    const size_t shift = a.size() - b.size();
    for (size_t k = 0; k < b.size(); ++k) a[shift + k] -= f * b[k];
    a.pop_back();
    trim(a);
  }
  return a;
}

std::vector<Poly> sturm(const Poly& p) {
  std::vector<Poly> s{p, derivative(p)};
  while (!s.back().empty()) {
    Poly r = remainder(s[s.size() - 2], s.back());
    for (Q& c : r) c = -c;
    if (r.empty()) break;
    s.push_back(std::move(r));
  }
  return s;
}

int changes(const std::vector<int>& signs) {
  int n = 0, last = 0;
  for (int s : signs) {
    if (s == 0) continue;
    if (last != 0 && s != last) ++n;
    last = s;
  }
  return n;
}

int changesAt(const std::vector<Poly>& s, const Q& t) {
  std::vector<int> v;
  for (const Poly& p : s) v.push_back(sgn(eval(p, t)));
  return changes(v);
}

int changesAtInfinity(const std::vector<Poly>& s) {
  std::vector<int> v;
  for (const Poly& p : s) v.push_back(p.empty() ? 0 : sgn(p.back()));
  return changes(v);
}

// Centred columns of the active samples and centred targets, exactly.
void centred(const Eigen::VectorXd& x, const Eigen::VectorXd& y, const std::vector<int>& active,
             std::vector<Q>& zx, std::vector<Q>& z1, std::vector<Q>& yc) {
  const long n = x.size();
  zx.assign(n, 0);
  z1.assign(n, 0);
  yc.assign(n, 0);
  Q mx = 0, m1 = 0, my = 0;
  for (int i : active) {
    zx[i] = Q(x(i));
    z1[i] = 1;
  }
  for (long i = 0; i < n; ++i) {
    yc[i] = Q(y(i));
    mx += zx[i];
    m1 += z1[i];
    my += yc[i];
  }
  mx /= n;
  m1 /= n;
  my /= n;
  for (long i = 0; i < n; ++i) {
    zx[i] -= mx;
    z1[i] -= m1;
    yc[i] -= my;
  }
}

Q dot(const std::vector<Q>& a, const std::vector<Q>& b) {
  Q s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

}  // namespace

ExactDecision exactSector(const Eigen::VectorXd& x, const Eigen::VectorXd& y,
                          const std::vector<int>& active, double lambda, double x1, int sigma1,
                          double x2, int sigma2) {
  std::vector<Q> zx, z1, yc;
  centred(x, y, active, zx, z1, yc);
  const Q g11 = dot(zx, zx), g12 = dot(zx, z1), g22 = dot(z1, z1);
  const Q b1 = dot(zx, yc), b2 = dot(z1, yc);
  const Q lam(lambda);
  // adj(G + mu I) b = v0 + mu b;  det(G + mu I) = mu^2 + tr mu + det.
  const Q v01 = g22 * b1 - g12 * b2, v02 = g11 * b2 - g12 * b1;
  const Q vv = v01 * v01 + v02 * v02, vb = v01 * b1 + v02 * b2, bb = b1 * b1 + b2 * b2;
  const Poly D{g11 * g22 - g12 * g12, g11 + g22, 1};
  Poly P(5, 0);
  const Poly lhs{0, 0, vv, 2 * vb, bb};  // mu^2 |v0 + mu b|^2
  for (int k = 0; k < 5; ++k) P[k] = lhs[k];
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) P[i + j] -= lam * lam * D[i] * D[j];
  trim(P);
  ExactDecision d;
  d.decided = true;
  if (P.empty()) return d;  // identically zero only without data: nothing alive can be stationary
  while (sgn(P.front()) == 0) P.erase(P.begin());  // roots at mu = 0 are not mu > 0
  const auto s = sturm(P);
  d.roots = changesAt(s, Q(0)) - changesAtInfinity(s);
  if (d.roots != 1) {
    d.exists = false;
    d.decided = d.roots == 0;
    return d;
  }
  Q lo = 0, hi = 1;
  while (changesAt(s, hi) != changesAtInfinity(s)) hi *= 2;  // (0, hi] holds the root
  const Q e1x = sigma1, e1y = -sigma1 * Q(x1), e2x = sigma2, e2y = -sigma2 * Q(x2);
  auto slackSigns = [&](const Q& mu, int& s1, int& s2) {
    const Q vx = v01 + mu * b1, vy = v02 + mu * b2;
    s1 = sgn(Q(e1x * vy - e1y * vx));
    s2 = sgn(Q(vx * e2y - vy * e2x));
  };
  for (int it = 0; it < 400; ++it) {
    int a1, a2, c1, c2;
    slackSigns(lo, a1, a2);
    slackSigns(hi, c1, c2);
    if (a1 == c1 && a2 == c2 && a1 != 0 && a2 != 0) {
      d.exists = a1 > 0 && a2 > 0;
      return d;
    }
    const Q mid = (lo + hi) / 2;
    if (changesAt(s, lo) - changesAt(s, mid) == 1)
      hi = mid;
    else
      lo = mid;
    if (it > 0 && hi - lo < hi / Q(mpz_class(1) << 90)) break;
  }
  d.decided = false;
  return d;
}

ExactDecision exactRay(const Eigen::VectorXd& x, const Eigen::VectorXd& y,
                       const std::vector<int>& active, double lambda, double xk, int sigma) {
  std::vector<Q> zx, z1, yc;
  centred(x, y, active, zx, z1, yc);
  const Q ex = sigma, ey = -sigma * Q(xk);
  std::vector<Q> k(zx.size());
  for (size_t i = 0; i < k.size(); ++i) k[i] = ex * zx[i] + ey * z1[i];
  const Q eb = dot(k, yc), gee = dot(k, k), lam(lambda);
  ExactDecision d;
  d.decided = true;
  d.exists = sgn(gee) > 0 && sgn(eb) > 0 && eb * eb > lam * lam * (ex * ex + ey * ey);
  d.roots = d.exists ? 1 : 0;
  return d;
}

}  // namespace lreg::minima::detail
