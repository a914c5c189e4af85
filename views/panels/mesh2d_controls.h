#pragma once
// The control column of the Mesh 2D panel: the shared data, size and run rows plus the 2D MRC
// options (indicator, insertion point, refit).
#include "lreg/train/mrc_2d.h"
#include "panels/mesh_controls.h"
#include "session/mesh2d_session.h"

namespace lreg::views {

class Mesh2DControls : public MeshControls {
  Q_OBJECT

 public:
  explicit Mesh2DControls(QWidget* parent = nullptr);

  Mrc2DOptions options() const;
  Mesh2DSource source() const;  // the selected data set, with the seed box's seed
  // Shows the given state without emitting edit signals (e.g. after a failed setup).
  void setState(const Mesh2DSource& source, const Mrc2DOptions& options);

 private:
  QComboBox* indicator_ = nullptr;
  QComboBox* insert_ = nullptr;
  QComboBox* refit_ = nullptr;
};

}  // namespace lreg::views
