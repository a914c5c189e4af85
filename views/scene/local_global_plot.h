#pragma once
// Figure 1 you can drag: the training samples, the fit as a polyline with its nodes, the
// residual of every sample drawn from the data to the fit (the shaded |fit - data|, whose mean
// is the MAE written in the corner), the converted MLP dashed beneath, and the intervals the
// last MRC step split. A node is dragged with the mouse, or from the keyboard: [ and ] select,
// the arrows move it (Shift: ten times further). A drag within 3 pixels of an axis keeps that
// coordinate (a pure value or position move). The wheel (or + and -, about the selected node)
// zooms, a double-click (or 0) fits the view again. Signals carry the request; the session decides.
#include <QWidget>

#include "scene/plot_mapping.h"
#include "session/local_global_session.h"

namespace lreg::views {

class LocalGlobalPlot : public QWidget {
  Q_OBJECT

 public:
  explicit LocalGlobalPlot(QWidget* parent = nullptr);

  void setSetup(const LocalGlobalSetupPtr& setup);  // data and the MLP; resets the view
  void setFit(const LocalGlobalFit& fit);
  int nodeCount() const { return fit_.model.mesh().size(); }
  int selectedNode() const { return selected_; }
  void selectNode(int i);
  PlotMapping mapping() const;
  QPointF nodePixel(int i) const;  // where node i is drawn (on the window's edge when outside)
  bool nodeOutside(int i) const;   // node i's value lies outside the window
  QSize sizeHint() const override { return {820, 440}; }

 Q_SIGNALS:
  void dragStarted(int node);
  void nodeDragged(int node, double x, double y);
  void dragFinished();

 protected:
  void paintEvent(QPaintEvent*) override;
  void mousePressEvent(QMouseEvent* e) override;
  void mouseMoveEvent(QMouseEvent* e) override;
  void mouseReleaseEvent(QMouseEvent* e) override;
  void keyPressEvent(QKeyEvent* e) override;
  void wheelEvent(QWheelEvent* e) override;
  void mouseDoubleClickEvent(QMouseEvent* e) override;

 private:
  void fitWindow();
  void zoom(QPointF pixel, double factor);
  void drawAxes(QPainter& p, const PlotMapping& m) const;

  LocalGlobalSetupPtr setup_;
  LocalGlobalFit fit_;
  double x0_ = 0, x1_ = 1, y0_ = -1, y1_ = 1;
  int drag_ = -1;
  QPointF press_, press_node_;  // where the drag started, in pixels and in data
  int selected_ = -1;
};

}  // namespace lreg::views
