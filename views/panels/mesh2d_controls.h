#pragma once
// The control column of the Mesh 2D panel: data set, MRC options and the run buttons. It only
// reports what the user asked for; the panel decides what the session does with it.
#include <QTimer>
#include <QWidget>

#include "lreg/train/mrc_2d.h"
#include "session/mesh2d_session.h"

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;

namespace lreg::views {

class Mesh2DControls : public QWidget {
  Q_OBJECT

 public:
  explicit Mesh2DControls(QWidget* parent = nullptr);

  Mrc2DOptions options() const;
  Mesh2DSource source() const;  // the selected data set, with the seed box's seed
  // Shows the given state without emitting edit signals (e.g. after a failed setup).
  void setState(const Mesh2DSource& source, const Mrc2DOptions& options);

  double stepsPerSecond() const;
  void setStepsPerSecond(double stepsPerSecond);
  QString csvDirectory() const { return csv_dir_; }
  void setCsvDirectory(const QString& dir) { csv_dir_ = dir; }

  void setPlaying(bool playing);
  void setDescription(const QString& text);
  void showError(const QString& message);  // empty hides it

 Q_SIGNALS:
  void setupEdited();  // data set or an option changed (debounced)
  void csvChosen(const QString& path);
  void playToggled();
  void stepRequested();
  void resetRequested();
  void speedChanged(double stepsPerSecond);

 private:
  void datasetActivated(int index);
  void selectSource(const Mesh2DSource& source);

  QComboBox* dataset_ = nullptr;
  QSpinBox* seed_ = nullptr;
  QSpinBox* dof_ = nullptr;
  QSpinBox* topk_ = nullptr;
  QSpinBox* epochs_ = nullptr;
  QComboBox* indicator_ = nullptr;
  QComboBox* insert_ = nullptr;
  QComboBox* refit_ = nullptr;
  QPushButton* play_ = nullptr;
  QSlider* speed_ = nullptr;
  QLabel* speed_label_ = nullptr;
  QLabel* description_ = nullptr;
  QLabel* error_ = nullptr;
  QTimer debounce_;
  QString csv_dir_;
  int last_dataset_index_ = 0;
  bool quiet_ = false;  // set while the panel writes state into the widgets
};

}  // namespace lreg::views
