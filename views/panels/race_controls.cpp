#include "panels/race_controls.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

#include "lreg/train/method_registry.h"

namespace lreg::views {

namespace {

QSpinBox* spin(int lo, int hi, int value, int step = 1) {
  auto* s = new QSpinBox;
  s->setRange(lo, hi);
  s->setValue(value);
  s->setSingleStep(step);
  s->setGroupSeparatorShown(true);
  return s;
}

QDoubleSpinBox* dspin(double lo, double hi, double value, int decimals, double step) {
  auto* s = new QDoubleSpinBox;
  s->setRange(lo, hi);
  s->setDecimals(decimals);
  s->setSingleStep(step);
  s->setValue(value);
  return s;
}

QFormLayout* form(QWidget* parent) {
  auto* f = new QFormLayout(parent);
  f->setContentsMargins(8, 4, 8, 6);
  f->setVerticalSpacing(4);
  f->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  return f;
}

const RaceSource::Kind kKinds[] = {RaceSource::Kind::Sdf, RaceSource::Kind::Abalone,
                                   RaceSource::Kind::Sim, RaceSource::Kind::Csv};
const char* const kKindNames[] = {"sdf", "abalone", "sim", "csv"};

}  // namespace

RaceControls::RaceControls(QWidget* parent) : QWidget(parent) {
  auto* data = new QGroupBox(tr("Data"));
  auto* df = form(data);
  dataset_ = new QComboBox;
  dataset_->addItems({tr("SDF decoder (232 × 315 image)"), tr("Abalone (UCI, 7 inputs)"),
                      tr("Simulation y = sin(‖x‖²)"), tr("CSV file")});
  df->addRow(tr("Data set"), dataset_);
  sim_row_ = new QWidget;
  auto* sim = new QHBoxLayout(sim_row_);
  sim->setContentsMargins(0, 0, 0, 0);
  dim_ = spin(1, 1000, 3);
  n_ = spin(50, 2000000, 2000, 1000);
  dim_->setToolTip(tr("Input dimension d; x ~ N(0, I_d)"));
  n_->setToolTip(tr("Training rows; a quarter as many test rows are drawn"));
  sim->addWidget(new QLabel(tr("d")));
  sim->addWidget(dim_);
  sim->addWidget(new QLabel(tr("N")));
  sim->addWidget(n_, 1);
  df->addRow(sim_row_);
  csv_row_ = new QWidget;
  auto* csv = new QGridLayout(csv_row_);
  csv->setContentsMargins(0, 0, 0, 0);
  csv_ = new QLineEdit;
  csv_->setPlaceholderText(tr("path/to/data.csv"));
  browse_ = new QPushButton(tr("Browse…"));
  targets_ = spin(1, 64, 1);
  targets_->setToolTip(tr("The last columns of the file are the targets"));
  csv->addWidget(csv_, 0, 0, 1, 2);
  csv->addWidget(browse_, 0, 2);
  csv->addWidget(new QLabel(tr("target columns")), 1, 0);
  csv->addWidget(targets_, 1, 1, 1, 2);
  df->addRow(csv_row_);
  seed_ = spin(0, 1000000000, 1);
  seed_->setToolTip(tr("Seed of the 80/20 split and of every method's initialisation"));
  df->addRow(tr("Seed"), seed_);

  auto* net = new QGroupBox(tr("Network f(x) = σ((1, xᵀ) A) B + b₀"));
  auto* nf = form(net);
  // Ranges and defaults of the shared net options come from the method registry.
  const MethodSpec& anmin = method("anmin");
  const OptionSpec& h = *anmin.option("hidden");
  const OptionSpec& a = *anmin.option("alpha");
  hidden_ = spin(static_cast<int>(h.lo), std::min(4096, static_cast<int>(h.hi)),
                 h.default_value.get<int>());
  hidden_->setToolTip(QString::fromStdString(h.help));
  alpha_ = dspin(a.lo, a.hi, a.default_value.get<double>(), 2, 0.05);
  alpha_->setToolTip(QString::fromStdString(a.help));
  nf->addRow(tr("Hidden units h"), hidden_);
  nf->addRow(tr("Leaky slope α"), alpha_);

  anmin_ = addMethod(tr("ANMIN (analytic)"), tr("Iterations"), false, true);
  adam_ = addMethod(tr("Adam"), tr("Epochs"), true, false);
  sgd_ = addMethod(tr("SGD (momentum 0.9)"), tr("Epochs"), true, false);
  lbfgs_ = addMethod(tr("L-BFGS (keep best)"), tr("Iterations"), false, false);
  anmin_.steps->setValue(30);
  anmin_.lambda->setValue(1e-3);
  adam_.steps->setValue(300);
  adam_.lr->setValue(0.03);
  adam_.box->setToolTip(tr("Rate divided by 10 every 100 epochs, as in Barbu (2023)"));
  sgd_.steps->setValue(300);
  sgd_.lr->setValue(0.001);
  sgd_.box->setChecked(false);
  lbfgs_.steps->setValue(60);
  lbfgs_.box->setChecked(false);
  lbfgs_.box->setToolTip(tr("Each iteration is 20 quasi-Newton updates with Armijo line search"));

  one_at_a_time_ = new QCheckBox(tr("One method at a time"));
  one_at_a_time_->setToolTip(
      tr("Each method still has its own worker, but the next starts when one ends,\n"
         "so that the timings are not shared CPU time."));
  start_ = new QPushButton(tr("Start race"));
  start_->setToolTip(tr("Ctrl+Return"));
  start_->setDefault(true);
  cancel_ = new QPushButton(tr("Cancel"));
  cancel_->setToolTip(tr("Esc — the runs stop after their current step and keep their curves"));
  cancel_->setEnabled(false);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(start_, 1);
  buttons->addWidget(cancel_);

  description_ = new QLabel;
  description_->setWordWrap(true);
  description_->setStyleSheet(QStringLiteral("color: #555;"));
  error_ = new QLabel;
  error_->setWordWrap(true);
  error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  error_->setStyleSheet(
      QStringLiteral("QLabel { color: #b00020; background: #fdecee; padding: 4px; }"));
  error_->hide();
  warnings_ = new DataWarningsLabel;

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(6);
  layout->addWidget(data);
  layout->addWidget(net);
  for (const MethodBox* m : {&anmin_, &adam_, &sgd_, &lbfgs_}) layout->addWidget(m->box);
  layout->addWidget(one_at_a_time_);
  layout->addLayout(buttons);
  layout->addWidget(error_);
  layout->addWidget(description_);
  layout->addWidget(warnings_);
  layout->addStretch(1);
  // In a short window the column scrolls; its groups keep their height instead of being squeezed.
  for (QGroupBox* box : findChildren<QGroupBox*>())
    box->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);

  connect(dataset_, &QComboBox::currentIndexChanged, this, &RaceControls::updateDataWidgets);
  connect(browse_, &QPushButton::clicked, this, &RaceControls::browseCsv);
  connect(start_, &QPushButton::clicked, this, &RaceControls::startRequested);
  connect(cancel_, &QPushButton::clicked, this, &RaceControls::cancelRequested);
  updateDataWidgets();
}

RaceControls::MethodBox RaceControls::addMethod(const QString& title, const QString& stepsLabel,
                                                bool lr, bool lambda) {
  MethodBox m;
  m.box = new QGroupBox(title);
  m.box->setCheckable(true);
  auto* f = form(m.box);
  m.steps = spin(1, 100000, 30);
  f->addRow(stepsLabel, m.steps);
  if (lr) {
    m.lr = dspin(1e-6, 10, 0.01, 6, 0.001);
    m.batch = spin(1, 10000000, 256, 64);
    auto* row = new QHBoxLayout;
    row->addWidget(m.lr, 1);
    row->addWidget(new QLabel(tr("batch")));
    row->addWidget(m.batch, 1);
    f->addRow(tr("Rate"), row);
  }
  if (lambda) {
    m.lambda = dspin(0, 100, 1e-3, 6, 1e-4);
    m.lambda->setToolTip(tr("Ridge λ of eq. 1, both layers"));
    f->addRow(tr("λ"), m.lambda);
  }
  return m;
}

void RaceControls::updateDataWidgets() {
  const RaceSource::Kind kind = kKinds[std::max(0, dataset_->currentIndex())];
  sim_row_->setVisible(kind == RaceSource::Kind::Sim);
  csv_row_->setVisible(kind == RaceSource::Kind::Csv);
}

void RaceControls::browseCsv() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open CSV"), csv_dir_,
                                                    tr("CSV files (*.csv *.txt);;All files (*)"));
  if (path.isEmpty()) return;
  csv_dir_ = QFileInfo(path).absolutePath();
  csv_->setText(path);
}

RaceSetup RaceControls::setup() const {
  RaceSetup s;
  s.source.kind = kKinds[std::max(0, dataset_->currentIndex())];
  s.source.dim = dim_->value();
  s.source.n = n_->value();
  s.source.csv_path = csv_->text().trimmed().toStdString();
  s.source.target_columns = targets_->value();
  s.source.seed = static_cast<std::uint64_t>(seed_->value());
  NetOptions net;
  net.hidden = hidden_->value();
  net.alpha = alpha_->value();
  net.seed = s.source.seed;
  s.config.setCommon(net);
  s.config.anmin.iters = anmin_.steps->value();
  s.config.anmin.lambda = anmin_.lambda->value();
  s.config.adam.mb.epochs = adam_.steps->value();
  s.config.adam.mb.lr = adam_.lr->value();
  s.config.adam.mb.batch = adam_.batch->value();
  s.config.sgd.mb.epochs = sgd_.steps->value();
  s.config.sgd.mb.lr = sgd_.lr->value();
  s.config.sgd.mb.batch = sgd_.batch->value();
  s.config.lbfgs.iters = lbfgs_.steps->value();
  s.methods.clear();
  const std::pair<const MethodBox*, const char*> boxes[] = {
      {&anmin_, "anmin"}, {&adam_, "adam"}, {&sgd_, "sgd"}, {&lbfgs_, "lbfgs"}};
  for (const auto& [box, name] : boxes)
    if (box->box->isChecked()) s.methods.emplace_back(name);
  s.one_at_a_time = one_at_a_time_->isChecked();
  return s;
}

void RaceControls::setSetup(const RaceSetup& s) {
  for (int i = 0; i < 4; ++i)
    if (kKinds[i] == s.source.kind) dataset_->setCurrentIndex(i);
  dim_->setValue(s.source.dim);
  n_->setValue(s.source.n);
  csv_->setText(QString::fromStdString(s.source.csv_path));
  targets_->setValue(s.source.target_columns);
  seed_->setValue(static_cast<int>(s.source.seed));
  hidden_->setValue(s.config.anmin.net.hidden);
  alpha_->setValue(s.config.anmin.net.alpha);
  anmin_.steps->setValue(s.config.anmin.iters);
  anmin_.lambda->setValue(s.config.anmin.lambda);
  adam_.steps->setValue(s.config.adam.mb.epochs);
  adam_.lr->setValue(s.config.adam.mb.lr);
  adam_.batch->setValue(s.config.adam.mb.batch);
  sgd_.steps->setValue(s.config.sgd.mb.epochs);
  sgd_.lr->setValue(s.config.sgd.mb.lr);
  sgd_.batch->setValue(s.config.sgd.mb.batch);
  lbfgs_.steps->setValue(s.config.lbfgs.iters);
  const auto has = [&s](const char* m) {
    return std::find(s.methods.begin(), s.methods.end(), m) != s.methods.end();
  };
  anmin_.box->setChecked(has("anmin"));
  adam_.box->setChecked(has("adam"));
  sgd_.box->setChecked(has("sgd"));
  lbfgs_.box->setChecked(has("lbfgs"));
  one_at_a_time_->setChecked(s.one_at_a_time);
}

void RaceControls::setRunning(bool running) {
  cancel_->setEnabled(running);
  start_->setText(running ? tr("Restart race") : tr("Start race"));
}

void RaceControls::setDescription(const QString& text) { description_->setText(text); }

void RaceControls::showWarnings(const std::vector<std::string>& warnings) {
  warnings_->setWarnings(warnings);
}

void RaceControls::showError(const QString& message) {
  error_->setText(message);
  error_->setVisible(!message.isEmpty());
}

void RaceControls::saveSettings(QSettings& st) const {
  const RaceSetup s = setup();
  st.setValue(QStringLiteral("dataset"),
              QLatin1String(kKindNames[std::max(0, dataset_->currentIndex())]));
  st.setValue(QStringLiteral("simDim"), s.source.dim);
  st.setValue(QStringLiteral("simN"), s.source.n);
  st.setValue(QStringLiteral("csv"), csv_->text());
  st.setValue(QStringLiteral("csvDirectory"), csv_dir_);
  st.setValue(QStringLiteral("targetColumns"), s.source.target_columns);
  st.setValue(QStringLiteral("seed"), static_cast<qulonglong>(s.source.seed));
  st.setValue(QStringLiteral("hidden"), hidden_->value());
  st.setValue(QStringLiteral("alpha"), alpha_->value());
  QStringList methods;
  for (const std::string& m : s.methods) methods << QString::fromStdString(m);
  st.setValue(QStringLiteral("methods"), methods);
  st.setValue(QStringLiteral("anminIters"), s.config.anmin.iters);
  st.setValue(QStringLiteral("anminLambda"), s.config.anmin.lambda);
  st.setValue(QStringLiteral("adamEpochs"), s.config.adam.mb.epochs);
  st.setValue(QStringLiteral("adamLr"), s.config.adam.mb.lr);
  st.setValue(QStringLiteral("adamBatch"), s.config.adam.mb.batch);
  st.setValue(QStringLiteral("sgdEpochs"), s.config.sgd.mb.epochs);
  st.setValue(QStringLiteral("sgdLr"), s.config.sgd.mb.lr);
  st.setValue(QStringLiteral("sgdBatch"), s.config.sgd.mb.batch);
  st.setValue(QStringLiteral("lbfgsIters"), s.config.lbfgs.iters);
  st.setValue(QStringLiteral("oneAtATime"), s.one_at_a_time);
}

void RaceControls::loadSettings(QSettings& st) {
  RaceSetup s = setup();  // the widgets' defaults stand for missing keys
  const QString kind = st.value(QStringLiteral("dataset"), QStringLiteral("sdf")).toString();
  for (int i = 0; i < 4; ++i)
    if (kind == QLatin1String(kKindNames[i])) s.source.kind = kKinds[i];
  s.source.dim = st.value(QStringLiteral("simDim"), s.source.dim).toInt();
  s.source.n = st.value(QStringLiteral("simN"), s.source.n).toInt();
  s.source.csv_path = st.value(QStringLiteral("csv")).toString().toStdString();
  csv_dir_ = st.value(QStringLiteral("csvDirectory")).toString();
  s.source.target_columns = st.value(QStringLiteral("targetColumns"), 1).toInt();
  s.source.seed = st.value(QStringLiteral("seed"), 1).toULongLong();
  NetOptions net;
  net.hidden = st.value(QStringLiteral("hidden"), 64).toInt();
  net.alpha = st.value(QStringLiteral("alpha"), 0.0).toDouble();
  net.seed = s.source.seed;
  s.config.setCommon(net);
  if (st.contains(QStringLiteral("methods"))) {
    s.methods.clear();
    for (const QString& m : st.value(QStringLiteral("methods")).toStringList())
      s.methods.push_back(m.toStdString());
  }
  s.config.anmin.iters = st.value(QStringLiteral("anminIters"), s.config.anmin.iters).toInt();
  s.config.anmin.lambda = st.value(QStringLiteral("anminLambda"), s.config.anmin.lambda).toDouble();
  s.config.adam.mb.epochs = st.value(QStringLiteral("adamEpochs"), s.config.adam.mb.epochs).toInt();
  s.config.adam.mb.lr = st.value(QStringLiteral("adamLr"), s.config.adam.mb.lr).toDouble();
  s.config.adam.mb.batch = st.value(QStringLiteral("adamBatch"), s.config.adam.mb.batch).toInt();
  s.config.sgd.mb.epochs = st.value(QStringLiteral("sgdEpochs"), s.config.sgd.mb.epochs).toInt();
  s.config.sgd.mb.lr = st.value(QStringLiteral("sgdLr"), s.config.sgd.mb.lr).toDouble();
  s.config.sgd.mb.batch = st.value(QStringLiteral("sgdBatch"), s.config.sgd.mb.batch).toInt();
  s.config.lbfgs.iters = st.value(QStringLiteral("lbfgsIters"), s.config.lbfgs.iters).toInt();
  s.one_at_a_time = st.value(QStringLiteral("oneAtATime"), false).toBool();
  setSetup(s);
}

}  // namespace lreg::views
