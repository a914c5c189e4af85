#pragma once
// The per-component encoder meshes of a connection run as small multiples: one strip per
// component with its n nodes as ticks on [first, last node], the nodes of the update before drawn
// faint behind them so that the bins that moved stand out. A slider scrubs over the updates
// (edges.json: updates x components x nodes); following a live run shows the newest.
#include <QWidget>

#include "jobs/run_files.h"

class QSlider;
class QLabel;

namespace lreg::views {

class EncoderMeshesView : public QWidget {
  Q_OBJECT

 public:
  explicit EncoderMeshesView(QWidget* parent = nullptr);

  // Shows the meshes; the scrubber moves to the newest update when it was at the end.
  void setMeshes(const EncoderMeshes& meshes);
  int update() const;  // the update shown (-1: none)
  int updates() const { return int(meshes_.size()); }
  void showUpdate(int u);

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  EncoderMeshes meshes_;
  QSlider* scrubber_;
  QLabel* label_;
};

}  // namespace lreg::views
