#include "panels/jobs_live.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>

#include "charts/run_curves.h"
#include "jobs/run_files.h"
#include "scene/encoder_meshes_view.h"

namespace lreg::views {

namespace {
QString eta(double s) {
  if (!std::isfinite(s) || s < 0) return {};
  if (s < 60) return QObject::tr("%1 s left").arg(s, 0, 'f', s < 10 ? 1 : 0);
  if (s < 3600) return QObject::tr("%1 min left").arg(s / 60, 0, 'f', 1);
  return QObject::tr("%1 h left").arg(s / 3600, 0, 'f', 1);
}
}  // namespace

JobsLive::JobsLive(QWidget* parent)
    : QWidget(parent),
      title_(new QLabel),
      state_(new QLabel),
      progress_(new QProgressBar),
      rate_(new QLabel),
      message_(new QPlainTextEdit),
      warning_(new QLabel),
      curves_(new RunCurves),
      meshes_(new EncoderMeshesView) {
  QFont bold = title_->font();
  bold.setBold(true);
  title_->setFont(bold);
  progress_->setRange(0, 1);
  progress_->setValue(0);
  progress_->setTextVisible(true);
  message_->setReadOnly(true);
  message_->setMaximumHeight(90);
  message_->setStyleSheet(QStringLiteral("QPlainTextEdit { color: #b00020; }"));
  message_->hide();
  warning_->setWordWrap(true);
  warning_->setStyleSheet(QStringLiteral("QLabel { color: #8a5a00; }"));
  warning_->hide();
  auto* head = new QHBoxLayout;
  head->addWidget(title_);
  head->addWidget(state_);
  head->addWidget(progress_, 1);
  head->addWidget(rate_);
  auto* split = new QSplitter(Qt::Horizontal);
  split->addWidget(curves_);
  split->addWidget(meshes_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(head);
  layout->addWidget(warning_);
  layout->addWidget(message_);
  layout->addWidget(split, 1);
  showRun({});
}

void JobsLive::setManager(const JobManager* manager) {
  manager_ = manager;
  showRun({});
}

void JobsLive::showRun(const QString& id) {
  id_ = id;
  progress_->setRange(0, 1);
  progress_->setValue(0);
  progress_->setFormat(QString());
  rate_->clear();
  warning_->clear();
  warning_->hide();
  runChanged(id);
  reloadFiles();
  if (const JobProgress* p = manager_ && !id.isEmpty() ? manager_->lastProgress(id) : nullptr)
    runProgress(id, *p);
}

void JobsLive::runChanged(const QString& id) {
  if (id != id_) return;
  const RunRecord* r = manager_ && !id.isEmpty() ? manager_->run(id) : nullptr;
  if (!r) {
    title_->setText(tr("No job yet"));
    state_->setText(tr("Submit one with the form (Ctrl+Return)."));
    message_->hide();
    warning_->setWordWrap(true);
    warning_->setStyleSheet(QStringLiteral("QLabel { color: #8a5a00; }"));
    warning_->hide();
    return;
  }
  title_->setText(
      r->name + QStringLiteral(" · ") + r->backend + QStringLiteral(" · ") + r->device +
      (r->slurm_job_id.isEmpty() ? QString() : tr(" · Slurm job %1").arg(r->slurm_job_id)));
  QString state = toString(r->state);
  if (!r->slurm_state.isEmpty() && isActive(r->state))
    state += QStringLiteral(" (") + r->slurm_state + QLatin1Char(')');
  if (r->state == JobState::Finished) {
    state += tr(": val acc %1, val loss %2")
                 .arg(r->final.value(QStringLiteral("val_acc")).toDouble(), 0, 'f', 4)
                 .arg(r->final.value(QStringLiteral("val_loss")).toDouble(), 0, 'g', 5);
    progress_->setRange(0, 1);
    progress_->setValue(1);
    progress_->setFormat(tr("done in %1 s").arg(r->durationSeconds(), 0, 'f', 1));
  }
  state_->setText(state);
  const bool bad = r->state == JobState::Failed || r->state == JobState::Cancelled;
  message_->setVisible(bad && !r->message.isEmpty());
  message_->setPlainText(bad ? r->message : QString());
  if (!isActive(r->state)) reloadFiles();  // what the worker left, also after a kill
}

void JobsLive::runProgress(const QString& id, const JobProgress& p) {
  if (id != id_) return;
  if (p.of > 0) {
    progress_->setRange(0, p.of);
    progress_->setValue(qMin(p.step, p.of));
    const QString left = eta(p.values.value(QStringLiteral("eta_s"), NAN));
    progress_->setFormat(QStringLiteral("%p%") +
                         (left.isEmpty() ? QString() : QStringLiteral(" · ") + left));
  }
  if (p.values.contains(QStringLiteral("samples_per_s")))
    rate_->setText(
        tr("%1 samples/s").arg(p.values.value(QStringLiteral("samples_per_s")), 0, 'f', 0));
  if (p.values.contains(QStringLiteral("loss"))) reloadSoon();  // an epoch ended: a new row
}

void JobsLive::meshUpdated(const QString& id) {
  if (id == id_) reloadSoon();
}

void JobsLive::reloadSoon() {
  if (reload_pending_) return;
  reload_pending_ = true;
  QTimer::singleShot(250, this, [this] {
    reload_pending_ = false;
    reloadFiles();
  });
}

void JobsLive::reloadFiles() {
  const RunRecord* r = manager_ && !id_.isEmpty() ? manager_->run(id_) : nullptr;
  if (!r) {
    curves_->setRuns({}, {});
    meshes_->setMeshes({});
    curve_points_ = 0;
    return;
  }
  const RunMetrics m = readRunMetrics(r->dir);
  curve_points_ = int(m.rows.size());
  curves_->setRuns({{r->name, QColor(31, 119, 180), m, r->started}}, {});
  meshes_->setMeshes(readEncoderMeshes(r->dir));
  if (!m.isEmpty() && m.columns.contains(QStringLiteral("samples_per_s"))) {
    const double sps = m.column(QStringLiteral("samples_per_s")).back();
    if (std::isfinite(sps)) rate_->setText(tr("%1 samples/s").arg(sps, 0, 'f', 0));
  }
}

void JobsLive::runWarning(const QString& id, const QString& message) {
  if (id != id_) return;
  warning_->setText(warning_->text().isEmpty() ? message
                                               : warning_->text() + QLatin1Char('\n') + message);
  warning_->show();
}

QString JobsLive::warningText() const { return warning_->text(); }

QString JobsLive::stateText() const { return state_->text(); }
QString JobsLive::messageText() const { return message_->toPlainText(); }
int JobsLive::progressValue() const { return progress_->value(); }
int JobsLive::progressMaximum() const { return progress_->maximum(); }

}  // namespace lreg::views
