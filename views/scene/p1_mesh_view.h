#pragma once
// A P1 function on a triangulation (lreg/models/mlp_to_lreg_2d.h), drawn flat: each triangle
// filled by its mean vertex value on a sequential colour scale, the edges in thin dark lines.
// Read-only: the race draws the MLP's linear regions (the converted triangulation) and the mesh
// MRC moves from it.
#include <QString>
#include <QWidget>

#include "lreg/models/mlp_to_lreg_2d.h"

namespace lreg::views {

class P1MeshView : public QWidget {
  Q_OBJECT

 public:
  explicit P1MeshView(QWidget* parent = nullptr);

  void setMesh(const P1Mesh2D& mesh, const QString& title);
  void clear();
  int triangleCount() const { return static_cast<int>(mesh_.triangles.rows()); }
  QSize sizeHint() const override { return {360, 340}; }

 protected:
  void paintEvent(QPaintEvent*) override;

 private:
  P1Mesh2D mesh_;
  QString title_;
};

}  // namespace lreg::views
