#pragma once
// Figure 1 of the LReg paper, live: training points, the fitted polyline and its nodes, the area
// between the fit and the truth (or the binned data mean for files), the elements refined in the
// last step, and the nodes it inserted, removed and moved (scene/mesh1d_marks.h; briefly
// highlighted), with a caption of what the step did. Custom-painted so that
// 50k points stay interactive; wheel zoom, drag pan, double-click reset, hover readout.
#include <QElapsedTimer>
#include <QImage>
#include <QPolygonF>
#include <QTimer>
#include <QWidget>
#include <algorithm>
#include <vector>

#include "scene/plot_mapping.h"
#include "session/mesh1d_session.h"

namespace lreg::views {

class PanZoomTool;

class Mesh1DPlot : public QWidget {
  Q_OBJECT

 public:
  explicit Mesh1DPlot(QWidget* parent = nullptr);

  // Shows a new frame; a new data set resets the view, a new step starts the marker highlight.
  void setFrame(Mesh1DFramePtr frame);
  Mesh1DFramePtr frame() const { return frame_; }
  // Fits the view to the data again (also on double-click).
  void resetView();
  // Visible data window: x0..x1 horizontally, y0..y1 vertically.
  QRectF viewWindow() const { return QRectF(QPointF(x0_, y0_), QPointF(x1_, y1_)); }
  // f(x) of the current fit (first output), linear beyond the end nodes like the P1 basis.
  double fitAt(double x) const;
  // The sentence under the title: what the shown step did (stepCaption).
  QString caption() const;

  QSize sizeHint() const override { return {900, 520}; }
  QSize minimumSizeHint() const override { return {360, 240}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  struct Reference {  // the curve the shaded error is measured against
    std::vector<double> x, y;
  };
  PlotMapping mapping(const QFontMetricsF& fm, int legendRows) const;
  double captionHeight(const QFontMetricsF& fm) const;
  // The axis labels take up to about 80 px on the left; the caption ends where the plot does.
  double captionWidth() const { return std::max(100.0, width() - 100.0); }
  const Reference& reference(const PlotMapping& m);
  void zoom(QPointF pixel, double fx, double fy);
  void pan(QPointF delta);
  void hover(QPointF pixel);

  void drawDataLayer(QPainter& p, const PlotMapping& m);
  void drawErrorArea(QPainter& p, const PlotMapping& m, const Reference& ref) const;
  void drawFit(QPainter& p, const PlotMapping& m) const;
  void drawMarkers(QPainter& p, const PlotMapping& m) const;
  void drawAxes(QPainter& p, const PlotMapping& m) const;
  int drawLegend(QPainter* p, double top, double width) const;  // returns rows used

  Mesh1DFramePtr frame_;
  PlotMapping last_mapping_;  // of the last paint, for mouse input
  double x0_ = 0, x1_ = 1, y0_ = -1, y1_ = 1;
  bool hover_on_ = false;
  double hover_x_ = 0;

  QElapsedTimer highlight_clock_;  // since the last step arrived
  QTimer highlight_timer_;         // repaints while the highlight fades

  // Caches keyed on what they depend on; the frame itself is immutable.
  QImage data_layer_;
  QRectF data_layer_key_window_;
  QSize data_layer_key_size_;
  const Dataset* data_layer_key_data_ = nullptr;
  Reference reference_;
  QRectF reference_key_window_;
  double reference_key_width_ = 0;
  const Dataset* reference_key_data_ = nullptr;
};

}  // namespace lreg::views
