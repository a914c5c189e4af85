#pragma once
// The options of an experiment's run (lreg::ReproOptions) as a form: quick sizes, runs and
// splits (0: the experiment's default), the first seed, threads, a data file for the experiments
// that take one and the output folder (the run log and the report go there). Kept in QSettings.
#include <QSettings>
#include <QWidget>

#include "lreg/experiments/repro.h"

class QCheckBox;
class QLineEdit;
class QSpinBox;

namespace lreg::views {

class ExperimentsOptions : public QWidget {
  Q_OBJECT

 public:
  explicit ExperimentsOptions(QWidget* parent = nullptr);

  ReproOptions options() const;
  void setOptions(const ReproOptions& o);
  QString outputFolder() const;
  void setOutputFolder(const QString& dir);
  static QString defaultOutputFolder();  // ~/lreg-experiments

  void save(QSettings& s) const;
  void load(QSettings& s);

 Q_SIGNALS:
  void outputFolderChanged(const QString& dir);

 private:
  void browse(QLineEdit* edit, bool folder);

  QCheckBox* quick_;
  QSpinBox* runs_;
  QSpinBox* splits_;
  QSpinBox* seed_;
  QSpinBox* threads_;
  QLineEdit* data_;
  QLineEdit* out_;
  QString shown_out_;  // the folder outputFolderChanged() last announced
};

}  // namespace lreg::views
