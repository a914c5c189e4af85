#include "scene/p1_mesh_view.h"

#include <QPainter>
#include <QPolygonF>
#include <algorithm>

#include "scene/minima_slice_view.h"  // sequentialColor

namespace lreg::views {

P1MeshView::P1MeshView(QWidget* parent) : QWidget(parent) { setMinimumSize(200, 200); }

void P1MeshView::setMesh(const P1Mesh2D& mesh, const QString& title) {
  mesh_ = mesh;
  title_ = title;
  update();
}

void P1MeshView::clear() {
  mesh_ = {};
  title_.clear();
  update();
}

void P1MeshView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), Qt::white);
  const QFontMetrics fm(font());
  p.setPen(palette().color(QPalette::WindowText));
  p.drawText(QRectF(0, 2, width(), fm.height() + 2), Qt::AlignHCenter, title_);
  if (mesh_.triangles.rows() == 0 || mesh_.vertices.rows() == 0) return;
  const Eigen::Vector2d lo = mesh_.vertices.colwise().minCoeff().transpose();
  const Eigen::Vector2d hi = mesh_.vertices.colwise().maxCoeff().transpose();
  const QRectF area = QRectF(8, fm.height() + 8, width() - 16, height() - fm.height() - 16);
  const double s = std::min(area.width() / std::max(hi.x() - lo.x(), 1e-12),
                            area.height() / std::max(hi.y() - lo.y(), 1e-12));
  const QPointF origin(area.center().x() - 0.5 * s * (hi.x() - lo.x()),
                       area.center().y() + 0.5 * s * (hi.y() - lo.y()));
  const auto px = [&](Eigen::Index v) {
    return origin +
           QPointF(s * (mesh_.vertices(v, 0) - lo.x()), -s * (mesh_.vertices(v, 1) - lo.y()));
  };
  const double vmin = mesh_.values.col(0).minCoeff(), vmax = mesh_.values.col(0).maxCoeff();
  p.setPen(QPen(QColor(30, 30, 30, 150), 0.6));
  for (Eigen::Index t = 0; t < mesh_.triangles.rows(); ++t) {
    QPolygonF tri;
    double v = 0;
    for (int k = 0; k < 3; ++k) {
      tri << px(mesh_.triangles(t, k));
      v += mesh_.values(mesh_.triangles(t, k), 0) / 3.0;
    }
    p.setBrush(QColor::fromRgb(sequentialColor((v - vmin) / std::max(vmax - vmin, 1e-300))));
    p.drawPolygon(tri);
  }
}

}  // namespace lreg::views
