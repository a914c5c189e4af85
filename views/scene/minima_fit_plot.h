#pragma once
// The samples and the fitted function of every enumerated minimum, overlaid: the global minimum
// bold, the others thin, each in its own colour (util/minima_style.h); a set of minima is drawn
// with a translucent band under its curve. Samples can be dragged: pointDragged() fires on every
// move, so the session recomputes live while the axes stay put until the drag ends.
#include <QWidget>

#include "scene/plot_mapping.h"
#include "session/minima_session.h"

namespace lreg::views {

class MinimaFitPlot : public QWidget {
  Q_OBJECT

 public:
  explicit MinimaFitPlot(QWidget* parent = nullptr);

  void setProblem(const MinimaProblem& problem);  // the samples (drawn at once)
  void setFrame(const MinimaFramePtr& frame);     // the minima's functions
  int curveCount() const;                         // minima drawn
  int setBandCount() const;                       // of those, drawn as a set
  PlotMapping mapping() const;
  QSize sizeHint() const override { return {520, 320}; }

 Q_SIGNALS:
  void pointDragged(int index, double x, double y);
  void dragFinished();

 protected:
  void paintEvent(QPaintEvent*) override;
  void mousePressEvent(QMouseEvent* e) override;
  void mouseMoveEvent(QMouseEvent* e) override;
  void mouseReleaseEvent(QMouseEvent* e) override;

 private:
  void fitWindow();

  MinimaProblem problem_;
  MinimaFramePtr frame_;
  double x0_ = -1, x1_ = 1, y0_ = -1, y1_ = 1;
  int drag_ = -1;
};

}  // namespace lreg::views
