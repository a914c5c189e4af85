#pragma once
// The control column of the ANMIN panel: data set (SDF decoder, abalone, sim with d and N, a
// CSV file), the network, the methods to race with their key options, and start / cancel. It
// only reports what the user asked for; the panel decides what the sessions do with it.
#include <QWidget>

#include "panels/data_warnings.h"
#include "session/race_session.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSettings;
class QSpinBox;

namespace lreg::views {

class RaceControls : public QWidget {
  Q_OBJECT

 public:
  explicit RaceControls(QWidget* parent = nullptr);

  RaceSetup setup() const;
  void setSetup(const RaceSetup& setup);

  void setRunning(bool running);
  void setDescription(const QString& text);
  void showError(const QString& message);                       // empty hides it
  void showWarnings(const std::vector<std::string>& warnings);  // beside the data picker
  QPushButton* startButton() const { return start_; }

  void saveSettings(QSettings& s) const;
  void loadSettings(QSettings& s);

 Q_SIGNALS:
  void startRequested();
  void cancelRequested();

 private:
  struct MethodBox {
    QGroupBox* box = nullptr;
    QSpinBox* steps = nullptr;  // iterations or epochs
    QDoubleSpinBox* lr = nullptr;
    QSpinBox* batch = nullptr;
    QDoubleSpinBox* lambda = nullptr;
  };
  MethodBox addMethod(const QString& title, const QString& stepsLabel, bool lr, bool lambda);
  void updateDataWidgets();
  void browseCsv();

  QComboBox* dataset_ = nullptr;
  QSpinBox* dim_ = nullptr;
  QSpinBox* n_ = nullptr;
  QLineEdit* csv_ = nullptr;
  QPushButton* browse_ = nullptr;
  QSpinBox* targets_ = nullptr;
  QWidget* sim_row_ = nullptr;
  QWidget* csv_row_ = nullptr;
  QSpinBox* seed_ = nullptr;
  QSpinBox* hidden_ = nullptr;
  QDoubleSpinBox* alpha_ = nullptr;
  MethodBox anmin_, adam_, sgd_, lbfgs_;
  QCheckBox* one_at_a_time_ = nullptr;
  QPushButton* start_ = nullptr;
  QPushButton* cancel_ = nullptr;
  QLabel* description_ = nullptr;
  QLabel* error_ = nullptr;
  DataWarningsLabel* warnings_ = nullptr;
  QString csv_dir_;
};

}  // namespace lreg::views
