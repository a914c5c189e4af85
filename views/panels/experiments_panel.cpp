#include "panels/experiments_panel.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QShortcut>
#include <QSplitter>
#include <QTemporaryDir>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

#include "charts/repro_chart.h"
#include "lreg/experiments/repro_output.h"
#include "panels/experiments_list.h"
#include "panels/experiments_options.h"
#include "panels/experiments_report_view.h"

namespace lreg::views {

namespace {

QString seconds(double s) {
  if (s < 90) return QObject::tr("%1 s").arg(s, 0, 'f', s < 10 ? 1 : 0);
  if (s < 5400) return QObject::tr("%1 min").arg(s / 60, 0, 'f', 1);
  return QObject::tr("%1 h").arg(s / 3600, 0, 'f', 1);
}

}  // namespace

ExperimentsPanel::ExperimentsPanel(QWidget* parent)
    : ExperimentsPanel(lreg::experiments(), parent) {}

ExperimentsPanel::ExperimentsPanel(std::vector<Experiment> experiments, QWidget* parent)
    : Panel(parent),
      session_(new ExperimentsSession(std::move(experiments), this)),
      list_(new ExperimentsList),
      options_(new ExperimentsOptions),
      run_(new QPushButton(tr("Run"))),
      cancel_(new QPushButton(tr("Cancel"))),
      export_(new QPushButton(tr("Export report..."))),
      save_figure_(new QPushButton(tr("Save figure..."))),
      progress_(new QProgressBar),
      message_(new QLabel),
      view_(new ExperimentsReportView),
      split_(new QSplitter(Qt::Horizontal)) {
  list_->setExperiments(session_->experiments());
  run_->setToolTip(tr("Run the selected experiment (Ctrl+R); a rerun reuses the finished runs"));
  run_->setDefault(true);
  cancel_->setToolTip(tr("Stop after the run in progress (Esc); the finished runs are kept"));
  export_->setToolTip(
      tr("Write the report (Markdown with its SVG figures, the tables as CSV, "
         "the JSON) and PNGs of the charts into a folder (Ctrl+Shift+R)"));
  save_figure_->setToolTip(tr("Save the chart shown as PNG or SVG (also File > Export figure)"));
  progress_->setTextVisible(true);
  message_->setTextFormat(Qt::PlainText);
  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  message_->setStyleSheet(QStringLiteral("QLabel { color: #b00020; }"));
  message_->hide();

  auto* controls = new QWidget;
  auto* left = new QVBoxLayout(controls);
  left->setContentsMargins(0, 0, 4, 0);
  left->addWidget(new QLabel(tr("<b>The papers' experiments</b> (hover for where they are)")));
  left->addWidget(list_, 1);
  left->addWidget(options_);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(run_);
  buttons->addWidget(cancel_);
  left->addLayout(buttons);
  left->addWidget(progress_);
  left->addWidget(message_);
  auto* exports = new QHBoxLayout;
  exports->addWidget(export_);
  exports->addWidget(save_figure_);
  left->addLayout(exports);
  split_->addWidget(controls);
  split_->addWidget(view_);
  split_->setStretchFactor(0, 2);
  split_->setStretchFactor(1, 5);
  split_->setChildrenCollapsible(false);
  split_->setSizes({420, 1000});
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(8, 8, 8, 6);
  layout->addWidget(split_);

  connect(list_, &ExperimentsList::currentChanged, this, [this] {
    showSelected();
    updateButtons();
  });
  connect(options_, &ExperimentsOptions::outputFolderChanged, this, [this] {
    refreshSummaries();
    showSelected();
  });
  connect(run_, &QPushButton::clicked, this, &ExperimentsPanel::run);
  connect(cancel_, &QPushButton::clicked, this, &ExperimentsPanel::cancel);
  connect(export_, &QPushButton::clicked, this, &ExperimentsPanel::exportReportInteractive);
  connect(save_figure_, &QPushButton::clicked, this, &ExperimentsPanel::saveFigureInteractive);

  connect(session_, &ExperimentsSession::started, this, [this](const QString& name) {
    progress_->setRange(0, 0);  // busy until the first progress says how many runs
    progress_->setFormat(tr("%1: starting").arg(name));
    if (!view_->report()) showSelected();  // "running" instead of "not run yet"
    Q_EMIT statusMessage(tr("Running %1").arg(name));
  });
  connect(
      session_, &ExperimentsSession::progress, this,
      [this](const QString& name, int step, int total, double s, double eta, const QString& what) {
        if (total > 0) {
          progress_->setRange(0, total);
          progress_->setValue(std::min(step, total));
        }
        QString text = total > 0 ? tr("%1: run %2 of %3, %4").arg(name).arg(step).arg(total)
                                 : tr("%1: %2 runs, %3").arg(name).arg(step);
        text = text.arg(seconds(s));
        if (eta >= 0) text += tr(", about %1 left").arg(seconds(eta));
        progress_->setFormat(text);
        // What the run was ("d=1 noisy N=512") is too long for the bar: the status bar has room.
        if (!what.isEmpty()) Q_EMIT statusMessage(tr("%1: done %2").arg(name, what));
      });
  const auto shown = [this](const QString& name, const ReproReportPtr& r) {
    const int i = session_->indexOf(name);
    list_->setReport(i, r.get());
    if (i == list_->currentIndex()) view_->setReport(r);
    updateButtons();
  };
  connect(session_, &ExperimentsSession::finished, this,
          [this, shown](const QString& name, const ReproReportPtr& r) {
            shown(name, r);
            setProgressIdle(tr("%1: %2 runs (%3 reused) in %4")
                                .arg(name)
                                .arg(r->runs_done)
                                .arg(r->runs_reused)
                                .arg(seconds(r->seconds)));
            Q_EMIT statusMessage(tr("%1: %2").arg(name, verdictSummary(*r)));
            endDemo();
          });
  connect(
      session_, &ExperimentsSession::cancelled, this,
      [this, shown](const QString& name, const ReproReportPtr& r) {
        if (r) shown(name, r);
        const QString text =
            r ? tr("%1 cancelled after %2 runs; Run resumes from them").arg(name).arg(r->runs_done)
              : tr("%1 cancelled").arg(name);
        setProgressIdle(text, Bar::Keep);
        Q_EMIT statusMessage(text);
        endDemo();
      });
  connect(session_, &ExperimentsSession::failed, this,
          [this](const QString& name, const QString& m) {
            showError(name.isEmpty() ? m : tr("%1 failed: %2").arg(name, m));
            if (!session_->isRunning()) setProgressIdle(tr("Failed"), Bar::Empty);
            endDemo();
          });
  connect(session_, &ExperimentsSession::runningChanged, this, &ExperimentsPanel::updateButtons);

  // Window-wide, but Qt only fires the shortcuts of the visible tab.
  const auto shortcut = [this](const QKeySequence& keys, auto slot) {
    connect(new QShortcut(keys, this), &QShortcut::activated, this, slot);
  };
  shortcut(QKeySequence(Qt::CTRL | Qt::Key_R), [this] { run(); });
  shortcut(QKeySequence(Qt::Key_Escape), [this] { cancel(); });
  shortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), [this] { exportReportInteractive(); });

  setProgressIdle(session_->experiments().empty() ? tr("No experiments in this build") : tr("Idle"),
                  Bar::Empty);
  refreshSummaries();
  list_->setCurrentIndex(0);
  showSelected();
  updateButtons();
}

// The session first: its run is joined before the demo's folder goes.
ExperimentsPanel::~ExperimentsPanel() { delete session_; }

QString ExperimentsPanel::errorText() const {
  return message_->isHidden() ? QString() : message_->text();
}

void ExperimentsPanel::select(const QString& name) {
  list_->setCurrentIndex(session_->indexOf(name));
}

void ExperimentsPanel::run() {
  if (session_->isRunning()) return;
  message_->hide();
  message_->clear();
  if (options_->outputFolder().isEmpty()) {
    showError(tr("Choose an output folder: the run log and the report go there."));
    return;
  }
  session_->run(list_->currentIndex(), options_->options());
}

void ExperimentsPanel::cancel() {
  if (!session_->isRunning()) return;
  progress_->setFormat(tr("Cancelling after the run in progress..."));
  session_->cancel();
}

bool ExperimentsPanel::confirmClose(QWidget* parent) {
  if (!session_->isRunning()) return true;
  const auto answer = QMessageBox::question(
      parent, tr("An experiment is running"),
      tr("%1 is running. Closing the studio stops it after the run in progress; the finished "
         "runs are kept in its run log and the next Run resumes from them. Close anyway?")
          .arg(session_->runningName()));
  if (answer != QMessageBox::Yes) return false;
  session_->cancel();
  return true;
}

void ExperimentsPanel::showError(const QString& message) {
  message_->setText(message);
  message_->show();
  Q_EMIT statusMessage(message);
}

void ExperimentsPanel::setProgressIdle(const QString& text, Bar bar) {
  if (bar != Bar::Keep || progress_->maximum() == 0) {  // a busy bar of no runs yet: empty
    progress_->setRange(0, 1);
    progress_->setValue(bar == Bar::Full ? 1 : 0);
  }
  progress_->setFormat(text);
}

void ExperimentsPanel::updateButtons() {
  const bool running = session_->isRunning();
  run_->setEnabled(!running && list_->currentIndex() >= 0);
  cancel_->setEnabled(running);
  export_->setEnabled(view_->report() != nullptr);
  save_figure_->setEnabled(view_->figureIndex() >= 0);
}

void ExperimentsPanel::refreshSummaries() {
  for (int i = 0; i < static_cast<int>(session_->experiments().size()); ++i) {
    const QString name = QString::fromStdString(session_->experiments()[size_t(i)].name);
    list_->setReport(i, session_->report(name, options_->outputFolder()).get());
  }
}

void ExperimentsPanel::showSelected() {
  const int i = list_->currentIndex();
  if (i < 0) {
    view_->setReport(nullptr, session_->experiments().empty()
                                  ? tr("This build has no experiments yet (lreg repro list is "
                                       "empty).")
                                  : tr("Select an experiment."));
    return;
  }
  const Experiment& e = session_->experiments()[static_cast<size_t>(i)];
  const QString name = QString::fromStdString(e.name);
  QString error;
  ReproReportPtr r = session_->report(name, options_->outputFolder(), &error);
  if (!error.isEmpty()) {
    view_->setReport(nullptr, tr("<b>%1</b>: the report in the output folder cannot be read: %2")
                                  .arg(name, error.toHtmlEscaped()));
  } else if (!r && session_->runningName() == name) {
    view_->setReport(nullptr, tr("<b>%1</b> is running: its report shows when it ends (Esc "
                                 "cancels, keeping the finished runs).")
                                  .arg(name));
  } else if (!r) {
    view_->setReport(nullptr, tr("<b>%1</b>: %2 (%3)<br>Not run yet in %4. Run it (Ctrl+R); "
                                 "quick sizes finish within 2 minutes.")
                                  .arg(name, QString::fromStdString(e.claim).toHtmlEscaped(),
                                       QString::fromStdString(e.paper).toHtmlEscaped(),
                                       options_->outputFolder().toHtmlEscaped()));
  } else {
    view_->setReport(r);
  }
  updateButtons();
}

QString ExperimentsPanel::exportReport(const QString& dir, QStringList* files) {
  const ReproReportPtr r = view_->report();
  if (!r) return tr("There is no report to export: run the experiment first.");
  QString error;
  QStringList written = ExperimentsSession::exportReport(*r, dir, &error);
  if (!error.isEmpty()) return error;
  for (const ReproFigure& f : r->figures) {
    const QString png =
        QDir(dir).filePath(QString::fromStdString(r->name + "-" + f.id) + QStringLiteral(".png"));
    error = saveReproFigure(f, png);
    if (!error.isEmpty()) return error;
    written << png;
  }
  if (files) *files = written;
  export_dir_ = dir;
  return {};
}

void ExperimentsPanel::exportReportInteractive() {
  if (!view_->report()) return;
  const QString dir = QFileDialog::getExistingDirectory(
      this, tr("Export the report into"),
      export_dir_.isEmpty() ? options_->outputFolder() : export_dir_);
  if (dir.isEmpty()) return;
  QStringList files;
  const QString error = exportReport(dir, &files);
  if (!error.isEmpty())
    showError(error);
  else
    Q_EMIT statusMessage(tr("Wrote %1 files; the report is %2").arg(files.size()).arg(files[0]));
}

void ExperimentsPanel::saveFigureInteractive() {
  const ReproReportPtr r = view_->report();
  const int i = view_->figureIndex();
  if (!r || i < 0) return;
  const ReproFigure& f = r->figures[static_cast<size_t>(i)];
  const QString suggested = QDir(export_dir_.isEmpty() ? options_->outputFolder() : export_dir_)
                                .filePath(QString::fromStdString(r->name + "-" + f.id) + ".png");
  const QString path = QFileDialog::getSaveFileName(this, tr("Save figure"), suggested,
                                                    tr("PNG image (*.png);;SVG drawing (*.svg)"));
  if (path.isEmpty()) return;
  const QString error = saveReproFigure(f, path);
  if (!error.isEmpty())
    showError(error);
  else
    Q_EMIT statusMessage(tr("Saved %1").arg(path));
}

QWidget* ExperimentsPanel::figureWidget() { return view_->chartView(); }

QString ExperimentsPanel::exportData(const QString& path) {
  const ReproReportPtr r = view_->report();
  const int i = view_->tableIndex();
  if (!r || i < 0) return tr("There is no table to export.");
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return tr("cannot write %1").arg(path);
  file.write(QByteArray::fromStdString(toCsv(r->tables[static_cast<size_t>(i)])));
  return file.commit() ? QString() : tr("cannot write %1").arg(path);
}

QString ExperimentsPanel::commandLine() const {
  const int i = list_->currentIndex();
  if (i < 0) return {};
  return reproCommandLine(QString::fromStdString(session_->experiments()[size_t(i)].name),
                          options_->options());
}

void ExperimentsPanel::startDemo(int steps) {
  const int count = static_cast<int>(session_->experiments().size());
  if (count == 0 || session_->isRunning()) {
    QTimer::singleShot(0, this, [this] { Q_EMIT demoFinished(); });
    return;
  }
  const int i = steps >= 1 && steps <= count ? steps - 1 : std::max(0, list_->currentIndex());
  demo_dir_ = std::make_unique<QTemporaryDir>();  // a fresh run: no run log of an older build
  ReproOptions o = options_->options();
  o.quick = true;
  o.out = demo_dir_->path().toStdString();
  list_->setCurrentIndex(i);
  demo_pending_ = true;
  session_->run(i, o);
}

void ExperimentsPanel::endDemo() {
  if (!demo_pending_) return;
  demo_pending_ = false;
  Q_EMIT demoFinished();
}

void ExperimentsPanel::saveSettings(QSettings& s) const {
  options_->save(s);
  const int i = list_->currentIndex();
  if (i >= 0)
    s.setValue(QStringLiteral("experiment"),
               QString::fromStdString(session_->experiments()[size_t(i)].name));
  s.setValue(QStringLiteral("exportDir"), export_dir_);
  s.setValue(QStringLiteral("split"), split_->saveState());
  s.setValue(QStringLiteral("report"), view_->saveState());
}

void ExperimentsPanel::loadSettings(QSettings& s) {
  options_->load(s);  // a new output folder shows its reports
  export_dir_ = s.value(QStringLiteral("exportDir"), export_dir_).toString();
  split_->restoreState(s.value(QStringLiteral("split")).toByteArray());
  view_->restoreState(s.value(QStringLiteral("report")).toByteArray());
  const int i = session_->indexOf(s.value(QStringLiteral("experiment")).toString());
  if (i >= 0) list_->setCurrentIndex(i);
}

}  // namespace lreg::views
