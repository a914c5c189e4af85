#pragma once
// Colours, margins and small helpers shared by Mesh2DView's two translation units (its state and
// hit tests; its painting). Internal to views/scene.
#include <QColor>
#include <QPainter>
#include <QPointF>
#include <array>

#include "lreg/mesh/barycentric.h"
#include "session/mesh2d_session.h"

namespace lreg::views::mesh2d_style {

inline constexpr int kAnimMs = 1000;
inline constexpr double kLeft = 64, kRight = 104, kTop = 58, kBottom = 44;
inline const QColor kBackground(238, 240, 243);
inline const QColor kEdge(255, 255, 255, 150);
inline const QColor kRefined(255, 152, 0);
inline const QColor kInserted(46, 204, 113);
inline const QColor kRemoved(231, 46, 60);
inline const QColor kCircle(255, 255, 255, 110);
inline const QColor kVoronoi(255, 64, 129);
inline const QColor kAxis(90, 90, 90);

// Barycentric coordinates of x in triangle t of the snapshot (affine continuation outside it).
inline std::array<double, 3> barycentric(const Mrc2DSnapshot& s, int t, QPointF x) {
  const auto P = [&](int k) {
    return Eigen::Vector2d(s.vertices.row(s.triangles(t, k)).transpose());
  };
  const auto b = Barycentric::of(P(0), P(1), P(2));
  return b ? b->at(x.x(), x.y()) : std::array<double, 3>{1.0 / 3, 1.0 / 3, 1.0 / 3};
}

inline void cross(QPainter& p, QPointF c, double r) {
  p.drawLine(c + QPointF(-r, -r), c + QPointF(r, r));
  p.drawLine(c + QPointF(-r, r), c + QPointF(r, -r));
}

}  // namespace lreg::views::mesh2d_style
