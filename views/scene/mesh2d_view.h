#pragma once
// The 2D LReg fit on its Delaunay mesh, live: triangles filled by the fitted value (the P1 field
// itself, linear inside each triangle) under a colour bar, the edges and vertices, optionally the
// data points, circumcircles and the Voronoi diagram. Each step is animated: the triangles it
// refined flash, inserted vertices appear and removed ones fade. Custom-painted, with the fill
// and the data points cached as images, so that ~1000 triangles and 50k points pan smoothly.
// PlotMapping (equal aspect, so circumcircles stay circles) is the only model <-> pixel mapping.
#include <QElapsedTimer>
#include <QImage>
#include <QTimer>
#include <QWidget>
#include <vector>

#include "scene/plot_mapping.h"
#include "session/mesh2d_session.h"

namespace lreg::views {

class Mesh2DEditTool;

class Mesh2DView : public QWidget {
  Q_OBJECT

 public:
  explicit Mesh2DView(QWidget* parent = nullptr);

  // Shows a new frame; a new data set fits the view, a new snapshot starts the step animation.
  // The selection follows its vertex (by position) or triangle (by centroid) into the new mesh.
  void setFrame(Mesh2DFramePtr frame);
  Mesh2DFramePtr frame() const { return frame_; }
  Mesh2DEditTool* editTool() const { return tool_; }

  void setOutput(int output);  // which output colours the triangles (vector-valued sets)
  int output() const { return output_; }
  void setShowPoints(bool on);
  void setShowCircumcircles(bool on);
  void setShowVoronoi(bool on);
  bool showPoints() const { return show_points_; }
  bool showCircumcircles() const { return show_circles_; }
  bool showVoronoi() const { return show_voronoi_; }
  void resetView();  // the whole domain (also on double-click)

  // --- the converter and hit tests, in widget pixels ---------------------------------------
  QPointF toModel(QPointF pixel) const;
  QPointF toPixel(QPointF model) const;
  bool insideDomain(QPointF pixel) const;
  int vertexAt(QPointF pixel, double radius = 7.0) const;  // nearest vertex within radius, or -1
  int triangleAt(QPointF pixel) const;                     // -1 outside the mesh
  bool isCorner(int vertex) const;

  // --- inspection ---------------------------------------------------------------------------
  void selectVertex(int vertex);
  void selectTriangle(int triangle);
  void clearSelection();
  int selectedVertex() const { return selected_vertex_; }
  int selectedTriangle() const { return selected_triangle_; }

  QSize sizeHint() const override { return {900, 700}; }
  QSize minimumSizeHint() const override { return {360, 300}; }

 Q_SIGNALS:
  void selectionChanged();

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  struct Geometry {  // derived from the snapshot once: edges and circumcircles
    std::vector<std::array<int, 2>> edges;
    std::vector<std::array<int, 2>> edge_triangles;  // the 1 or 2 triangles of each edge (-1)
    std::vector<QPointF> centre;
    std::vector<double> radius;
  };
  QRectF plotArea() const;  // widget pixels of the domain's frame
  PlotMapping mapping() const;
  void rebuildGeometry();
  void zoom(QPointF pixel, double factor);
  void pan(QPointF delta);
  void setDragPreview(int vertex, QPointF model);

  void drawFill(QPainter& p, const PlotMapping& m);
  void drawPoints(QPainter& p, const PlotMapping& m);
  void drawMesh(QPainter& p, const PlotMapping& m) const;
  void drawDual(QPainter& p, const PlotMapping& m) const;
  void drawAnimation(QPainter& p, const PlotMapping& m) const;
  void drawSelection(QPainter& p, const PlotMapping& m) const;
  void drawFrameAndAxes(QPainter& p, const PlotMapping& m) const;
  void drawColourBar(QPainter& p, const PlotMapping& m) const;
  void drawLegend(QPainter& p, const PlotMapping& m) const;
  void drawHover(QPainter& p, const PlotMapping& m) const;

  Mesh2DFramePtr frame_;
  Geometry geometry_;
  Mesh2DEditTool* tool_ = nullptr;
  int output_ = 0;
  bool show_points_ = true, show_circles_ = false, show_voronoi_ = false;
  double cx_ = 0.5, cy_ = 0.5, scale_ = 1;  // view centre (model) and pixels per model unit
  bool fitted_ = false;
  bool user_view_ = false;  // zoomed or panned: a resize keeps the view instead of refitting

  int selected_vertex_ = -1, selected_triangle_ = -1;
  int drag_vertex_ = -1;
  QPointF drag_to_;
  bool hover_on_ = false;
  QPointF hover_;

  QElapsedTimer anim_clock_;
  QTimer anim_timer_;

  QImage fill_, points_;  // caches, keyed on what they were drawn for
  // Held (not raw pointers) so that a freed snapshot's address reused by a new one cannot
  // match a stale key.
  Mrc2DSnapshotPtr fill_key_snapshot_;
  std::shared_ptr<const Mesh2DSetup> points_key_setup_;
  QRectF fill_key_window_, points_key_window_;
  QSize fill_key_size_, points_key_size_;
  int fill_key_output_ = -1;
};

}  // namespace lreg::views
