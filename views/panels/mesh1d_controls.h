#pragma once
// The control column of the Mesh 1D panel: the shared data, size and run rows plus the 1D MRC
// options (coarsening, indicator, refit, initial mesh).
#include "lreg/train/mrc_1d.h"
#include "panels/mesh_controls.h"
#include "session/mesh1d_session.h"

namespace lreg::views {

class Mesh1DControls : public MeshControls {
  Q_OBJECT

 public:
  explicit Mesh1DControls(QWidget* parent = nullptr);

  Mrc1DOptions options() const;
  Mesh1DSource source() const;  // the selected data set, with the seed box's seed
  // Shows the given state without emitting edit signals (e.g. after a failed setup).
  void setState(const Mesh1DSource& source, const Mrc1DOptions& options);

 private:
  QComboBox* coarsen_ = nullptr;
  QComboBox* indicator_ = nullptr;
  QComboBox* refit_ = nullptr;
  QComboBox* init_ = nullptr;
};

}  // namespace lreg::views
