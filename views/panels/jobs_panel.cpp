#include "panels/jobs_panel.h"

#include <QApplication>
#include <QClipboard>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include "charts/run_curves.h"
#include "panels/jobs_form.h"
#include "panels/jobs_history.h"
#include "panels/jobs_live.h"
#include "panels/jobs_settings_dialog.h"

static void initJobsResources() { Q_INIT_RESOURCE(jobs); }  // views is a static library

namespace lreg::views {

namespace {
JobSettings settingsFromQSettings() {
  QSettings s;
  s.beginGroup(QStringLiteral("jobs"));
  return JobSettings::load(s);
}
}  // namespace

JobsPanel::JobsPanel(QWidget* parent) : JobsPanel(settingsFromQSettings(), parent) {}

JobsPanel::JobsPanel(JobSettings settings, QWidget* parent)
    : Panel(parent),
      form_(new JobsForm),
      live_(new JobsLive),
      history_(new JobsHistory),
      error_(new QLabel),
      cancel_(new QPushButton(tr("Cancel job"))),
      figure_(new QWidget) {
  initJobsResources();
  auto* submitButton = new QPushButton(tr("Submit"));
  submitButton->setToolTip(tr("Ctrl+Return"));
  cancel_->setToolTip(tr("Cancel the job shown live (Esc)"));
  auto* open = new QPushButton(tr("Open spec..."));
  open->setToolTip(tr("Fill the form from a job spec file, e.g. the digits job (Ctrl+Shift+O)"));
  auto* copy = new QPushButton(tr("Copy as command"));
  auto* settingsButton = new QPushButton(tr("Settings..."));
  error_->setWordWrap(true);
  error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  error_->setStyleSheet(QStringLiteral("QLabel { color: #b00020; }"));

  auto* buttons = new QHBoxLayout;
  buttons->addWidget(submitButton);
  buttons->addWidget(cancel_);
  auto* controls = new QWidget;
  auto* left = new QVBoxLayout(controls);
  left->setContentsMargins(0, 0, 0, 0);
  left->addWidget(form_);
  left->addLayout(buttons);
  left->addWidget(open);
  left->addWidget(copy);
  left->addWidget(settingsButton);
  left->addWidget(error_);
  left->addStretch(1);
  controls->setFixedWidth(300);

  auto* liveBox = new QGroupBox(tr("Live"));
  (new QVBoxLayout(liveBox))->addWidget(live_);
  auto* historyBox = new QGroupBox(tr("History (select runs to overlay them)"));
  (new QVBoxLayout(historyBox))->addWidget(history_);
  auto* split = new QSplitter(Qt::Vertical);
  split->addWidget(liveBox);
  split->addWidget(historyBox);
  split->setChildrenCollapsible(false);
  auto* right = new QVBoxLayout(figure_);
  right->setContentsMargins(0, 0, 0, 0);
  right->addWidget(split);
  figure_->setAutoFillBackground(true);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(8, 8, 8, 6);
  layout->addWidget(controls);
  layout->addWidget(figure_, 1);

  connect(submitButton, &QPushButton::clicked, this, [this] { submit(); });
  connect(cancel_, &QPushButton::clicked, this, &JobsPanel::cancelCurrent);
  connect(copy, &QPushButton::clicked, this, [this] {
    QApplication::clipboard()->setText(form_->commandLine());
    Q_EMIT statusMessage(tr("Copied the job as a shell command."));
  });
  connect(open, &QPushButton::clicked, this, [this] {
    const QString start = QDir(demoDataDir()).filePath(QStringLiteral("jobs"));
    const QString f =
        QFileDialog::getOpenFileName(this, tr("Job spec"), start, tr("Job specs (*.json)"));
    if (!f.isEmpty()) openSpec(f);
  });
  connect(settingsButton, &QPushButton::clicked, this, &JobsPanel::openSettings);
  connect(history_, &JobsHistory::runActivated, live_, &JobsLive::showRun);
  const auto shortcut = [this](const QKeySequence& keys, auto slot) {
    connect(new QShortcut(keys, this), &QShortcut::activated, this, slot);
  };
  shortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), [this] { submit(); });
  shortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter), [this] { submit(); });
  shortcut(QKeySequence(Qt::Key_Escape), [this] { cancelCurrent(); });
  shortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), [open] { open->click(); });
  setManager(settings);
}

void JobsPanel::setManager(const JobSettings& settings) {
  delete manager_;
  manager_ = new JobManager(settings, QCoreApplication::applicationDirPath(), this);
  live_->setManager(manager_);
  history_->setManager(manager_);
  connect(manager_, &JobManager::runAdded, this, [this](const QString& id) {
    history_->refreshRun(id);
    live_->showRun(id);
  });
  connect(manager_, &JobManager::runChanged, this, [this](const QString& id) {
    history_->refreshRun(id);
    live_->runChanged(id);
    const RunRecord* r = manager_->run(id);
    if (r && r->state == JobState::Failed)
      Q_EMIT statusMessage(
          tr("Job %1 failed: %2").arg(r->name, r->message.section(QLatin1Char('\n'), 0, 0)));
  });
  connect(manager_, &JobManager::runProgress, live_, &JobsLive::runProgress);
  connect(manager_, &JobManager::meshUpdated, live_, &JobsLive::meshUpdated);
  connect(manager_, &JobManager::warning, this, [this](const QString& id, const QString& m) {
    live_->runWarning(id, m);
    Q_EMIT statusMessage(m);
  });
  error_->setText(manager_->workerError().isEmpty() ? manager_->store().loadError()
                                                    : manager_->workerError());
}

QString JobsPanel::submit() {
  const QString error = manager_->submit(form_->request());
  error_->setText(error);
  if (!error.isEmpty()) Q_EMIT statusMessage(error.section(QLatin1Char('\n'), 0, 0));
  return error;
}

void JobsPanel::cancelCurrent() {
  if (!live_->runId().isEmpty()) manager_->cancel(live_->runId());
}

QString JobsPanel::errorText() const { return error_->text(); }

QWidget* JobsPanel::figureWidget() { return figure_; }

QString JobsPanel::exportData(const QString& path) { return history_->exportCsv(path); }

QString JobsPanel::commandLine() const { return form_->commandLine(); }

void JobsPanel::saveSettings(QSettings& s) const {
  form_->saveSettings(s);
  manager_->settings().save(s);
}

void JobsPanel::loadSettings(QSettings& s) { form_->loadSettings(s); }

bool JobsPanel::confirmClose(QWidget* parent) {
  const QStringList active = manager_->activeLocalRuns();
  if (active.isEmpty()) return true;
  const auto answer = QMessageBox::question(
      parent, tr("Jobs are running"),
      tr("%n local job(s) are running or queued. Closing the studio stops them (each keeps its "
         "checkpoint and metrics; Slurm jobs go on). Close anyway?",
         nullptr, int(active.size())));
  if (answer != QMessageBox::Yes) return false;
  for (const QString& id : active) manager_->cancel(id);
  return true;
}

void JobsPanel::openSettings() {
  const auto edited = editJobSettings(manager_->settings(), this);
  if (!edited) return;
  QSettings s;
  s.beginGroup(QStringLiteral("jobs"));
  edited->save(s);
  if (!manager_->activeLocalRuns().isEmpty()) {
    Q_EMIT statusMessage(
        tr("Saved; the settings apply once the running jobs have ended and the "
           "studio starts again."));
    return;
  }
  setManager(*edited);
}

bool JobsPanel::openSpec(const QString& path) {
  const QString problem = form_->loadSpec(path);
  error_->setText(problem);
  if (problem.isEmpty()) Q_EMIT statusMessage(tr("Loaded %1 into the form.").arg(path));
  return problem.isEmpty();
}

QString JobsPanel::digitsSpec() {
  return QDir(demoDataDir()).filePath(QStringLiteral("jobs/digits-connection.json"));
}

QString JobsPanel::demoDataDir() {
  const QString dir = QDir(manager_->settings().runsRoot()).filePath(QStringLiteral("demo-data"));
  QDir().mkpath(dir);
  // The digits spec keeps its layout (jobs/ beside data/), so its relative table path holds.
  QDir(dir).mkpath(QStringLiteral("jobs"));
  QDir(dir).mkpath(QStringLiteral("data"));
  for (const char* name : {"synthetic-connection.json", "synthetic-features.npz",
                           "jobs/digits-connection.json", "data/digits.csv.gz"}) {
    const QString to = QDir(dir).filePath(QLatin1String(name));
    if (!QFile::exists(to)) QFile::copy(QStringLiteral(":/jobs/") + QLatin1String(name), to);
  }
  return dir;
}

void JobsPanel::startDemo(int steps) {
  demo_runs_.clear();
  form_->setDataFile(QDir(demoDataDir()).filePath(QStringLiteral("synthetic-features.npz")));
  form_->setEpochs(qMax(1, steps));
  form_->setDevice(QStringLiteral("cpu"));
  form_->setBackend(QStringLiteral("local"));
  const auto finish = [this] {
    history_->selectRuns(demo_runs_);
    live_->showRun(demo_runs_.value(demo_runs_.size() - 1));
    QTimer::singleShot(0, this, [this] { Q_EMIT demoFinished(); });
  };
  for (double lr : {0.02, 0.08}) {
    form_->setName(QStringLiteral("demo-lr%1").arg(lr));
    form_->setLearningRate(lr);
    if (!submit().isEmpty()) return finish();
    demo_runs_ << live_->runId();
  }
  connect(manager_, &JobManager::runChanged, this, [this, finish](const QString&) {
    for (const QString& id : demo_runs_)
      if (!manager_->run(id) || isActive(manager_->run(id)->state)) return;
    if (demo_runs_.isEmpty()) return;
    finish();
    demo_runs_.clear();
  });
}

}  // namespace lreg::views
