// Mesh2DView's painting: the cached P1 fill and data points, the mesh and its dual, the step
// animation, the selection, axes, colour bar and legend.
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QResizeEvent>
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "scene/mesh2d_edit_tool.h"
#include "scene/mesh2d_style.h"
#include "scene/mesh2d_view.h"
#include "scene/p1_raster.h"
#include "scene/pan_zoom_tool.h"

namespace lreg::views {

using namespace mesh2d_style;

// --- painting ---------------------------------------------------------------------------------

void Mesh2DView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), Qt::white);
  if (!frame_) {
    p.setPen(kAxis);
    p.drawText(rect(), Qt::AlignCenter, tr("Fitting the initial mesh..."));
    return;
  }
  if (!fitted_) resetView();
  const PlotMapping m = mapping();
  p.fillRect(m.area, kBackground);
  drawFill(p, m);
  p.save();
  p.setClipRect(m.area);
  p.setRenderHint(QPainter::Antialiasing);
  if (show_points_) drawPoints(p, m);
  drawMesh(p, m);
  drawDual(p, m);
  drawAnimation(p, m);
  drawSelection(p, m);
  drawHover(p, m);
  p.restore();
  p.setRenderHint(QPainter::Antialiasing);
  drawFrameAndAxes(p, m);
  drawColourBar(p, m);
  drawLegend(p, m);
}

void Mesh2DView::drawFill(QPainter& p, const PlotMapping& m) {
  const QRectF window(QPointF(m.x0, m.y0), QPointF(m.x1, m.y1));
  const QSize size = m.area.size().toSize();
  if (fill_key_snapshot_ != frame_->snapshot || fill_key_window_ != window ||
      fill_key_size_ != size || fill_key_output_ != output_) {
    fill_ = QImage(size, QImage::Format_ARGB32_Premultiplied);
    fill_.fill(Qt::transparent);
    const Mesh2DSetup& s = *frame_->setup;
    const double lo = s.value_lo(output_), hi = s.value_hi(output_);
    rasterizeP1(fill_, m, frame_->snapshot->vertices, frame_->snapshot->triangles,
                frame_->snapshot->coeffs.col(output_),
                [lo, hi](double v) { return viridis((v - lo) / (hi - lo)); });
    fill_key_snapshot_ = frame_->snapshot;
    fill_key_window_ = window;
    fill_key_size_ = size;
    fill_key_output_ = output_;
  }
  p.drawImage(m.area.topLeft(), fill_);
}

void Mesh2DView::drawPoints(QPainter& p, const PlotMapping& m) {
  const Dataset& d = *frame_->setup->data;
  const QRectF window(QPointF(m.x0, m.y0), QPointF(m.x1, m.y1));
  const QSize size = m.area.size().toSize();
  if (points_key_setup_ != frame_->setup || points_key_window_ != window ||
      points_key_size_ != size) {
    points_ = QImage(size, QImage::Format_ARGB32_Premultiplied);
    points_.fill(Qt::transparent);
    // Sparse sets get 2x2 dots; dense ones single pixels, so that the density stays readable.
    const int dot = d.x_train.rows() < 15000 ? 2 : 1;
    const QRgb ink = qPremultiply(qRgba(15, 15, 25, 95));
    for (Eigen::Index r = 0; r < d.x_train.rows(); ++r) {
      const int x = static_cast<int>(m.px(d.x_train(r, 0)) - m.area.left());
      const int y = static_cast<int>(m.py(d.x_train(r, 1)) - m.area.top());
      for (int dy = 0; dy < dot; ++dy)
        for (int dx = 0; dx < dot; ++dx)
          if (x + dx >= 0 && y + dy >= 0 && x + dx < size.width() && y + dy < size.height())
            reinterpret_cast<QRgb*>(points_.scanLine(y + dy))[x + dx] = ink;
    }
    points_key_setup_ = frame_->setup;
    points_key_window_ = window;
    points_key_size_ = size;
  }
  p.drawImage(m.area.topLeft(), points_);
}

void Mesh2DView::drawMesh(QPainter& p, const PlotMapping& m) const {
  const auto& V = frame_->snapshot->vertices;
  const auto px = [&](int i) { return m.toPixel(V(i, 0), V(i, 1)); };
  QVector<QLineF> lines;
  lines.reserve(static_cast<int>(geometry_.edges.size()));
  for (const auto& e : geometry_.edges) lines.append(QLineF(px(e[0]), px(e[1])));
  p.setPen(QPen(kEdge, 1.0));
  p.drawLines(lines);
  p.setPen(QPen(QColor(20, 20, 30, 220), 0.9));
  p.setBrush(Qt::white);
  const double r = V.rows() > 1500 ? 1.6 : 2.6;
  for (Eigen::Index i = 0; i < V.rows(); ++i) {
    if (isCorner(static_cast<int>(i)))
      p.drawRect(QRectF(px(static_cast<int>(i)) - QPointF(3.5, 3.5), QSizeF(7, 7)));
    else
      p.drawEllipse(px(static_cast<int>(i)), r, r);
  }
}

void Mesh2DView::drawDual(QPainter& p, const PlotMapping& m) const {
  if (!show_circles_ && !show_voronoi_) return;
  const Mrc2DSnapshot& s = *frame_->snapshot;
  const Dataset& d = *frame_->setup->data;
  if (show_circles_) {
    p.setPen(QPen(kCircle, 0.8));
    p.setBrush(Qt::NoBrush);
    for (size_t t = 0; t < geometry_.centre.size(); ++t) {
      const double r = geometry_.radius[t] * scale_;
      p.drawEllipse(m.toPixel(geometry_.centre[t].x(), geometry_.centre[t].y()), r, r);
    }
  }
  if (show_voronoi_) {
    // The Voronoi diagram clipped to the domain: an interior edge's dual joins the circumcentres
    // of its two triangles; a boundary edge's runs from the circumcentre to the edge's midpoint
    // when the centre lies inside (else it lies wholly outside the domain).
    p.save();
    p.setClipRect(QRectF(m.toPixel(d.domain_lo(0), d.domain_hi(1)),
                         m.toPixel(d.domain_hi(0), d.domain_lo(1))),
                  Qt::IntersectClip);
    QVector<QLineF> lines;
    for (size_t e = 0; e < geometry_.edges.size(); ++e) {
      const auto [t0, t1] = geometry_.edge_triangles[e];
      const QPointF c0 = geometry_.centre[static_cast<size_t>(t0)];
      if (t1 >= 0) {
        lines.append(QLineF(m.toPixel(c0.x(), c0.y()),
                            m.toPixel(geometry_.centre[static_cast<size_t>(t1)].x(),
                                      geometry_.centre[static_cast<size_t>(t1)].y())));
        continue;
      }
      const Eigen::Vector2d a = s.vertices.row(geometry_.edges[e][0]),
                            b = s.vertices.row(geometry_.edges[e][1]);
      const Eigen::Vector2d mid = 0.5 * (a + b);
      // The third vertex and the centre on the same side of the edge: the centre is inside.
      int third = -1;
      for (int k = 0; k < 3; ++k)
        if (s.triangles(t0, k) != geometry_.edges[e][0] &&
            s.triangles(t0, k) != geometry_.edges[e][1])
          third = s.triangles(t0, k);
      const Eigen::Vector2d n(-(b - a).y(), (b - a).x());
      const double sideThird = n.dot(Eigen::Vector2d(s.vertices.row(third)) - a);
      const double sideCentre = n.dot(Eigen::Vector2d(c0.x(), c0.y()) - a);
      if (sideThird * sideCentre > 0)
        lines.append(QLineF(m.toPixel(c0.x(), c0.y()), m.toPixel(mid.x(), mid.y())));
    }
    p.setPen(QPen(kVoronoi, 1.3));
    p.drawLines(lines);
    p.setPen(Qt::NoPen);
    p.setBrush(kVoronoi);
    for (const QPointF& c : geometry_.centre) p.drawEllipse(m.toPixel(c.x(), c.y()), 1.8, 1.8);
    p.restore();
  }
}

void Mesh2DView::drawAnimation(QPainter& p, const PlotMapping& m) const {
  if (!frame_->previous) return;
  const Mrc2DSnapshot& s = *frame_->snapshot;
  const double t =
      anim_clock_.isValid() ? std::min(1.0, anim_clock_.elapsed() / double(kAnimMs)) : 1.0;
  const double flash = 1.0 - t;  // 1 when the step lands, 0 when the animation is over
  // Refined triangles (on the mesh before the step) flash, then stay outlined.
  for (Eigen::Index r = 0; r < s.refined.rows(); ++r) {
    QPolygonF tri;
    for (int k = 0; k < 3; ++k) tri << m.toPixel(s.refined(r, 2 * k), s.refined(r, 2 * k + 1));
    QColor fill = kRefined;
    fill.setAlphaF(0.12 + 0.55 * flash);
    QColor line = kRefined;
    line.setAlphaF(0.7 + 0.3 * flash);
    p.setPen(QPen(line, 1.4 + 1.6 * flash));
    p.setBrush(fill);
    p.drawPolygon(tri);
  }
  // Removed vertices fade out to a faint cross, with a ring that widens as they go.
  for (Eigen::Index r = 0; r < s.removed.rows(); ++r) {
    const QPointF c = m.toPixel(s.removed(r, 0), s.removed(r, 1));
    QColor col = kRemoved;
    col.setAlphaF(0.45 + 0.55 * flash);
    p.setPen(QPen(col, 2.2, Qt::SolidLine, Qt::RoundCap));
    cross(p, c, 4.2);
    if (flash > 0) {
      col.setAlphaF(0.8 * flash);
      p.setPen(QPen(col, 1.5));
      p.setBrush(Qt::NoBrush);
      p.drawEllipse(c, 5 + 12 * t, 5 + 12 * t);
    }
  }
  // Inserted vertices appear: a disc that shrinks onto the vertex and stays marked.
  p.setPen(QPen(Qt::white, 1.2));
  for (int i : s.inserted_kept) {
    const QPointF c = m.toPixel(s.vertices(i, 0), s.vertices(i, 1));
    QColor col = kInserted;
    col.setAlphaF(0.95);
    p.setBrush(col);
    const double r = 4.2 + 9 * flash;
    p.drawEllipse(c, r, r);
  }
}

void Mesh2DView::drawSelection(QPainter& p, const PlotMapping& m) const {
  const Mrc2DSnapshot& s = *frame_->snapshot;
  const auto vp = [&](int i) { return m.toPixel(s.vertices(i, 0), s.vertices(i, 1)); };
  const auto triPoly = [&](int t) {
    QPolygonF poly;
    for (int k = 0; k < 3; ++k) poly << vp(s.triangles(t, k));
    return poly;
  };
  if (selected_vertex_ >= 0 && selected_vertex_ < s.vertices.rows()) {
    QPainterPath support;
    for (Eigen::Index t = 0; t < s.triangles.rows(); ++t)
      if ((s.triangles.row(t).array() == selected_vertex_).any())
        support.addPolygon(triPoly(static_cast<int>(t)));
    support = support.simplified();
    p.setBrush(QColor(255, 255, 255, 70));
    p.setPen(QPen(Qt::black, 3.2));
    p.drawPath(support);
    p.setPen(QPen(Qt::white, 1.6));
    p.drawPath(support);
    p.setBrush(Qt::white);
    p.setPen(QPen(Qt::black, 1.5));
    p.drawEllipse(vp(selected_vertex_), 5.5, 5.5);
  }
  if (selected_triangle_ >= 0 && selected_triangle_ < s.triangles.rows()) {
    p.setBrush(QColor(255, 255, 255, 60));
    p.setPen(QPen(Qt::black, 3.2));
    p.drawPolygon(triPoly(selected_triangle_));
    p.setPen(QPen(Qt::white, 1.6));
    p.drawPolygon(triPoly(selected_triangle_));
  }
  if (drag_vertex_ >= 0 && drag_vertex_ < s.vertices.rows()) {
    const QPointF to = m.toPixel(drag_to_.x(), drag_to_.y());
    p.setPen(QPen(Qt::white, 1.4, Qt::DashLine));
    for (const auto& e : geometry_.edges) {
      if (e[0] == drag_vertex_) p.drawLine(to, vp(e[1]));
      if (e[1] == drag_vertex_) p.drawLine(to, vp(e[0]));
    }
    p.setBrush(kInserted);
    p.setPen(QPen(Qt::black, 1.2));
    p.drawEllipse(to, 5, 5);
  }
}

void Mesh2DView::drawHover(QPainter& p, const PlotMapping& m) const {
  if (!hover_on_ || !m.area.contains(hover_)) return;
  const QPointF x = toModel(hover_);
  const int t = triangleAt(hover_);
  QString text = QStringLiteral("x₁ %1   x₂ %2").arg(x.x(), 0, 'g', 5).arg(x.y(), 0, 'g', 5);
  if (t >= 0) {
    const Mrc2DSnapshot& s = *frame_->snapshot;
    const auto l = barycentric(s, t, x);
    double f = 0;
    for (int k = 0; k < 3; ++k)
      f += l[static_cast<size_t>(k)] * s.coeffs(s.triangles(t, k), output_);
    text += QStringLiteral("   f %1").arg(f, 0, 'g', 5);
  }
  const QFontMetricsF fm(font());
  const QRectF box(m.area.left() + 6, m.area.bottom() - fm.height() - 10,
                   fm.horizontalAdvance(text) + 14, fm.height() + 6);
  p.setPen(Qt::NoPen);
  p.setBrush(QColor(255, 255, 255, 225));
  p.drawRoundedRect(box, 3, 3);
  p.setPen(QColor(30, 30, 30));
  p.drawText(box, Qt::AlignCenter, text);
}

void Mesh2DView::drawFrameAndAxes(QPainter& p, const PlotMapping& m) const {
  const QFontMetricsF fm(font());
  p.setPen(QPen(kAxis, 1));
  p.setBrush(Qt::NoBrush);
  p.drawRect(m.area);
  const auto xt = niceTicks(m.x0, m.x1, std::max(3, static_cast<int>(m.area.width() / 90)));
  const auto yt = niceTicks(m.y0, m.y1, std::max(3, static_cast<int>(m.area.height() / 70)));
  const double sx = xt.size() > 1 ? xt[1] - xt[0] : 1, sy = yt.size() > 1 ? yt[1] - yt[0] : 1;
  for (double v : xt) {
    const double x = m.px(v);
    p.drawLine(QPointF(x, m.area.bottom()), QPointF(x, m.area.bottom() + 5));
    const QString s = tickLabel(v, sx);
    p.drawText(QPointF(x - fm.horizontalAdvance(s) / 2, m.area.bottom() + 7 + fm.ascent()), s);
  }
  for (double v : yt) {
    const double y = m.py(v);
    p.drawLine(QPointF(m.area.left() - 5, y), QPointF(m.area.left(), y));
    const QString s = tickLabel(v, sy);
    p.drawText(QPointF(m.area.left() - 8 - fm.horizontalAdvance(s), y + fm.ascent() / 2 - 1), s);
  }
  const Dataset& d = *frame_->setup->data;
  const QString xn =
      d.input_names.size() == 2 ? QString::fromStdString(d.input_names[0]) : QStringLiteral("x₁");
  const QString yn =
      d.input_names.size() == 2 ? QString::fromStdString(d.input_names[1]) : QStringLiteral("x₂");
  p.setPen(QColor(60, 60, 60));
  p.drawText(
      QPointF(m.area.center().x() - fm.horizontalAdvance(xn) / 2, m.area.bottom() + kBottom - 8),
      xn);
  p.save();
  p.translate(m.area.left() - kLeft + 14, m.area.center().y() + fm.horizontalAdvance(yn) / 2);
  p.rotate(-90);
  p.drawText(QPointF(0, 0), yn);
  p.restore();
  // Title: what is on screen, also for exported figures.
  const Mrc2DSnapshot& s = *frame_->snapshot;
  QFont bold = font();
  bold.setBold(true);
  p.setFont(bold);
  const QString title = tr("%1 · step %2 · %3 vertices · %4 triangles")
                            .arg(frame_->setup->source.label())
                            .arg(s.step)
                            .arg(s.vertices.rows())
                            .arg(s.triangles.rows());
  p.drawText(QPointF(m.area.left(), m.area.top() - 34), title);
  p.setFont(font());
}

void Mesh2DView::drawColourBar(QPainter& p, const PlotMapping& m) const {
  const Mesh2DSetup& s = *frame_->setup;
  const double lo = s.value_lo(output_), hi = s.value_hi(output_);
  const QRectF bar(m.area.right() + 18, m.area.top() + 18, 14, m.area.height() - 18);
  QImage img(1, std::max(1, static_cast<int>(bar.height())), QImage::Format_RGB32);
  for (int y = 0; y < img.height(); ++y)
    img.setPixel(0, y, viridis(1.0 - y / std::max(1.0, img.height() - 1.0)));
  p.drawImage(bar, img);
  p.setPen(QPen(kAxis, 1));
  p.setBrush(Qt::NoBrush);
  p.drawRect(bar);
  const QFontMetricsF fm(font());
  const auto ticks = niceTicks(lo, hi, 7);
  const double spacing = ticks.size() > 1 ? ticks[1] - ticks[0] : 1;
  for (double v : ticks) {
    const double y = bar.bottom() - (v - lo) / (hi - lo) * bar.height();
    p.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + 4, y));
    p.drawText(QPointF(bar.right() + 7, y + fm.ascent() / 2 - 1), tickLabel(v, spacing));
  }
  const Dataset& d = *s.data;
  QString name = QStringLiteral("f");
  if (static_cast<int>(d.output_names.size()) > output_)
    name = QString::fromStdString(d.output_names[static_cast<size_t>(output_)]);
  else if (d.outputs() > 1)
    name = QStringLiteral("f%1").arg(output_ + 1);
  p.setPen(QColor(60, 60, 60));
  p.drawText(QPointF(bar.left(), bar.top() - 6), name);
}

void Mesh2DView::drawLegend(QPainter& p, const PlotMapping& m) const {
  const QFontMetricsF fm(font());
  struct Item {
    int glyph;
    QString text;
  };
  std::vector<Item> items = {{0, tr("refined")}, {1, tr("inserted")}, {2, tr("removed")}};
  if (show_points_) items.push_back({3, tr("data")});
  if (show_voronoi_) items.push_back({4, tr("Voronoi")});
  if (show_circles_) items.push_back({5, tr("circumcircles")});
  double width = 0;
  for (const Item& it : items) width += 22 + fm.horizontalAdvance(it.text) + 14;
  double x = std::max(m.area.left(), m.area.right() - width);
  const double y = m.area.top() - 14;
  for (const Item& it : items) {
    const QPointF c(x + 8, y);
    p.save();
    switch (it.glyph) {
      case 0:
        p.setPen(QPen(kRefined, 1.4));
        p.setBrush(QColor(255, 152, 0, 90));
        p.drawPolygon(QPolygonF({c + QPointF(-7, 5), c + QPointF(7, 5), c + QPointF(0, -6)}));
        break;
      case 1:
        p.setPen(QPen(Qt::white, 1.2));
        p.setBrush(kInserted);
        p.drawEllipse(c, 4.5, 4.5);
        break;
      case 2:
        p.setPen(QPen(kRemoved, 2.2, Qt::SolidLine, Qt::RoundCap));
        cross(p, c, 4);
        break;
      case 3:
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(15, 15, 25, 160));
        for (int k = 0; k < 5; ++k)
          p.drawRect(QRectF(c + QPointF(-6 + 3 * k, (k % 2) * 3 - 2), QSizeF(1.6, 1.6)));
        break;
      case 4:
        p.setPen(QPen(kVoronoi, 1.6));
        p.drawLine(c + QPointF(-8, 3), c + QPointF(0, -3));
        p.drawLine(c + QPointF(0, -3), c + QPointF(8, 2));
        break;
      default:
        p.setPen(QPen(QColor(120, 120, 140), 1.2));
        p.drawEllipse(c, 6, 6);
        break;
    }
    p.restore();
    p.setPen(QColor(60, 60, 60));
    p.drawText(QPointF(x + 20, y + fm.ascent() / 2 - 1), it.text);
    x += 22 + fm.horizontalAdvance(it.text) + 14;
  }
}

}  // namespace lreg::views
