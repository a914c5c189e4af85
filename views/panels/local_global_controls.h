#pragma once
// The left column of the "Local vs global" panel: data and net, the actions with their
// shortcuts, the progress of the job in flight and the list of keys (presentation mode is
// driven from the keyboard alone).
#include <QWidget>

#include "session/local_global_work.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace lreg::views {

class LocalGlobalControls : public QWidget {
  Q_OBJECT

 public:
  explicit LocalGlobalControls(QWidget* parent = nullptr);

  LocalGlobalOptions options() const;  // data, seed, hidden, layers, grid; the rest default
  void setOptions(const LocalGlobalOptions& o);
  void setBusy(bool busy);
  // ETA from the seconds so far (Adam's total is its cap: an upper bound).
  void setProgress(const QString& what, int step, int total, double seconds);
  void setError(const QString& message);
  static QString shortcutHelp();

 Q_SIGNALS:
  void trainRequested();
  void polishRequested();
  void stepRequested();
  void undoRequested();
  void raceRequested();
  void landscapeRequested();
  void cancelRequested();
  void presentationRequested();

 private:
  void chooseData(int index);

  QComboBox* data_;
  QSpinBox* seed_;
  QSpinBox* hidden_;
  QSpinBox* layers_;
  QSpinBox* grid_;
  QComboBox* plane_;
  QPushButton* cancel_;
  QProgressBar* progress_;
  QLabel* error_;
};

}  // namespace lreg::views
