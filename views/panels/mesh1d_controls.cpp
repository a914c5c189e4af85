#include "panels/mesh1d_controls.h"

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

template <typename Enum>
QComboBox* enumCombo(std::initializer_list<std::pair<Enum, QString>> items, const QString& tip) {
  auto* box = new QComboBox;
  for (const auto& [value, text] : items) box->addItem(text, static_cast<int>(value));
  box->setToolTip(tip);
  return box;
}

template <typename Enum>
Enum comboValue(const QComboBox* box) {
  return static_cast<Enum>(box->currentData().toInt());
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
  box->setKeyboardTracking(false);  // typing "128" must not refit at 1 and 12 on the way
  return box;
}

}  // namespace

Mesh1DControls::Mesh1DControls(QWidget* parent) : QWidget(parent) {
  const Mrc1DOptions defaults;
  dataset_ = new QComboBox;
  for (const GeneratorInfo& g : generators()) {
    if (g.inputs != 1 || g.outputs != 1) continue;
    dataset_->addItem(QString::fromStdString(g.name), QString::fromStdString(g.name));
    dataset_->setItemData(dataset_->count() - 1, QString::fromStdString(g.description), Qt::ToolTipRole);
  }
  dataset_->insertSeparator(dataset_->count());
  dataset_->addItem(tr("Open CSV..."), kOpenCsv);
  last_dataset_index_ = std::max(0, dataset_->findData(QStringLiteral("sin-inv")));
  dataset_->setCurrentIndex(last_dataset_index_);
  seed_ = spin(1, 1000000, 1, tr("Seed of the generated data (or of a file's train/test split) and of the fit"));
  dof_ = spin(3, 100000, defaults.dof, tr("Nodes kept after each step (degrees of freedom)"));
  topk_ = spin(1, 10000, defaults.topk, tr("Elements refined per step"));
  epochs_ = spin(1, 100000, defaults.epochs, tr("Steps that Play runs"));
  coarsen_ = enumCombo<CoarsenStrategy>(
      {{CoarsenStrategy::Equifreq, tr("equal frequency")}, {CoarsenStrategy::Remove, tr("remove cheapest")}},
      tr("equal frequency: nodes at equal steps of the (count + 1) / width density (the authors' code)\n"
         "remove cheapest: drop the nodes whose removal raises the loss least (the paper's text)"));
  indicator_ = enumCombo<RefineIndicator>(
      {{RefineIndicator::Count, tr("top-k loss count")},
       {RefineIndicator::AbsResidual, tr("|residual| sum")},
       {RefineIndicator::Curvature, tr("curvature (error mass)")}},
      tr("How elements are ranked for refinement (and, with equal-frequency coarsening, the density\n"
         "the nodes are placed by): top-k loss count is the paper's TrainPhase1D; curvature\n"
         "equidistributes the estimated P1 error"));
  refit_ = enumCombo<RefitMethod>({{RefitMethod::LeastSquares, tr("least squares")}, {RefitMethod::Adam, tr("Adam")}},
                                  tr("How the coefficients are refitted after each mesh change"));
  init_ = enumCombo<MeshInit>({{MeshInit::Uniform, tr("uniform")}, {MeshInit::Quantile, tr("quantile")}},
                              tr("Starting mesh"));
  setComboValue(coarsen_, defaults.coarsen);
  setComboValue(indicator_, defaults.indicator);
  setComboValue(refit_, defaults.refit);
  setComboValue(init_, defaults.init);

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
  mrcForm->addRow(tr("Coarsening"), coarsen_);
  mrcForm->addRow(tr("Indicator"), indicator_);
  mrcForm->addRow(tr("Refit"), refit_);
  mrcForm->addRow(tr("Initial mesh"), init_);

  auto* runBox = new QGroupBox(tr("Run"));
  auto* runLayout = new QVBoxLayout(runBox);
  auto* buttons = new QHBoxLayout;
  play_ = new QPushButton(tr("Play"));
  step_ = new QPushButton(tr("Step"));
  reset_ = new QPushButton(tr("Reset"));
  play_->setToolTip(tr("Play / pause (Space)"));
  step_->setToolTip(tr("One MRC step (Right arrow or N)"));
  reset_->setToolTip(tr("Back to the initial fit (R)"));
  for (QPushButton* b : {play_, step_, reset_}) {
    b->setFocusPolicy(Qt::TabFocus);  // Space belongs to play/pause, not the focused button
    buttons->addWidget(b);
  }
  runLayout->addLayout(buttons);
  auto* speedRow = new QHBoxLayout;
  speed_ = new QSlider(Qt::Horizontal);
  speed_->setRange(1, 30);
  speed_->setValue(5);
  speed_->setToolTip(tr("Steps per second while playing"));
  speed_label_ = new QLabel;
  speed_label_->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("30 steps/s")));
  speedRow->addWidget(new QLabel(tr("Speed")));
  speedRow->addWidget(speed_, 1);
  speedRow->addWidget(speed_label_);
  runLayout->addLayout(speedRow);
  auto* keys = new QLabel(tr("Space play/pause · → or N step · R reset\nWheel zoom · drag pan · double-click fit"));
  keys->setStyleSheet(QStringLiteral("color: #777;"));
  runLayout->addWidget(keys);

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
  layout->addStretch(1);

  debounce_.setSingleShot(true);
  debounce_.setInterval(250);
  connect(&debounce_, &QTimer::timeout, this, &Mesh1DControls::setupEdited);
  auto edited = [this] {
    if (!quiet_) debounce_.start();
  };
  for (QSpinBox* s : {seed_, dof_, topk_, epochs_}) connect(s, &QSpinBox::valueChanged, this, edited);
  for (QComboBox* c : {coarsen_, indicator_, refit_, init_}) connect(c, &QComboBox::currentIndexChanged, this, edited);
  connect(dataset_, &QComboBox::activated, this, &Mesh1DControls::datasetActivated);
  connect(play_, &QPushButton::clicked, this, &Mesh1DControls::playToggled);
  connect(step_, &QPushButton::clicked, this, &Mesh1DControls::stepRequested);
  connect(reset_, &QPushButton::clicked, this, &Mesh1DControls::resetRequested);
  connect(speed_, &QSlider::valueChanged, this, [this](int v) {
    speed_label_->setText(tr("%1 steps/s").arg(v));
    Q_EMIT speedChanged(v);
  });
  speed_label_->setText(tr("%1 steps/s").arg(speed_->value()));
}

Mrc1DOptions Mesh1DControls::options() const {
  Mrc1DOptions o;
  o.dof = dof_->value();
  o.topk = topk_->value();
  o.epochs = epochs_->value();
  o.coarsen = comboValue<CoarsenStrategy>(coarsen_);
  o.indicator = comboValue<RefineIndicator>(indicator_);
  o.refit = comboValue<RefitMethod>(refit_);
  o.init = comboValue<MeshInit>(init_);
  o.seed = static_cast<std::uint64_t>(seed_->value());
  return o;
}

Mesh1DSource Mesh1DControls::source() const {
  Mesh1DSource s;
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

void Mesh1DControls::setState(const Mesh1DSource& source, const Mrc1DOptions& o) {
  quiet_ = true;
  selectSource(source);
  seed_->setValue(static_cast<int>(o.seed));
  dof_->setValue(o.dof);
  topk_->setValue(o.topk);
  epochs_->setValue(o.epochs);
  setComboValue(coarsen_, o.coarsen);
  setComboValue(indicator_, o.indicator);
  setComboValue(refit_, o.refit);
  setComboValue(init_, o.init);
  quiet_ = false;
  debounce_.stop();
}

void Mesh1DControls::selectSource(const Mesh1DSource& source) {
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

void Mesh1DControls::datasetActivated(int index) {
  if (dataset_->itemData(index).toString() != kOpenCsv) {
    last_dataset_index_ = index;
    const QString csv = dataset_->itemData(index, kCsvRole).toString();
    if (!csv.isEmpty()) Q_EMIT csvChosen(csv);
    else Q_EMIT setupEdited();
    return;
  }
  dataset_->setCurrentIndex(last_dataset_index_);  // until the file has loaded
  const QString path = QFileDialog::getOpenFileName(this, tr("Open a CSV data set (x, y)"), csv_dir_,
                                                    tr("CSV files (*.csv *.txt);;All files (*)"));
  if (path.isEmpty()) return;
  csv_dir_ = QFileInfo(path).absolutePath();
  Q_EMIT csvChosen(path);
}

double Mesh1DControls::stepsPerSecond() const { return speed_->value(); }

void Mesh1DControls::setStepsPerSecond(double stepsPerSecond) {
  speed_->setValue(qRound(stepsPerSecond));
}

void Mesh1DControls::setPlaying(bool playing) { play_->setText(playing ? tr("Pause") : tr("Play")); }

void Mesh1DControls::setDescription(const QString& text) { description_->setText(text); }

void Mesh1DControls::showError(const QString& message) {
  error_->setText(message);
  error_->setVisible(!message.isEmpty());
}

}  // namespace lreg::views
