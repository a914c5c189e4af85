#pragma once
// Drawing a P1 field (linear on each triangle of a mesh) without a triangulation object: the
// studio's 2D views get vertices P (#V by 2), triangles T (#T by 3) and one value per vertex
// from an immutable snapshot and colour or contour it directly.
#include <Eigen/Core>
#include <QImage>
#include <QLineF>
#include <QRgb>
#include <functional>
#include <vector>

#include "scene/plot_mapping.h"

namespace lreg::views {

// Fills the pixels of `image` (which covers m.area) that lie in triangles of `which` (all when
// empty) with colour(value), the value interpolated linearly inside each triangle.
void rasterizeP1(QImage& image, const PlotMapping& m, const Eigen::MatrixX2d& P,
                 const Eigen::MatrixX3i& T, const Eigen::VectorXd& values,
                 const std::function<QRgb(double)>& colour, const std::vector<int>& which = {});

// The level set {f = level} of the P1 field as segments in model coordinates, over the
// triangles of `which` (all when empty).
std::vector<QLineF> levelSegments(const Eigen::MatrixX2d& P, const Eigen::MatrixX3i& T,
                                  const Eigen::VectorXd& values, double level,
                                  const std::vector<int>& which = {});

// Viridis (perceptually uniform, colour-blind safe): t in [0, 1], clamped; NaN is grey.
QRgb viridis(double t);
// Its anchors, for gradients drawn by other renderers (the 3D surface, the colour bar).
const std::vector<QRgb>& viridisAnchors();

}  // namespace lreg::views
