#pragma once
// Mouse input of a plot as semantic requests: wheel zoom about the cursor, drag pan, double-click
// reset, hover. The plot decides what the requests mean for its view window.
#include <QObject>
#include <QPointF>

class QWidget;

namespace lreg::views {

class PanZoomTool : public QObject {
  Q_OBJECT

 public:
  // Installs itself as an event filter on target and turns on its mouse tracking.
  explicit PanZoomTool(QWidget* target);

 Q_SIGNALS:
  // factor < 1 zooms in; Ctrl restricts the zoom to x, Shift to y (the other factor is 1).
  void zoomRequested(QPointF pixel, double factorX, double factorY);
  void panRequested(QPointF deltaPixels);
  void resetRequested();
  void hovered(QPointF pixel);
  void left();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  QPointF last_;
  bool dragging_ = false;
};

}  // namespace lreg::views
