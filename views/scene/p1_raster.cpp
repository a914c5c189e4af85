#include "scene/p1_raster.h"

#include <QColor>
#include <algorithm>
#include <cmath>

#include "lreg/mesh/barycentric.h"

namespace lreg::views {

namespace {

template <typename Fn>
void forTriangles(const Eigen::MatrixX3i& T, const std::vector<int>& which, Fn fn) {
  if (which.empty()) {
    for (Eigen::Index t = 0; t < T.rows(); ++t) fn(static_cast<int>(t));
  } else {
    for (int t : which) fn(t);
  }
}

}  // namespace

void rasterizeP1(QImage& image, const PlotMapping& m, const Eigen::MatrixX2d& P,
                 const Eigen::MatrixX3i& T, const Eigen::VectorXd& values,
                 const std::function<QRgb(double)>& colour, const std::vector<int>& which) {
  const int w = image.width(), h = image.height();
  const double ox = m.area.left(), oy = m.area.top();
  forTriangles(T, which, [&](int t) {
    double px[3], py[3], v[3];
    for (int k = 0; k < 3; ++k) {
      const int i = T(t, k);
      px[k] = m.px(P(i, 0)) - ox;
      py[k] = m.py(P(i, 1)) - oy;
      v[k] = values(i);
    }
    const auto bary = Barycentric::of({px[0], py[0]}, {px[1], py[1]}, {px[2], py[2]});
    if (!bary) return;
    const int x0 = std::max(0, static_cast<int>(std::floor(std::min({px[0], px[1], px[2]}))));
    const int x1 = std::min(w - 1, static_cast<int>(std::ceil(std::max({px[0], px[1], px[2]}))));
    const int y0 = std::max(0, static_cast<int>(std::floor(std::min({py[0], py[1], py[2]}))));
    const int y1 = std::min(h - 1, static_cast<int>(std::ceil(std::max({py[0], py[1], py[2]}))));
    // Barycentric coordinates are affine in the pixel position: step them along each row.
    const Eigen::Vector2d g1 = bary->gradient(1), g2 = bary->gradient(2);
    const double a1x = g1.x(), a1y = g1.y(), a2x = g2.x(), a2y = g2.y();
    constexpr double eps = -1e-9;  // shared edges get painted by both triangles, no cracks
    for (int y = y0; y <= y1; ++y) {
      auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
      const double dy = y + 0.5 - py[0];
      double dx = x0 + 0.5 - px[0];
      for (int x = x0; x <= x1; ++x, dx += 1.0) {
        const double l1 = a1x * dx + a1y * dy, l2 = a2x * dx + a2y * dy, l0 = 1.0 - l1 - l2;
        if (l0 < eps || l1 < eps || l2 < eps) continue;
        line[x] = colour(l0 * v[0] + l1 * v[1] + l2 * v[2]);
      }
    }
  });
}

std::vector<QLineF> levelSegments(const Eigen::MatrixX2d& P, const Eigen::MatrixX3i& T,
                                  const Eigen::VectorXd& values, double level,
                                  const std::vector<int>& which) {
  std::vector<QLineF> out;
  forTriangles(T, which, [&](int t) {
    QPointF hits[3];
    int n = 0;
    for (int k = 0; k < 3 && n < 2; ++k) {
      const int a = T(t, k), b = T(t, (k + 1) % 3);
      const double fa = values(a) - level, fb = values(b) - level;
      if ((fa < 0) == (fb < 0) || fa == fb) continue;
      const double s = fa / (fa - fb);
      hits[n++] = QPointF(P(a, 0) + s * (P(b, 0) - P(a, 0)), P(a, 1) + s * (P(b, 1) - P(a, 1)));
    }
    if (n == 2) out.emplace_back(hits[0], hits[1]);
  });
  return out;
}

const std::vector<QRgb>& viridisAnchors() {
  static const std::vector<QRgb> a = {0xff440154, 0xff482878, 0xff3e4989, 0xff31688e, 0xff26828e,
                                      0xff1f9e89, 0xff35b779, 0xff6ece58, 0xffb5de2b, 0xfffde725};
  return a;
}

QRgb viridis(double t) {
  static const std::vector<QRgb> lut = [] {
    const auto& a = viridisAnchors();
    std::vector<QRgb> l(256);
    for (int i = 0; i < 256; ++i) {
      const double u = i / 255.0 * static_cast<double>(a.size() - 1);
      const size_t k = std::min(a.size() - 2, static_cast<size_t>(u));
      const double f = u - static_cast<double>(k);
      const auto mix = [f](int x, int y) { return static_cast<int>(std::lround(x + f * (y - x))); };
      l[static_cast<size_t>(i)] =
          qRgb(mix(qRed(a[k]), qRed(a[k + 1])), mix(qGreen(a[k]), qGreen(a[k + 1])),
               mix(qBlue(a[k]), qBlue(a[k + 1])));
    }
    return l;
  }();
  if (std::isnan(t)) return qRgb(160, 160, 160);
  return lut[static_cast<size_t>(std::lround(std::clamp(t, 0.0, 1.0) * 255.0))];
}

}  // namespace lreg::views
