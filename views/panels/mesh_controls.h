#pragma once
// The control column shared by the Mesh 1D and Mesh 2D panels: the data set (built-in sets and
// CSV files) with its seed, the MRC sizes (DoF, top-k, steps), the Run group and an error box.
// A subclass adds its option rows and maps the widgets to its MRC options struct. It only
// reports what the user asked for; the panel decides what the session does with it.
#include <QComboBox>
#include <QSpinBox>
#include <QTimer>
#include <QWidget>
#include <utility>
#include <vector>

#include "panels/data_warnings.h"
#include "panels/run_controls.h"
#include "session/mesh_source.h"

class QFormLayout;
class QLabel;

namespace lreg::views {

// What differs between the dimensions.
struct MeshControlsSpec {
  std::vector<std::pair<QString, QString>> datasets;  // built-in sets: name, tool tip
  QString initial_dataset;
  QString seed_tip;
  int min_dof = 3, dof = 0, topk = 0, epochs = 0;  // DoF bound; the options' defaults
  QString dof_tip, topk_tip;
  QString csv_title;  // the title of the Open CSV dialog
  int steps_per_second = 5;
  QString keys_hint;     // shown under the speed when not empty
  bool stretch = false;  // the column ends with a stretch (nothing below it in the panel)
};

class MeshControls : public QWidget {
  Q_OBJECT

 public:
  RunControls* run() const { return run_; }
  QString csvDirectory() const { return csv_dir_; }
  void setCsvDirectory(const QString& dir) { csv_dir_ = dir; }
  void setDescription(const QString& text);
  void showError(const QString& message);                       // empty hides it
  void showWarnings(const std::vector<std::string>& warnings);  // beside the data picker

 Q_SIGNALS:
  void setupEdited();  // data set or an option changed (debounced)
  void csvChosen(const QString& path);

 protected:
  explicit MeshControls(const MeshControlsSpec& spec, QWidget* parent = nullptr);

  // A row under the MRC sizes; a change of it is a setup edit.
  void addOptionRow(const QString& label, QComboBox* box);
  template <typename Enum>
  static QComboBox* enumCombo(std::initializer_list<std::pair<Enum, QString>> items,
                              const QString& tip) {
    auto* box = new QComboBox;
    for (const auto& [value, text] : items) box->addItem(text, static_cast<int>(value));
    box->setToolTip(tip);
    return box;
  }
  template <typename Enum>
  static Enum comboValue(const QComboBox* box) {
    return static_cast<Enum>(box->currentData().toInt());
  }
  template <typename Enum>
  static void setComboValue(QComboBox* box, Enum value) {
    box->setCurrentIndex(std::max(0, box->findData(static_cast<int>(value))));
  }

  // The selected data set, with the seed box's seed.
  void readSource(MeshSource& source) const;
  // The part of the MRC options that both dimensions have.
  template <typename Options>
  void readSizes(Options& o) const {
    o.dof = dof_->value();
    o.topk = topk_->value();
    o.epochs = epochs_->value();
    o.seed = static_cast<std::uint64_t>(seed_->value());
  }
  // Shows source and o without emitting setupEdited; setRest writes the subclass's rows.
  template <typename Options, typename SetRest>
  void showState(const MeshSource& source, const Options& o, SetRest setRest) {
    quiet_ = true;
    selectSource(source);
    seed_->setValue(static_cast<int>(o.seed));
    dof_->setValue(o.dof);
    topk_->setValue(o.topk);
    epochs_->setValue(o.epochs);
    setRest();
    quiet_ = false;
    debounce_.stop();
  }

 private:
  void datasetActivated(int index);
  void selectSource(const MeshSource& source);

  QString csv_title_;
  QComboBox* dataset_ = nullptr;
  QSpinBox* seed_ = nullptr;
  QSpinBox* dof_ = nullptr;
  QSpinBox* topk_ = nullptr;
  QSpinBox* epochs_ = nullptr;
  QFormLayout* mrc_form_ = nullptr;
  RunControls* run_ = nullptr;
  QLabel* description_ = nullptr;
  QLabel* error_ = nullptr;
  DataWarningsLabel* warnings_ = nullptr;
  QTimer debounce_;
  QString csv_dir_;
  int last_dataset_index_ = 0;
  bool quiet_ = false;  // set while the panel writes state into the widgets
};

}  // namespace lreg::views
