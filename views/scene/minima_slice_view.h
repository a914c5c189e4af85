#pragma once
// One picture of the parameter space over (w_j, c_j) of one unit, the other units at the global
// minimum and (a, m) solved exactly: either the reduced loss as a heat map (log10 of L - L_min)
// or the basin map (each grid point in the colour of the minimum L-BFGS reaches from it, grey
// for a critical point that is not a minimum or no match). Both draw the region borders, the lines
// c = -w x_i on which a sample switches the unit, and mark every minimum's (w_j, c_j).
#include <QImage>
#include <QWidget>

#include "scene/plot_mapping.h"
#include "session/minima_session.h"

namespace lreg::views {

class MinimaSliceView : public QWidget {
  Q_OBJECT

 public:
  enum class Mode { Loss, Basin };
  explicit MinimaSliceView(Mode mode, QWidget* parent = nullptr);

  void setFrame(const MinimaFramePtr& frame);     // markers and borders
  void setMap(const MinimaMapPtr& map);           // the raster; a stale one (other frame) is hidden
  const QImage& image() const { return image_; }  // one pixel per grid point, empty without map
  bool showsMap() const { return !image_.isNull(); }
  QSize sizeHint() const override { return {380, 340}; }

 protected:
  void paintEvent(QPaintEvent*) override;

 private:
  void render();
  PlotMapping mapping() const;

  Mode mode_;
  MinimaFramePtr frame_;
  MinimaMapPtr map_;
  QImage image_;
};

// Sequential colour (viridis anchors) for t in [0, 1].
QRgb sequentialColor(double t);

}  // namespace lreg::views
