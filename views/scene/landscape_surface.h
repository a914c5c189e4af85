#pragma once
// The loss landscape as a 3D surface (Qt DataVisualization's Q3DSurface): log10 of the train loss
// over the plane of the path's principal directions, the same grid as LandscapeMap. Where OpenGL
// cannot draw (offscreen platform, no DataVisualization) it shows why instead, as the Mesh 2D
// panel's 3D tab does (Mesh2DSurface::unavailableReason).
#include <QImage>
#include <QWidget>

#include "session/local_global_work.h"

class QLabel;

namespace lreg::views {

class LandscapeSurface : public QWidget {
  Q_OBJECT

 public:
  explicit LandscapeSurface(QWidget* parent = nullptr);
  ~LandscapeSurface() override;

  bool isAvailable() const { return graph_ != nullptr; }
  QString message() const;
  void setLandscape(const LocalGlobalLandscapePtr& landscape);
  // Rendered offscreen by OpenGL; returns an error message or empty.
  QString saveImage(const QString& path, QSize size = QSize(1200, 900)) const;

 private:
  struct Graph;
  Graph* graph_ = nullptr;
  QLabel* message_ = nullptr;
};

}  // namespace lreg::views
