#pragma once
// The loss landscape of the trained MLP over the plane of its path's two principal directions:
// log10 of the loss as a heat map with contour lines, the optimiser's path projected on it (start
// hollow, end = the origin filled) and the share of the path's variance the plane explains.
#include <QImage>
#include <QWidget>
#include <cmath>

#include "session/local_global_work.h"

class QPainter;

namespace lreg::views {

class LandscapeMap : public QWidget {
  Q_OBJECT

 public:
  explicit LandscapeMap(QWidget* parent = nullptr);

  void setLandscape(const LocalGlobalLandscapePtr& landscape);
  bool showsMap() const { return !image_.isNull(); }
  int pathPoints() const;
  int contourSegments() const { return static_cast<int>(contours_.size() / 2); }
  QSize sizeHint() const override { return {460, 440}; }

 protected:
  void paintEvent(QPaintEvent*) override;

 private:
  QRectF plotArea() const;
  void drawAxes(QPainter& p, const QRectF& area) const;  // ticks, direction names, colour bar
  QString title() const;
  QString footer() const;
  double textHeight(const QString& text) const;  // wrapped to the widget's width

  LocalGlobalLandscapePtr landscape_;
  QImage image_;
  double lo_ = NAN, hi_ = NAN;                     // log10 loss range of the map (the colour bar's)
  std::vector<std::pair<float, float>> contours_;  // grid coordinates, 2 per segment
};

}  // namespace lreg::views
