#include "panels/jobs_form.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <cmath>

#include "lreg/data/csv.h"
#include "lreg/io/tensor.h"
#include "lreg/jobs/slurm_batch_script.h"

namespace lreg::views {

JobsForm::JobsForm(QWidget* parent)
    : QWidget(parent),
      name_(new QLineEdit(QStringLiteral("job"))),
      data_(new QLineEdit),
      shape_(new QLabel),
      nodes_(new QSpinBox),
      components_(new QSpinBox),
      lr_(new QDoubleSpinBox),
      epochs_(new QSpinBox),
      topk_(new QSpinBox),
      update_every_(new QSpinBox),
      device_(new QComboBox),
      backend_(new QComboBox),
      rank_(new QSpinBox),
      preview_(new QLabel),
      slurm_(new QGroupBox(tr("Slurm"))),
      partition_(new QLineEdit),
      time_(new QLineEdit(QStringLiteral("1:00:00"))),
      cpus_(new QSpinBox),
      mem_(new QSpinBox) {
  nodes_->setRange(2, 4096);
  nodes_->setValue(16);
  components_->setRange(1, 4096);
  components_->setValue(16);
  lr_->setDecimals(5);
  lr_->setRange(1e-5, 10);
  lr_->setSingleStep(0.005);
  lr_->setValue(0.01);
  epochs_->setRange(0, 1000000);
  epochs_->setValue(5);
  topk_->setRange(1, 4096);
  update_every_->setRange(0, 1000000);
  update_every_->setSpecialValueText(tr("once per epoch"));
  device_->addItems({QStringLiteral("cpu"), QStringLiteral("auto"), QStringLiteral("cuda")});
  backend_->addItem(tr("This computer"), QStringLiteral("local"));
  backend_->addItem(tr("Slurm cluster"), QStringLiteral("slurm"));
  rank_->setRange(1, 1024);
  rank_->setValue(8);
  rank_->setToolTip(tr("LoRA rank r for the comparison"));
  preview_->setWordWrap(true);
  preview_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  shape_->setWordWrap(true);
  shape_->setStyleSheet(QStringLiteral("QLabel { color: #555; }"));
  partition_->setPlaceholderText(tr("the cluster's default"));
  time_->setToolTip(tr("sbatch --time: minutes, H:M:S or D-H:M:S"));
  cpus_->setRange(1, 256);
  mem_->setRange(0, 1024 * 1024);
  mem_->setSuffix(QStringLiteral(" MB"));
  mem_->setSpecialValueText(tr("default"));
  data_->setPlaceholderText(tr("features.npz (features, labels, logits)"));

  auto* browse = new QPushButton(tr("..."));
  browse->setFixedWidth(30);
  auto* dataRow = new QHBoxLayout;
  dataRow->addWidget(data_, 1);
  dataRow->addWidget(browse);
  auto* form = new QFormLayout;
  form->addRow(tr("Name"), name_);
  form->addRow(tr("Data"), dataRow);
  form->addRow(QString(), shape_);
  form->addRow(tr("Nodes n"), nodes_);
  form->addRow(tr("Components d"), components_);
  form->addRow(tr("Learning rate"), lr_);
  form->addRow(tr("Epochs"), epochs_);
  form->addRow(tr("Top-k"), topk_);
  form->addRow(tr("Mesh update every"), update_every_);
  form->addRow(tr("Device"), device_);
  form->addRow(tr("Backend"), backend_);
  form->addRow(tr("LoRA rank"), rank_);
  auto* slurmForm = new QFormLayout(slurm_);
  slurmForm->addRow(tr("Partition"), partition_);
  slurmForm->addRow(tr("Time limit"), time_);
  slurmForm->addRow(tr("CPUs"), cpus_);
  slurmForm->addRow(tr("Memory"), mem_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(form);
  layout->addWidget(preview_);
  layout->addWidget(slurm_);

  connect(browse, &QPushButton::clicked, this, [this] {
    const QString f =
        QFileDialog::getOpenFileName(this, tr("Job data"), data_->text(),
                                     tr("Tensors or a table (*.npz *.safetensors *.csv *.csv.gz)"));
    if (!f.isEmpty()) setDataFile(f);
  });
  connect(data_, &QLineEdit::editingFinished, this, &JobsForm::readShape);
  for (QSpinBox* s : {nodes_, components_, epochs_, topk_, update_every_, rank_, cpus_, mem_})
    connect(s, &QSpinBox::valueChanged, this, &JobsForm::refresh);
  connect(lr_, &QDoubleSpinBox::valueChanged, this, &JobsForm::refresh);
  connect(device_, &QComboBox::currentIndexChanged, this, &JobsForm::refresh);
  connect(backend_, &QComboBox::currentIndexChanged, this, &JobsForm::refresh);
  connect(name_, &QLineEdit::textChanged, this, &JobsForm::refresh);
  refresh();
}

void JobsForm::setDataFile(const QString& path) {
  data_->setText(path);
  readShape();
}
void JobsForm::setName(const QString& name) { name_->setText(name); }
void JobsForm::setEpochs(int epochs) { epochs_->setValue(epochs); }
void JobsForm::setLearningRate(double lr) { lr_->setValue(lr); }
void JobsForm::setDevice(const QString& d) { device_->setCurrentText(d); }
void JobsForm::setBackend(const QString& b) { backend_->setCurrentIndex(backend_->findData(b)); }

namespace {

bool isTable(const QString& path) {
  return path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive) ||
         path.endsWith(QLatin1String(".csv.gz"), Qt::CaseInsensitive);
}

// A path in a spec, absolute: relative ones are against the spec's folder (as the worker reads
// them); a tensor member keeps its ":name".
QString absoluteIn(const QDir& dir, const QString& value) {
  const qsizetype colon = value.lastIndexOf(QLatin1Char(':'));
  const bool member = colon > 0 && !value.mid(colon + 1).contains(QLatin1Char('/'));
  const QString file = member ? value.left(colon) : value;
  const QString abs = QDir::cleanPath(dir.absoluteFilePath(file));
  return member ? abs + value.mid(colon) : abs;
}

struct DataShape {
  qint64 samples = 0, c_in = 0, classes = 0;
  bool has_logits = false;
  QString error;
};

// On a pool thread: readTensors decodes the whole file, which may be large.
DataShape readDataShape(const QString& path, qint64 hidden) {
  DataShape d;
  try {
    if (isTable(path)) {  // the head sees the pretrained MLP's last hidden layer and its logits
      const CsvTable t = readCsv(path.toStdString());
      if (t.values.cols() < 2)
        throw std::runtime_error("needs inputs and a last column of classes");
      d.samples = t.values.rows();
      d.c_in = hidden;
      d.classes = qint64(t.values.col(t.values.cols() - 1).maxCoeff()) + 1;
      d.has_logits = true;
      return d;
    }
    const TensorMap t = readTensors(path.toStdString());
    const auto f = t.find("features"), l = t.find("logits"), y = t.find("labels");
    if (f == t.end() || y == t.end() || f->second.shape.size() != 2)
      throw std::runtime_error("needs 'features' (N x C_in) and 'labels' (N)");
    d.samples = f->second.shape[0];
    d.c_in = f->second.shape[1];
    d.has_logits = l != t.end();
    if (d.has_logits && l->second.shape.size() == 2) {
      d.classes = l->second.shape[1];
    } else {
      double top = 0;
      for (double v : y->second.values) top = std::max(top, v);
      d.classes = qint64(top) + 1;
    }
  } catch (const std::exception& e) {
    d = DataShape{};
    d.error = QFileInfo(path).fileName() + QStringLiteral(": ") + QString::fromUtf8(e.what());
  }
  return d;
}

}  // namespace

void JobsForm::readShape() {
  const quint64 generation = ++shape_generation_;
  c_in_ = classes_ = 0;
  has_logits_ = false;
  const QString path = data_->text();
  if (path.isEmpty()) {
    shape_->setText(tr("Choose the features file."));
    refresh();
    return;
  }
  shape_->setText(tr("Reading %1...").arg(QFileInfo(path).fileName()));
  refresh();
  auto* watcher = new QFutureWatcher<DataShape>(this);
  connect(watcher, &QFutureWatcher<DataShape>::finished, this, [this, watcher, generation, path] {
    const DataShape d = watcher->result();
    watcher->deleteLater();
    if (generation != shape_generation_) return;  // another file was chosen meanwhile
    c_in_ = d.c_in;
    classes_ = d.classes;
    has_logits_ = d.has_logits;
    shape_->setText(!d.error.isEmpty()
                        ? d.error
                        : tr("%1 samples, C_in = %2, C = %3 classes%4")
                              .arg(d.samples)
                              .arg(d.c_in)
                              .arg(d.classes)
                              .arg(isTable(path)
                                       ? tr(" (a table: the worker pretrains the frozen MLP)")
                                   : d.has_logits ? QString()
                                                  : tr(", no frozen logits")));
    refresh();
    Q_EMIT shapeRead();
  });
  const QJsonObject pretrain =
      base_.value(QStringLiteral("data")).toObject().value(QStringLiteral("pretrain")).toObject();
  const qint64 hidden = pretrain.value(QStringLiteral("hidden")).toInt(32);  // the worker's default
  watcher->setFuture(QtConcurrent::run(readDataShape, path, hidden));
}

bool JobsForm::shapeKnown() const { return c_in_ > 0; }

qint64 JobsForm::connectionParameters() const {
  if (c_in_ <= 0) return 0;
  const qint64 d = components_->value(), n = nodes_->value();
  return (c_in_ + 1) * d + d * n * classes_;
}

qint64 JobsForm::loraParameters() const { return rank_->value() * (c_in_ + classes_); }

QString JobsForm::previewText() const { return preview_->text(); }

void JobsForm::refresh() {
  slurm_->setVisible(backend_->currentData().toString() == QLatin1String("slurm"));
  if (c_in_ <= 0) {
    preview_->setText(tr("Trainable parameters: choose a data file to count them."));
  } else {
    preview_->setText(tr("<b>%1</b> trainable parameters: (C_in + 1) d + d n C = (%2 + 1)·%3 + "
                         "%3·%4·%5.<br>LoRA rank %6 on a %2 → %5 layer: r (d_in + d_out) = "
                         "<b>%7</b> per adapted layer.")
                          .arg(connectionParameters())
                          .arg(c_in_)
                          .arg(components_->value())
                          .arg(nodes_->value())
                          .arg(classes_)
                          .arg(rank_->value())
                          .arg(loraParameters()));
  }
  Q_EMIT changed();
}

JobRequest JobsForm::request() const {
  const QString file = QFileInfo(data_->text()).absoluteFilePath();
  const auto member = [&](const char* name) {
    return QString(file + QLatin1Char(':') + QLatin1String(name));
  };
  // The loaded spec's data block when it is for the same file (its split, pretraining), else new.
  QJsonObject data = base_.value(QStringLiteral("data")).toObject();
  for (const char* key : {"table", "features", "labels", "logits"}) data.remove(QLatin1String(key));
  if (isTable(file)) {
    data.insert(QStringLiteral("table"), file);
  } else {
    data.remove(QStringLiteral("pretrain"));
    data.insert(QStringLiteral("features"), member("features"));
    data.insert(QStringLiteral("labels"), member("labels"));
    if (has_logits_ || c_in_ <= 0)  // unknown shape: the check names what is missing
      data.insert(QStringLiteral("logits"), member("logits"));
  }
  QJsonObject options = base_.value(QStringLiteral("options")).toObject();
  options.insert(QStringLiteral("nodes"), nodes_->value());
  options.insert(QStringLiteral("components"), components_->value());
  options.insert(QStringLiteral("lr"), lr_->value());
  options.insert(QStringLiteral("epochs"), epochs_->value());
  options.insert(QStringLiteral("topk"), topk_->value());
  options.insert(QStringLiteral("update_every"), update_every_->value());
  JobRequest r;
  r.spec = base_;
  r.spec.insert(QStringLiteral("format"), QStringLiteral("lreg-job"));
  r.spec.insert(QStringLiteral("version"), 1);
  r.spec.insert(QStringLiteral("kind"), QStringLiteral("lreg-connection"));
  r.spec.insert(QStringLiteral("name"), name_->text());
  r.spec.insert(QStringLiteral("data"), data);
  r.spec.insert(QStringLiteral("options"), options);
  r.spec.insert(QStringLiteral("device"), device_->currentText());
  r.spec_dir = QFileInfo(file).absolutePath();
  r.backend = backend_->currentData().toString();
  r.slurm.partition = partition_->text().trimmed().toStdString();
  r.slurm.time_limit = time_->text().trimmed().toStdString();
  r.slurm.cpus = cpus_->value();
  r.slurm.mem_mb = mem_->value();
  return r;
}

QString JobsForm::loadSpec(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return tr("%1: cannot be read").arg(path);
  QJsonParseError err{};
  const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &err);
  if (err.error != QJsonParseError::NoError || !doc.isObject())
    return tr("%1: not a JSON object (%2 at byte %3)")
        .arg(QFileInfo(path).fileName(), err.errorString())
        .arg(err.offset);
  const QJsonObject spec = doc.object();
  const QDir dir = QFileInfo(path).absoluteDir();
  const QJsonObject data = spec.value(QStringLiteral("data")).toObject();
  const QString source = data.contains(QStringLiteral("table"))
                             ? data.value(QStringLiteral("table")).toString()
                             : data.value(QStringLiteral("features")).toString();
  if (source.isEmpty())
    return tr("%1: no data.table or data.features").arg(QFileInfo(path).fileName());
  base_ = spec;
  const QJsonObject o = spec.value(QStringLiteral("options")).toObject();
  // A key the file leaves out keeps what the form shows.
  const auto set = [&](QSpinBox* box, const char* key) {
    box->setValue(o.value(QLatin1String(key)).toInt(box->value()));
  };
  set(nodes_, "nodes");
  set(components_, "components");
  set(epochs_, "epochs");
  set(topk_, "topk");
  set(update_every_, "update_every");
  lr_->setValue(o.value(QStringLiteral("lr")).toDouble(lr_->value()));
  name_->setText(spec.value(QStringLiteral("name")).toString(name_->text()));
  device_->setCurrentText(spec.value(QStringLiteral("device")).toString(device_->currentText()));
  QString file = absoluteIn(dir, source);
  if (!isTable(file)) file = file.left(file.lastIndexOf(QLatin1Char(':')));
  setDataFile(file);
  return {};
}

QString JobsForm::commandLine() const {
  const JobRequest r = request();
  const QString name = name_->text().isEmpty() ? QStringLiteral("job") : name_->text();
  const QString spec = QString::fromUtf8(QJsonDocument(r.spec).toJson(QJsonDocument::Compact));
  return QStringLiteral("printf '%s\\n' %1 > %2.json && lreg job run %2.json --out %2")
      .arg(QString::fromStdString(lreg::shellQuote(spec.toStdString())),
           QString::fromStdString(lreg::shellQuote(name.toStdString())));
}

void JobsForm::saveSettings(QSettings& s) const {
  s.setValue(QStringLiteral("form/data"), data_->text());
  s.setValue(QStringLiteral("form/nodes"), nodes_->value());
  s.setValue(QStringLiteral("form/components"), components_->value());
  s.setValue(QStringLiteral("form/lr"), lr_->value());
  s.setValue(QStringLiteral("form/epochs"), epochs_->value());
  s.setValue(QStringLiteral("form/device"), device_->currentText());
  s.setValue(QStringLiteral("form/backend"), backend_->currentData());
  s.setValue(QStringLiteral("form/partition"), partition_->text());
  s.setValue(QStringLiteral("form/time"), time_->text());
  s.setValue(QStringLiteral("form/cpus"), cpus_->value());
  s.setValue(QStringLiteral("form/mem"), mem_->value());
}

void JobsForm::loadSettings(QSettings& s) {
  if (s.contains(QStringLiteral("form/data")))
    setDataFile(s.value(QStringLiteral("form/data")).toString());
  nodes_->setValue(s.value(QStringLiteral("form/nodes"), nodes_->value()).toInt());
  components_->setValue(s.value(QStringLiteral("form/components"), components_->value()).toInt());
  lr_->setValue(s.value(QStringLiteral("form/lr"), lr_->value()).toDouble());
  epochs_->setValue(s.value(QStringLiteral("form/epochs"), epochs_->value()).toInt());
  device_->setCurrentText(
      s.value(QStringLiteral("form/device"), device_->currentText()).toString());
  setBackend(s.value(QStringLiteral("form/backend"), QStringLiteral("local")).toString());
  partition_->setText(s.value(QStringLiteral("form/partition")).toString());
  time_->setText(s.value(QStringLiteral("form/time"), time_->text()).toString());
  cpus_->setValue(s.value(QStringLiteral("form/cpus"), 1).toInt());
  mem_->setValue(s.value(QStringLiteral("form/mem"), 0).toInt());
}

}  // namespace lreg::views
