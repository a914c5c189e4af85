#pragma once
// Inspection of the Mesh 2D view's selection: for a vertex its basis function psi_i (the tent
// over its support, drawn as a small contour plot), its coefficient, its share of the training
// loss and the samples in its support; for a triangle its samples and their mean |residual|.
#include <QWidget>

#include "session/mesh2d_session.h"

class QLabel;

namespace lreg::views {

class TentView;

class Mesh2DInspector : public QWidget {
  Q_OBJECT

 public:
  explicit Mesh2DInspector(QWidget* parent = nullptr);

  // Shows vertex `vertex` or triangle `triangle` (at most one >= 0) of the frame's snapshot.
  void inspect(const Mesh2DFramePtr& frame, int vertex, int triangle, int output);
  QString text() const;  // the readout as plain text (tests)

 private:
  QLabel* text_ = nullptr;
  TentView* tent_ = nullptr;
};

}  // namespace lreg::views
