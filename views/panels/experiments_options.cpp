#include "panels/experiments_options.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSpinBox>
#include <QToolButton>
#include <climits>

namespace lreg::views {

namespace {

QSpinBox* spin(int lo, int hi, const QString& zero, const QString& tip) {
  auto* s = new QSpinBox;
  s->setRange(lo, hi);
  if (!zero.isEmpty()) s->setSpecialValueText(zero);
  s->setToolTip(tip);
  s->setAccelerated(true);
  return s;
}

}  // namespace

QString ExperimentsOptions::defaultOutputFolder() {
  return QDir::home().filePath(QStringLiteral("lreg-experiments"));
}

ExperimentsOptions::ExperimentsOptions(QWidget* parent)
    : QWidget(parent),
      quick_(new QCheckBox(tr("Quick sizes"))),
      runs_(spin(0, 100000, tr("default"),
                 tr("Runs (seeds) per configuration; default: the "
                    "experiment's (the paper's count)"))),
      splits_(spin(0, 100000, tr("default"),
                   tr("Random 80/20 splits of Barbu's tables; default: the experiment's"))),
      seed_(spin(1, INT_MAX, QString(), tr("The first seed; run r uses seed + r"))),
      threads_(spin(0, 1024, tr("one per core"), tr("Threads per trainer"))),
      data_(new QLineEdit),
      out_(new QLineEdit) {
  quick_->setChecked(true);  // the paper's sizes may take hours here
  quick_->setToolTip(tr("The sizes that finish within 2 minutes (lreg repro --quick)"));
  data_->setPlaceholderText(tr("none: the experiment's own sets"));
  data_->setToolTip(tr("A CSV of your own, for the experiments that take one (--data)"));
  out_->setToolTip(tr("The run log (NAME-runs.csv: a rerun resumes from it) and the report"));
  setOutputFolder(defaultOutputFolder());

  const auto withBrowse = [this](QLineEdit* edit, bool folder) {
    auto* row = new QWidget;
    auto* h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    h->setSpacing(2);
    auto* b = new QToolButton;
    b->setText(QStringLiteral("..."));
    b->setToolTip(folder ? tr("Choose a folder") : tr("Choose a CSV file"));
    connect(b, &QToolButton::clicked, this, [this, edit, folder] { browse(edit, folder); });
    h->addWidget(edit, 1);
    h->addWidget(b);
    return row;
  };
  auto* form = new QFormLayout(this);
  form->setContentsMargins(0, 0, 0, 0);
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  form->addRow(QString(), quick_);
  form->addRow(tr("Runs"), runs_);
  form->addRow(tr("Splits"), splits_);
  form->addRow(tr("First seed"), seed_);
  form->addRow(tr("Threads"), threads_);
  form->addRow(tr("Data file"), withBrowse(data_, false));
  form->addRow(tr("Output folder"), withBrowse(out_, true));
  connect(out_, &QLineEdit::editingFinished, this, [this] { setOutputFolder(out_->text()); });
}

void ExperimentsOptions::browse(QLineEdit* edit, bool folder) {
  const QString chosen =
      folder ? QFileDialog::getExistingDirectory(this, tr("Output folder"), edit->text())
             : QFileDialog::getOpenFileName(this, tr("Data file"), edit->text(),
                                            tr("CSV files (*.csv *.csv.gz *.txt);;All files (*)"));
  if (chosen.isEmpty()) return;
  if (folder)
    setOutputFolder(chosen);
  else
    edit->setText(chosen);
}

ReproOptions ExperimentsOptions::options() const {
  ReproOptions o;
  o.quick = quick_->isChecked();
  o.runs = runs_->value();
  o.splits = splits_->value();
  o.seed = static_cast<std::uint64_t>(seed_->value());
  o.threads = threads_->value();
  o.data = data_->text().trimmed().toStdString();
  o.out = outputFolder().toStdString();
  return o;
}

void ExperimentsOptions::setOptions(const ReproOptions& o) {
  quick_->setChecked(o.quick);
  runs_->setValue(o.runs);
  splits_->setValue(o.splits);
  seed_->setValue(static_cast<int>(std::min<std::uint64_t>(o.seed, INT_MAX)));
  threads_->setValue(o.threads);
  data_->setText(QString::fromStdString(o.data.string()));
  setOutputFolder(QString::fromStdString(o.out.string()));
}

// Absolute, with a leading ~ read as the home folder (a typed path, as in a shell).
QString ExperimentsOptions::outputFolder() const {
  QString dir = out_->text().trimmed();
  if (dir.isEmpty()) return dir;
  if (dir == QLatin1String("~") || dir.startsWith(QLatin1String("~/")))
    dir = QDir::homePath() + dir.mid(1);
  return QDir::cleanPath(QDir(dir).absolutePath());
}

void ExperimentsOptions::setOutputFolder(const QString& dir) {
  out_->setText(dir.trimmed());
  out_->setText(outputFolder());
  if (outputFolder() == shown_out_) return;
  shown_out_ = outputFolder();
  Q_EMIT outputFolderChanged(shown_out_);
}

void ExperimentsOptions::save(QSettings& s) const {
  s.setValue(QStringLiteral("quick"), quick_->isChecked());
  s.setValue(QStringLiteral("runs"), runs_->value());
  s.setValue(QStringLiteral("splits"), splits_->value());
  s.setValue(QStringLiteral("seed"), seed_->value());
  s.setValue(QStringLiteral("threads"), threads_->value());
  s.setValue(QStringLiteral("data"), data_->text());
  s.setValue(QStringLiteral("out"), outputFolder());
}

void ExperimentsOptions::load(QSettings& s) {
  quick_->setChecked(s.value(QStringLiteral("quick"), quick_->isChecked()).toBool());
  runs_->setValue(s.value(QStringLiteral("runs"), runs_->value()).toInt());
  splits_->setValue(s.value(QStringLiteral("splits"), splits_->value()).toInt());
  seed_->setValue(s.value(QStringLiteral("seed"), seed_->value()).toInt());
  threads_->setValue(s.value(QStringLiteral("threads"), threads_->value()).toInt());
  data_->setText(s.value(QStringLiteral("data"), data_->text()).toString());
  setOutputFolder(s.value(QStringLiteral("out"), outputFolder()).toString());
}

}  // namespace lreg::views
