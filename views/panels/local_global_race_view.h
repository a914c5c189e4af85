#pragma once
// The escape race of the "Local vs global" panel: one loss chart on a shared time axis (train MSE
// solid, test dashed): the MLP trained by Adam until its plateau, then MRC from the converted
// mesh continuing on the same clock, and MRC from scratch at the same DoF starting at 0. In 2D
// beside it the MLP's linear regions as the converted triangulation, and the mesh MRC moves
// from it (latest step).
#include <QWidget>

#include "session/local_global_work.h"

class QComboBox;
class QLabel;
class QPushButton;

namespace lreg::views {

class LossChart;
class P1MeshView;

class LocalGlobalRaceView : public QWidget {
  Q_OBJECT

 public:
  explicit LocalGlobalRaceView(QWidget* parent = nullptr);

  void setRace(const LocalGlobalRacePtr& race);
  void clear();
  LossChart* chart() const { return chart_; }
  P1MeshView* convertedView() const { return converted_; }
  P1MeshView* movedView() const { return moved_; }
  QString summary() const;  // the line under the chart
  // 0: training seconds, 1: seconds on a log axis, 2: steps (epochs, then MRC steps).
  void setXMode(int mode);
  int xMode() const;
  void setPlaying(bool playing);  // the play button's text
  int interval() const;           // ms between steps chosen in the pace box

 Q_SIGNALS:
  void playPauseRequested();
  void stepRequested();
  void intervalChanged(int millis);

 private:
  void replot();

  LossChart* chart_;
  QComboBox* x_mode_;
  QComboBox* pace_;
  QPushButton* play_;
  QPushButton* step_;
  P1MeshView* converted_;
  P1MeshView* moved_;
  QWidget* meshes_;
  QLabel* summary_;
  LocalGlobalRacePtr race_;
};

// The run names on the chart.
inline const char* kRaceMlp = "MLP (Adam)";
inline const char* kRaceConverted = "MRC from the MLP";
inline const char* kRaceScratch = "MRC from scratch";

}  // namespace lreg::views
