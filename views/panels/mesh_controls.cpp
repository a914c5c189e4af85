#include "panels/mesh_controls.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QVBoxLayout>

namespace lreg::views {

namespace {

constexpr int kCsvRole = Qt::UserRole + 1;  // item data: the file path of a CSV entry
const QString kOpenCsv = QStringLiteral("open-csv");

QSpinBox* spin(int lo, int hi, int value, const QString& tip) {
  auto* box = new QSpinBox;
  box->setRange(lo, hi);
  box->setValue(value);
  box->setToolTip(tip);
  box->setKeyboardTracking(false);  // typing "128" must not refit at 1 and 12 on the way
  return box;
}

}  // namespace

MeshControls::MeshControls(const MeshControlsSpec& spec, QWidget* parent)
    : QWidget(parent), csv_title_(spec.csv_title) {
  dataset_ = new QComboBox;
  for (const auto& [name, tip] : spec.datasets) {
    dataset_->addItem(name, name);
    dataset_->setItemData(dataset_->count() - 1, tip, Qt::ToolTipRole);
  }
  dataset_->insertSeparator(dataset_->count());
  dataset_->addItem(tr("Open CSV..."), kOpenCsv);
  last_dataset_index_ = std::max(0, dataset_->findData(spec.initial_dataset));
  dataset_->setCurrentIndex(last_dataset_index_);
  seed_ = spin(1, 1000000, 1, spec.seed_tip);
  dof_ = spin(spec.min_dof, 100000, spec.dof, spec.dof_tip);
  topk_ = spin(1, 10000, spec.topk, spec.topk_tip);
  epochs_ = spin(1, 100000, spec.epochs, tr("Steps that Play runs"));

  auto* dataBox = new QGroupBox(tr("Data"));
  auto* dataForm = new QFormLayout(dataBox);
  dataForm->addRow(tr("Data set"), dataset_);
  dataForm->addRow(tr("Seed"), seed_);
  description_ = new QLabel;
  description_->setWordWrap(true);
  description_->setStyleSheet(QStringLiteral("color: #666;"));
  dataForm->addRow(description_);
  warnings_ = new DataWarningsLabel;
  dataForm->addRow(warnings_);

  auto* mrcBox = new QGroupBox(tr("Mesh refinement-coarsening"));
  mrc_form_ = new QFormLayout(mrcBox);
  mrc_form_->addRow(tr("DoF"), dof_);
  mrc_form_->addRow(tr("Top-k"), topk_);
  mrc_form_->addRow(tr("Steps"), epochs_);

  run_ = new RunControls(spec.steps_per_second);
  if (!spec.keys_hint.isEmpty()) run_->addHint(spec.keys_hint);

  error_ = new QLabel;
  error_->setWordWrap(true);
  error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  error_->setStyleSheet(
      QStringLiteral("QLabel { color: #8b1a1a; background: #fdecea; border: 1px solid #f5c2c0; "
                     "border-radius: 3px; padding: 6px; }"));
  error_->hide();

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(dataBox);
  layout->addWidget(mrcBox);
  layout->addWidget(run_);
  layout->addWidget(error_);
  if (spec.stretch) layout->addStretch(1);

  debounce_.setSingleShot(true);
  debounce_.setInterval(250);
  connect(&debounce_, &QTimer::timeout, this, &MeshControls::setupEdited);
  for (QSpinBox* s : {seed_, dof_, topk_, epochs_})
    connect(s, &QSpinBox::valueChanged, this, [this] {
      if (!quiet_) debounce_.start();
    });
  connect(dataset_, &QComboBox::activated, this, &MeshControls::datasetActivated);
}

void MeshControls::addOptionRow(const QString& label, QComboBox* box) {
  mrc_form_->addRow(label, box);
  // Tab goes through the rows as they read, not to this one after the Run group built before it.
  setTabOrder(mrc_form_->itemAt(mrc_form_->rowCount() - 2, QFormLayout::FieldRole)->widget(), box);
  connect(box, &QComboBox::currentIndexChanged, this, [this] {
    if (!quiet_) debounce_.start();
  });
}

void MeshControls::readSource(MeshSource& s) const {
  s.seed = static_cast<std::uint64_t>(seed_->value());
  const QString csv = dataset_->currentData(kCsvRole).toString();
  if (!csv.isEmpty()) {
    s.generator.clear();
    s.csv_path = csv.toStdString();
  } else {
    s.generator = dataset_->currentData().toString().toStdString();
  }
}

void MeshControls::selectSource(const MeshSource& source) {
  int index = -1;
  if (source.isCsv()) {
    const QString path = QString::fromStdString(source.csv_path);
    index = dataset_->findData(path, kCsvRole);
    if (index < 0) {  // the newest file goes just below the separator
      index = dataset_->count() - 1;
      dataset_->insertItem(index, QFileInfo(path).fileName(), QString());
      dataset_->setItemData(index, path, kCsvRole);
      dataset_->setItemData(index, path, Qt::ToolTipRole);
    }
  } else {
    index = dataset_->findData(QString::fromStdString(source.generator));
  }
  if (index >= 0) {
    dataset_->setCurrentIndex(index);
    last_dataset_index_ = index;
  }
}

void MeshControls::datasetActivated(int index) {
  if (dataset_->itemData(index).toString() != kOpenCsv) {
    last_dataset_index_ = index;
    const QString csv = dataset_->itemData(index, kCsvRole).toString();
    if (!csv.isEmpty())
      Q_EMIT csvChosen(csv);
    else
      Q_EMIT setupEdited();
    return;
  }
  dataset_->setCurrentIndex(last_dataset_index_);  // until the file has loaded
  const QString path = QFileDialog::getOpenFileName(this, csv_title_, csv_dir_,
                                                    tr("CSV files (*.csv *.txt);;All files (*)"));
  if (path.isEmpty()) return;
  csv_dir_ = QFileInfo(path).absolutePath();
  Q_EMIT csvChosen(path);
}

void MeshControls::setDescription(const QString& text) { description_->setText(text); }

void MeshControls::showWarnings(const std::vector<std::string>& warnings) {
  warnings_->setWarnings(warnings);
}

void MeshControls::showError(const QString& message) {
  error_->setText(message);
  error_->setVisible(!message.isEmpty());
}

}  // namespace lreg::views
