#pragma once
// The 2D fit as a 3D surface (Qt DataVisualization's Q3DSurface), sampled on the session's grid.
// Q3DSurface needs an OpenGL context: it renders under a real or virtual X server (xvfb-run), but
// crashes on platforms without one (QT_QPA_PLATFORM=offscreen). So the widget first tries to
// create a QOpenGLContext and, where that fails or the platform cannot show GL windows, shows a
// message that explains why there is no 3D view instead of the graph.
#include <QImage>
#include <QWidget>

#include "session/mesh2d_session.h"

class QLabel;
class QStackedLayout;

namespace lreg::views {

class Mesh2DSurface : public QWidget {
  Q_OBJECT

 public:
  explicit Mesh2DSurface(QWidget* parent = nullptr);
  ~Mesh2DSurface() override;

  // Empty when a 3D view can be created here, else the reason why not (for the message).
  static QString unavailableReason();
  bool isAvailable() const { return graph_ != nullptr; }
  QString message() const;  // the explanation shown instead of the graph (empty when available)

  void setFrame(Mesh2DFramePtr frame);
  void setOutput(int output);

  // The graph rendered offscreen by OpenGL (a window grab of it is blank); null if unavailable.
  QImage renderImage(QSize size = QSize(1200, 900)) const;
  // renderImage() saved as PNG; returns an error message or empty.
  QString saveImage(const QString& path, QSize size = QSize(1200, 900)) const;

 private:
  void rebuild();

  struct Graph;
  Graph* graph_ = nullptr;
  QLabel* message_ = nullptr;
  Mesh2DFramePtr frame_;
  int output_ = 0;
};

}  // namespace lreg::views
