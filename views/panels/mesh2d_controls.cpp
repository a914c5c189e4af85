#include "panels/mesh2d_controls.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include "lreg/data/generators.h"

namespace lreg::views {

namespace {

constexpr int kCsvRole = Qt::UserRole + 1;  // item data: the file path of a CSV entry
const QString kOpenCsv = QStringLiteral("open-csv");

QComboBox* enumCombo(std::initializer_list<std::pair<int, QString>> items, const QString& tip) {
  auto* box = new QComboBox;
  for (const auto& [value, text] : items) box->addItem(text, value);
  box->setToolTip(tip);
  return box;
}

template <typename Enum>
void setComboValue(QComboBox* box, Enum value) {
  box->setCurrentIndex(std::max(0, box->findData(static_cast<int>(value))));
}

QSpinBox* spin(int lo, int hi, int value, const QString& tip) {
  auto* box = new QSpinBox;
  box->setRange(lo, hi);
  box->setValue(value);
  box->setToolTip(tip);
  box->setKeyboardTracking(false);  // typing "144" must not refit at 1 and 14 on the way
  return box;
}

}  // namespace

Mesh2DControls::Mesh2DControls(QWidget* parent) : QWidget(parent) {
  const Mrc2DOptions defaults;
  dataset_ = new QComboBox;
  for (const GeneratorInfo& g : generators()) {
    if (g.inputs != 2) continue;
    dataset_->addItem(QString::fromStdString(g.name), QString::fromStdString(g.name));
    dataset_->setItemData(dataset_->count() - 1, QString::fromStdString(g.description), Qt::ToolTipRole);
  }
  dataset_->addItem(QStringLiteral("sdf"), QStringLiteral("sdf"));
  dataset_->setItemData(dataset_->count() - 1, tr("Barbu's SDF decoder image (232 x 315 pixels, 80/20 split)"),
                        Qt::ToolTipRole);
  dataset_->insertSeparator(dataset_->count());
  dataset_->addItem(tr("Open CSV..."), kOpenCsv);
  last_dataset_index_ = std::max(0, dataset_->findData(QStringLiteral("sin-inv-2d")));
  dataset_->setCurrentIndex(last_dataset_index_);
  seed_ = spin(1, 1000000, 1, tr("Seed of the generated data (or of the train/test split) and of the fit"));
  dof_ = spin(4, 100000, defaults.dof, tr("Vertices kept after each step (degrees of freedom), the 4 corners included"));
  topk_ = spin(1, 10000, defaults.topk, tr("Triangles refined per step"));
  epochs_ = spin(1, 100000, defaults.epochs, tr("Steps that Play runs"));
  indicator_ = enumCombo({{static_cast<int>(RefineIndicator::Count), tr("top-k loss count")},
                          {static_cast<int>(RefineIndicator::AbsResidual), tr("|residual| sum")}},
                         tr("How triangles are ranked for refinement: top-k loss count is the paper's TrainPhase,\n"
                            "|residual| sum adds up the absolute residuals of each triangle's samples"));
  insert_ = enumCombo({{static_cast<int>(InsertAt::LongestEdgeMidpoint), tr("longest-edge midpoint")},
                       {static_cast<int>(InsertAt::Centroid), tr("centroid")}},
                      tr("Where a refined triangle gets its new vertex"));
  refit_ = enumCombo({{static_cast<int>(RefitMethod::LeastSquares), tr("least squares")},
                      {static_cast<int>(RefitMethod::Adam), tr("Adam")}},
                     tr("How the coefficients are refitted after each mesh change"));
  setComboValue(indicator_, defaults.indicator);
  setComboValue(insert_, defaults.insert);
  setComboValue(refit_, defaults.refit);

  auto* dataBox = new QGroupBox(tr("Data"));
  auto* dataForm = new QFormLayout(dataBox);
  dataForm->addRow(tr("Data set"), dataset_);
  dataForm->addRow(tr("Seed"), seed_);
  description_ = new QLabel;
  description_->setWordWrap(true);
  description_->setStyleSheet(QStringLiteral("color: #666;"));
  dataForm->addRow(description_);

  auto* mrcBox = new QGroupBox(tr("Mesh refinement-coarsening"));
  auto* mrcForm = new QFormLayout(mrcBox);
  mrcForm->addRow(tr("DoF"), dof_);
  mrcForm->addRow(tr("Top-k"), topk_);
  mrcForm->addRow(tr("Steps"), epochs_);
  mrcForm->addRow(tr("Indicator"), indicator_);
  mrcForm->addRow(tr("Insert at"), insert_);
  mrcForm->addRow(tr("Refit"), refit_);

  auto* runBox = new QGroupBox(tr("Run"));
  auto* runLayout = new QVBoxLayout(runBox);
  auto* buttons = new QHBoxLayout;
  play_ = new QPushButton(tr("Play"));
  auto* step = new QPushButton(tr("Step"));
  auto* reset = new QPushButton(tr("Reset"));
  play_->setToolTip(tr("Play / pause (Space)"));
  step->setToolTip(tr("One MRC step (Right arrow or N)"));
  reset->setToolTip(tr("Back to the initial fit (R)"));
  for (QPushButton* b : {play_, step, reset}) {
    b->setFocusPolicy(Qt::TabFocus);  // Space belongs to play/pause, not the focused button
    buttons->addWidget(b);
  }
  runLayout->addLayout(buttons);
  auto* speedRow = new QHBoxLayout;
  speed_ = new QSlider(Qt::Horizontal);
  speed_->setRange(1, 30);
  speed_->setValue(4);
  speed_->setToolTip(tr("Steps per second while playing"));
  speed_label_ = new QLabel;
  speed_label_->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("30 steps/s")));
  speedRow->addWidget(new QLabel(tr("Speed")));
  speedRow->addWidget(speed_, 1);
  speedRow->addWidget(speed_label_);
  runLayout->addLayout(speedRow);

  error_ = new QLabel;
  error_->setWordWrap(true);
  error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  error_->setStyleSheet(QStringLiteral(
      "QLabel { color: #8b1a1a; background: #fdecea; border: 1px solid #f5c2c0; border-radius: 3px; padding: 6px; }"));
  error_->hide();

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(dataBox);
  layout->addWidget(mrcBox);
  layout->addWidget(runBox);
  layout->addWidget(error_);

  debounce_.setSingleShot(true);
  debounce_.setInterval(250);
  connect(&debounce_, &QTimer::timeout, this, &Mesh2DControls::setupEdited);
  auto edited = [this] {
    if (!quiet_) debounce_.start();
  };
  for (QSpinBox* s : {seed_, dof_, topk_, epochs_}) connect(s, &QSpinBox::valueChanged, this, edited);
  for (QComboBox* c : {indicator_, insert_, refit_}) connect(c, &QComboBox::currentIndexChanged, this, edited);
  connect(dataset_, &QComboBox::activated, this, &Mesh2DControls::datasetActivated);
  connect(play_, &QPushButton::clicked, this, &Mesh2DControls::playToggled);
  connect(step, &QPushButton::clicked, this, &Mesh2DControls::stepRequested);
  connect(reset, &QPushButton::clicked, this, &Mesh2DControls::resetRequested);
  connect(speed_, &QSlider::valueChanged, this, [this](int v) {
    speed_label_->setText(tr("%1 steps/s").arg(v));
    Q_EMIT speedChanged(v);
  });
  speed_label_->setText(tr("%1 steps/s").arg(speed_->value()));
}

Mrc2DOptions Mesh2DControls::options() const {
  Mrc2DOptions o;
  o.dof = dof_->value();
  o.topk = topk_->value();
  o.epochs = epochs_->value();
  o.indicator = static_cast<RefineIndicator>(indicator_->currentData().toInt());
  o.insert = static_cast<InsertAt>(insert_->currentData().toInt());
  o.refit = static_cast<RefitMethod>(refit_->currentData().toInt());
  o.seed = static_cast<std::uint64_t>(seed_->value());
  return o;
}

Mesh2DSource Mesh2DControls::source() const {
  Mesh2DSource s;
  s.seed = static_cast<std::uint64_t>(seed_->value());
  const QString csv = dataset_->currentData(kCsvRole).toString();
  if (!csv.isEmpty()) {
    s.generator.clear();
    s.csv_path = csv.toStdString();
  } else {
    s.generator = dataset_->currentData().toString().toStdString();
  }
  return s;
}

void Mesh2DControls::setState(const Mesh2DSource& source, const Mrc2DOptions& o) {
  quiet_ = true;
  selectSource(source);
  seed_->setValue(static_cast<int>(o.seed));
  dof_->setValue(o.dof);
  topk_->setValue(o.topk);
  epochs_->setValue(o.epochs);
  setComboValue(indicator_, o.indicator);
  setComboValue(insert_, o.insert);
  setComboValue(refit_, o.refit);
  quiet_ = false;
  debounce_.stop();
}

void Mesh2DControls::selectSource(const Mesh2DSource& source) {
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

void Mesh2DControls::datasetActivated(int index) {
  if (dataset_->itemData(index).toString() != kOpenCsv) {
    last_dataset_index_ = index;
    const QString csv = dataset_->itemData(index, kCsvRole).toString();
    if (!csv.isEmpty()) Q_EMIT csvChosen(csv);
    else Q_EMIT setupEdited();
    return;
  }
  dataset_->setCurrentIndex(last_dataset_index_);  // until the file has loaded
  const QString path = QFileDialog::getOpenFileName(this, tr("Open a CSV data set (x1, x2, y)"), csv_dir_,
                                                    tr("CSV files (*.csv *.txt);;All files (*)"));
  if (path.isEmpty()) return;
  csv_dir_ = QFileInfo(path).absolutePath();
  Q_EMIT csvChosen(path);
}

double Mesh2DControls::stepsPerSecond() const { return speed_->value(); }

void Mesh2DControls::setStepsPerSecond(double stepsPerSecond) { speed_->setValue(qRound(stepsPerSecond)); }

void Mesh2DControls::setPlaying(bool playing) { play_->setText(playing ? tr("Pause") : tr("Play")); }

void Mesh2DControls::setDescription(const QString& text) { description_->setText(text); }

void Mesh2DControls::showError(const QString& message) {
  error_->setText(message);
  error_->setVisible(!message.isEmpty());
}

}  // namespace lreg::views
