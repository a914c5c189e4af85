#pragma once
// Mouse and keyboard input of the Mesh 2D view as semantic requests, in the manner of CGAL's
// triangulation demo: the tool only recognises gestures, the session decides what they do.
//   Select mode: click a vertex or triangle to inspect it, drag a vertex to move it, drag the
//                background to pan; Shift+click inserts a vertex.
//   Insert mode: every click inserts a vertex.
//   Both: right-click on a vertex or Delete / Backspace (on the selected vertex) deletes it.
// It sits before the view's PanZoomTool in the event-filter chain and lets through what it
// does not use (wheel zoom, background drags).
#include <QObject>
#include <QPointF>

namespace lreg::views {

class Mesh2DView;

class Mesh2DEditTool : public QObject {
  Q_OBJECT

 public:
  enum class Mode { Select, Insert };

  // Installs itself on the view; install it after the view's PanZoomTool so that it sees events
  // first.
  explicit Mesh2DEditTool(Mesh2DView* view);

  Mode mode() const { return mode_; }
  void setMode(Mode mode);
  // Refuse edits (e.g. no run yet); inspection still works.
  void setEditable(bool editable) { editable_ = editable; }

 Q_SIGNALS:
  void insertRequested(QPointF model);
  void moveRequested(int vertex, QPointF model);
  void removeRequested(int vertex);
  void vertexClicked(int vertex);
  void triangleClicked(int triangle);
  void backgroundClicked();
  void dragging(int vertex, QPointF model);  // while a vertex is dragged, for the preview
  void dragEnded();
  void modeChanged(lreg::views::Mesh2DEditTool::Mode mode);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void click(QPointF pixel, Qt::KeyboardModifiers modifiers);

  Mesh2DView* view_;
  Mode mode_ = Mode::Select;
  bool editable_ = true;
  QPointF press_;
  bool pressed_ = false;
  int drag_vertex_ = -1;
  bool drag_moved_ = false;
};

}  // namespace lreg::views
