#include "scene/mesh2d_view.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QResizeEvent>
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "scene/mesh2d_edit_tool.h"
#include "scene/mesh2d_style.h"
#include "scene/p1_raster.h"
#include "scene/pan_zoom_tool.h"

namespace lreg::views {

using namespace mesh2d_style;

Mesh2DView::Mesh2DView(QWidget* parent) : QWidget(parent) {
  setAttribute(Qt::WA_OpaquePaintEvent);
  setFocusPolicy(Qt::ClickFocus);
  setMouseTracking(true);
  anim_timer_.setInterval(30);
  connect(&anim_timer_, &QTimer::timeout, this, [this] {
    if (anim_clock_.elapsed() > kAnimMs) anim_timer_.stop();
    update();
  });
  auto* pan = new PanZoomTool(this);
  connect(pan, &PanZoomTool::zoomRequested, this,
          [this](QPointF pixel, double fx, double fy) { zoom(pixel, fx != 1.0 ? fx : fy); });
  connect(pan, &PanZoomTool::panRequested, this, &Mesh2DView::pan);
  connect(pan, &PanZoomTool::resetRequested, this, &Mesh2DView::resetView);
  connect(pan, &PanZoomTool::hovered, this, [this](QPointF pixel) {
    hover_on_ = true;
    hover_ = pixel;
    update();
  });
  connect(pan, &PanZoomTool::left, this, [this] {
    hover_on_ = false;
    update();
  });
  tool_ = new Mesh2DEditTool(this);  // after the pan tool: it sees events first
  connect(tool_, &Mesh2DEditTool::vertexClicked, this, &Mesh2DView::selectVertex);
  connect(tool_, &Mesh2DEditTool::triangleClicked, this, &Mesh2DView::selectTriangle);
  connect(tool_, &Mesh2DEditTool::backgroundClicked, this, &Mesh2DView::clearSelection);
  connect(tool_, &Mesh2DEditTool::dragging, this, &Mesh2DView::setDragPreview);
  connect(tool_, &Mesh2DEditTool::dragEnded, this, [this] { setDragPreview(-1, {}); });
}

void Mesh2DView::setFrame(Mesh2DFramePtr frame) {
  const bool newData = !frame_ || !frame || frame_->setup->data != frame->setup->data;
  const bool newSnapshot = frame && (!frame_ || frame_->snapshot != frame->snapshot);
  // Follow the selection into the new mesh by position: indices are renumbered by every edit.
  QPointF selVertex(NAN, NAN), selCentroid(NAN, NAN);
  if (frame_ && selected_vertex_ >= 0)
    selVertex = QPointF(frame_->snapshot->vertices(selected_vertex_, 0),
                        frame_->snapshot->vertices(selected_vertex_, 1));
  if (frame_ && selected_triangle_ >= 0) {
    const auto& s = *frame_->snapshot;
    for (int k = 0; k < 3; ++k)
      selCentroid += QPointF(s.vertices(s.triangles(selected_triangle_, k), 0),
                             s.vertices(s.triangles(selected_triangle_, k), 1)) /
                     3.0;
  }
  frame_ = std::move(frame);
  drag_vertex_ = -1;
  if (!frame_) return;
  if (output_ >= frame_->snapshot->coeffs.cols()) output_ = 0;
  rebuildGeometry();
  selected_vertex_ = selected_triangle_ = -1;
  if (!newData && !std::isnan(selVertex.x())) {
    const auto& V = frame_->snapshot->vertices;
    for (Eigen::Index i = 0; i < V.rows(); ++i)
      if (V(i, 0) == selVertex.x() && V(i, 1) == selVertex.y())
        selected_vertex_ = static_cast<int>(i);
  } else if (!newData && !std::isnan(selCentroid.x())) {
    selected_triangle_ = triangleAt(toPixel(selCentroid));
  }
  if (newData || !fitted_) resetView();
  if (newSnapshot && frame_->previous) {
    anim_clock_.start();
    anim_timer_.start();
  }
  Q_EMIT selectionChanged();
  update();
}

void Mesh2DView::rebuildGeometry() {
  const Mrc2DSnapshot& s = *frame_->snapshot;
  Geometry g;
  std::unordered_map<std::uint64_t, int> index;
  const auto nt = static_cast<int>(s.triangles.rows());
  g.centre.resize(static_cast<size_t>(nt));
  g.radius.resize(static_cast<size_t>(nt));
  for (int t = 0; t < nt; ++t) {
    for (int k = 0; k < 3; ++k) {
      int a = s.triangles(t, k), b = s.triangles(t, (k + 1) % 3);
      if (a > b) std::swap(a, b);
      const std::uint64_t key =
          (static_cast<std::uint64_t>(a) << 32) | static_cast<std::uint32_t>(b);
      const auto [it, fresh] = index.try_emplace(key, static_cast<int>(g.edges.size()));
      if (fresh) {
        g.edges.push_back({a, b});
        g.edge_triangles.push_back({t, -1});
      } else {
        g.edge_triangles[static_cast<size_t>(it->second)][1] = t;
      }
    }
    // Circumcentre: geometry for display only (the Voronoi vertices are these centres).
    const Eigen::Vector2d a = s.vertices.row(s.triangles(t, 0)),
                          b = s.vertices.row(s.triangles(t, 1)),
                          c = s.vertices.row(s.triangles(t, 2));
    const Eigen::Vector2d ab = b - a, ac = c - a;
    const double d = 2 * (ab.x() * ac.y() - ab.y() * ac.x());
    const Eigen::Vector2d u((ac.y() * ab.squaredNorm() - ab.y() * ac.squaredNorm()) / d,
                            (ab.x() * ac.squaredNorm() - ac.x() * ab.squaredNorm()) / d);
    g.centre[static_cast<size_t>(t)] = QPointF(a.x() + u.x(), a.y() + u.y());
    g.radius[static_cast<size_t>(t)] = u.norm();
  }
  geometry_ = std::move(g);
}

void Mesh2DView::setOutput(int output) {
  output_ = std::max(0, output);
  update();
}

void Mesh2DView::setShowPoints(bool on) {
  show_points_ = on;
  update();
}

void Mesh2DView::setShowCircumcircles(bool on) {
  show_circles_ = on;
  update();
}

void Mesh2DView::setShowVoronoi(bool on) {
  show_voronoi_ = on;
  update();
}

void Mesh2DView::resetView() {
  if (!frame_) return;
  const Dataset& d = *frame_->setup->data;
  const double x0 = d.domain_lo(0), x1 = d.domain_hi(0), y0 = d.domain_lo(1), y1 = d.domain_hi(1);
  const QRectF area = plotArea();
  cx_ = 0.5 * (x0 + x1);
  cy_ = 0.5 * (y0 + y1);
  scale_ = std::min(area.width() / ((x1 - x0) * 1.03), area.height() / ((y1 - y0) * 1.03));
  if (!(scale_ > 0) || !std::isfinite(scale_)) scale_ = 1;
  fitted_ = area.width() > 0;
  user_view_ = false;
  update();
}

void Mesh2DView::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  if (!user_view_) resetView();
}

QRectF Mesh2DView::plotArea() const {
  const QRectF avail = QRectF(rect()).adjusted(kLeft, kTop, -kRight, -kBottom);
  if (!frame_ || avail.height() <= 0) return avail;
  // The frame hugs the domain (equal aspect), centred in the space there is.
  const Dataset& d = *frame_->setup->data;
  const double aspect = (d.domain_hi(0) - d.domain_lo(0)) / (d.domain_hi(1) - d.domain_lo(1));
  if (!(aspect > 0) || !std::isfinite(aspect)) return avail;
  if (avail.width() / avail.height() > aspect) {
    const double w = avail.height() * aspect;
    return QRectF(avail.left() + 0.5 * (avail.width() - w), avail.top(), w, avail.height());
  }
  const double h = avail.width() / aspect;
  return QRectF(avail.left(), avail.top() + 0.5 * (avail.height() - h), avail.width(), h);
}

PlotMapping Mesh2DView::mapping() const {
  PlotMapping m;
  m.area = plotArea();
  const double hw = 0.5 * m.area.width() / scale_, hh = 0.5 * m.area.height() / scale_;
  m.x0 = cx_ - hw;
  m.x1 = cx_ + hw;
  m.y0 = cy_ - hh;
  m.y1 = cy_ + hh;
  return m;
}

void Mesh2DView::zoom(QPointF pixel, double factor) {
  const PlotMapping m = mapping();
  const QPointF model(m.dataX(pixel.x()), m.dataY(pixel.y()));
  scale_ = std::clamp(scale_ / factor, 1e-9, 1e12);
  cx_ = model.x() - (pixel.x() - m.area.center().x()) / scale_;
  cy_ = model.y() + (pixel.y() - m.area.center().y()) / scale_;
  user_view_ = true;
  update();
}

void Mesh2DView::pan(QPointF delta) {
  cx_ -= delta.x() / scale_;
  cy_ += delta.y() / scale_;
  user_view_ = true;
  update();
}

QPointF Mesh2DView::toModel(QPointF pixel) const {
  const PlotMapping m = mapping();
  return {m.dataX(pixel.x()), m.dataY(pixel.y())};
}

QPointF Mesh2DView::toPixel(QPointF model) const { return mapping().toPixel(model.x(), model.y()); }

bool Mesh2DView::insideDomain(QPointF pixel) const {
  if (!frame_) return false;
  const QPointF x = toModel(pixel);
  const Dataset& d = *frame_->setup->data;
  return x.x() > d.domain_lo(0) && x.x() < d.domain_hi(0) && x.y() > d.domain_lo(1) &&
         x.y() < d.domain_hi(1);
}

int Mesh2DView::vertexAt(QPointF pixel, double radius) const {
  if (!frame_) return -1;
  const PlotMapping m = mapping();
  const auto& V = frame_->snapshot->vertices;
  int best = -1;
  double bestD = radius * radius;
  for (Eigen::Index i = 0; i < V.rows(); ++i) {
    const QPointF d = m.toPixel(V(i, 0), V(i, 1)) - pixel;
    const double dd = QPointF::dotProduct(d, d);
    if (dd <= bestD) {
      bestD = dd;
      best = static_cast<int>(i);
    }
  }
  return best;
}

int Mesh2DView::triangleAt(QPointF pixel) const {
  if (!frame_) return -1;
  const QPointF x = toModel(pixel);
  const auto& s = *frame_->snapshot;
  for (Eigen::Index t = 0; t < s.triangles.rows(); ++t) {
    const auto l = barycentric(s, static_cast<int>(t), x);
    if (l[0] >= -1e-12 && l[1] >= -1e-12 && l[2] >= -1e-12) return static_cast<int>(t);
  }
  return -1;
}

bool Mesh2DView::isCorner(int vertex) const {
  if (!frame_) return false;
  const auto& c = frame_->snapshot->corners;
  return std::find(c.begin(), c.end(), vertex) != c.end();
}

void Mesh2DView::selectVertex(int vertex) {
  selected_vertex_ = vertex;
  selected_triangle_ = -1;
  Q_EMIT selectionChanged();
  update();
}

void Mesh2DView::selectTriangle(int triangle) {
  selected_triangle_ = triangle;
  selected_vertex_ = -1;
  Q_EMIT selectionChanged();
  update();
}

void Mesh2DView::clearSelection() {
  if (selected_vertex_ < 0 && selected_triangle_ < 0) return;
  selected_vertex_ = selected_triangle_ = -1;
  Q_EMIT selectionChanged();
  update();
}

void Mesh2DView::setDragPreview(int vertex, QPointF model) {
  drag_vertex_ = vertex;
  drag_to_ = model;
  update();
}

}  // namespace lreg::views
