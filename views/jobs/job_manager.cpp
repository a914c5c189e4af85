#include "jobs/job_manager.h"

#include <QDir>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTimer>
#include <utility>

#include "jobs/job_spec_check.h"
#include "jobs/run_files.h"
#include "jobs/slurm_job.h"
#include "jobs/worker_locator.h"
#include "session/process_job.h"

namespace lreg::views {

namespace {
const QString kSpecFile = QStringLiteral("job.json");
}

JobManager::JobManager(JobSettings settings, QString app_dir, QObject* parent)
    : QObject(parent), settings_(std::move(settings)) {
  store_ = std::make_unique<RunStore>(settings_.runsRoot());
  const WorkerLocation w = locateWorker(settings_.worker, app_dir);
  worker_ = w.path;
  worker_error_ = w.error;
  for (RunRecord r : store_->runs()) {
    if (!isActive(r.state)) continue;
    if (r.backend == QLatin1String("slurm") && !r.slurm_job_id.isEmpty()) {
      startSlurm(r.id, nullptr);  // re-attach
      continue;
    }
    const bool started = r.started.isValid();
    r.state = started ? JobState::Failed : JobState::Cancelled;
    r.message = started ? tr("the studio closed while this run was active; its metrics up to "
                             "then are kept")
                        : tr("not started before the studio closed");
    if (!r.ended.isValid()) r.ended = QDateTime::currentDateTimeUtc();
    put(r);
  }
}

JobManager::~JobManager() {
  blockSignals(true);  // nothing is reported from a destructor
  for (const QString& id : std::exchange(queue_, {})) {
    if (const RunRecord* found = run(id)) {
      RunRecord r = *found;
      r.state = JobState::Cancelled;
      r.message = tr("not started before the studio closed");
      put(r);
    }
  }
  // Out of live_ first: a worker that stops while we wait reports through end(), which erases.
  std::vector<std::pair<QString, std::unique_ptr<JobBackend>>> stopping;
  for (auto& [id, live] : live_) stopping.emplace_back(id, std::move(live.backend));
  live_.clear();
  for (auto& [id, backend] : stopping) {
    auto* local = dynamic_cast<ProcessJob*>(backend.get());
    if (!local) continue;  // Slurm: goes on without the studio
    local->cancel();       // SIGTERM: the worker checkpoints at its next step
    local->waitFor(settings_.grace_ms);
    if (const RunRecord* found = run(id)) {
      RunRecord r = *found;
      r.state = JobState::Cancelled;
      r.message = tr("stopped when the studio closed; the checkpoint in the run folder resumes it");
      r.ended = QDateTime::currentDateTimeUtc();
      put(r);
    }
  }
  stopping.clear();  // a worker still running after the grace is killed here
  ended_.clear();
}

QString JobManager::submit(const JobRequest& request, QString* id) {
  const CheckedSpec checked = checkJobSpec(request.spec, request.spec_dir);
  if (!checked.ok()) return checked.error;
  const bool slurm = request.backend == QLatin1String("slurm");
  if (!slurm && request.backend != QLatin1String("local"))
    return tr("backend '%1': must be local or slurm").arg(request.backend);
  if (worker_.isEmpty() && (!slurm || settings_.slurm_worker.isEmpty())) return worker_error_;
  RunRecord r = store_->create(checked.name, request.backend, checked.device);
  r.spec = checked.spec;
  QSaveFile f(QDir(r.dir).filePath(kSpecFile));
  if (!f.open(QIODevice::WriteOnly) ||
      f.write(QJsonDocument(checked.spec).toJson(QJsonDocument::Indented)) < 0 || !f.commit())
    return tr("%1: cannot write the spec (%2)").arg(f.fileName(), f.errorString());
  r.state = JobState::Queued;
  put(r);
  if (id) *id = r.id;
  Q_EMIT runAdded(r.id);
  if (slurm) {
    startSlurm(r.id, &request);
  } else {
    queue_ << r.id;
    schedule();
  }
  return {};
}

void JobManager::cancel(const QString& id) {
  if (queue_.removeAll(id) > 0) {
    end(id, JobState::Cancelled, tr("cancelled before it started"), {});
    return;
  }
  const auto it = live_.find(id);
  if (it != live_.end()) it->second.backend->cancel();
}

QStringList JobManager::activeLocalRuns() const {
  QStringList ids = queue_;
  for (const auto& [id, live] : live_) {
    const RunRecord* r = run(id);
    if (r && r->backend == QLatin1String("local")) ids << id;
  }
  return ids;
}

const JobProgress* JobManager::lastProgress(const QString& id) const {
  const auto it = live_.find(id);
  return it != live_.end() && it->second.has_progress ? &it->second.progress : nullptr;
}

qint64 JobManager::processId(const QString& id) const {
  const auto it = live_.find(id);
  const auto* p = it == live_.end() ? nullptr : dynamic_cast<ProcessJob*>(it->second.backend.get());
  return p ? p->processId() : 0;
}

void JobManager::schedule() {
  int cpu = 0;
  bool gpu = false;
  for (const auto& [id, live] : live_) {
    const RunRecord* r = run(id);
    if (!r || r->backend != QLatin1String("local")) continue;
    if (usesGpu(*r))
      gpu = true;
    else
      ++cpu;
  }
  for (qsizetype i = 0; i < queue_.size();) {
    const RunRecord* r = run(queue_[i]);
    const bool needsGpu = r && usesGpu(*r);
    if (r && (needsGpu ? gpu : cpu >= settings_.cpu_cores)) {
      ++i;  // waits for its slot; later CPU (or GPU) jobs may still start
      continue;
    }
    const QString id = queue_.takeAt(i);
    if (!r) continue;
    if (needsGpu)
      gpu = true;
    else
      ++cpu;
    startLocal(id);
  }
}

void JobManager::startLocal(const QString& id) {
  RunRecord r = *run(id);
  ProcessJob::Options o;
  o.events_on_stdout = true;
  o.terminate_grace_ms = settings_.grace_ms;
  o.working_directory = r.dir;
  auto job = std::make_unique<ProcessJob>(
      worker_,
      QStringList{QStringLiteral("job"), QStringLiteral("run"), QDir(r.dir).filePath(kSpecFile),
                  QStringLiteral("--out"), r.dir},
      o);
  JobBackend* raw = job.get();
  live_[id].backend = std::move(job);
  r.state = JobState::Running;
  r.started = QDateTime::currentDateTimeUtc();
  put(r);
  Q_EMIT runChanged(id);
  raw->start(this, callbacksFor(id));
}

void JobManager::startSlurm(const QString& id, const JobRequest* request) {
  const RunRecord& r = *run(id);
  SlurmConnection c;
  c.ssh_host = settings_.ssh_host;
  c.slurm_conf = settings_.slurm_conf;
  c.poll_ms = settings_.poll_ms;
  c.output_timeout_s = settings_.output_timeout_s;
  std::unique_ptr<JobBackend> job;
  if (request) {
    lreg::SlurmBatchJob b;
    b.name = QStringLiteral("lreg-%1").arg(r.name).toStdString();
    b.worker = (settings_.slurm_worker.isEmpty() ? worker_ : settings_.slurm_worker).toStdString();
    b.spec = QDir(r.dir).filePath(kSpecFile).toStdString();
    b.run_dir = r.dir.toStdString();
    b.resources = request->slurm;
    b.resources.gpu = r.device == QLatin1String("cuda");
    job = std::make_unique<SlurmJob>(c, b);
  } else {
    job = std::make_unique<SlurmJob>(c, r.dir, r.slurm_job_id);
  }
  JobBackend* raw = job.get();
  live_[id].backend = std::move(job);
  raw->start(this, callbacksFor(id));
}

JobCallbacks JobManager::callbacksFor(const QString& id) {
  JobCallbacks cb;
  cb.progress = [this, id](const JobProgress& p) {
    const auto it = live_.find(id);
    if (it == live_.end()) return;
    it->second.progress = p;
    it->second.has_progress = true;
    const RunRecord* r = run(id);
    if (r && r->state != JobState::Running) onEvent(id, {{"event", "started"}});
    Q_EMIT runProgress(id, p);
  };
  cb.warning = [this, id](const QString& m) { Q_EMIT warning(id, m); };
  cb.update = [this, id](std::any& v) {
    if (const auto* e = std::any_cast<QJsonObject>(&v)) onEvent(id, *e);
  };
  cb.finished = [this, id](std::any& v) {
    const RunRecord* r = run(id);
    QJsonObject final = r ? readFinal(r->dir) : QJsonObject();
    if (final.isEmpty()) {
      if (const auto* p = std::any_cast<ProcessResult>(&v)) final = p->finished;
      final.remove(QStringLiteral("event"));
    }
    end(id, JobState::Finished, {}, final);
  };
  cb.failed = [this, id](const QString& m) { end(id, JobState::Failed, m, {}); };
  cb.cancelled = [this, id](std::any&) {
    end(id, JobState::Cancelled, tr("cancelled; the checkpoint in the run folder resumes it"), {});
  };
  return cb;
}

void JobManager::onEvent(const QString& id, const QJsonObject& event) {
  const RunRecord* found = run(id);
  if (!found) return;
  RunRecord r = *found;
  const QString kind = event.value(QStringLiteral("event")).toString();
  if (kind == QLatin1String("mesh-update")) {
    Q_EMIT meshUpdated(id);
    return;
  }
  if (kind == QLatin1String("started")) {
    if (r.state == JobState::Running) return;
    r.state = JobState::Running;
    if (!r.started.isValid()) r.started = QDateTime::currentDateTimeUtc();
  } else if (kind == QLatin1String("slurm-submitted")) {
    r.slurm_job_id = event.value(QStringLiteral("job_id")).toString();
    r.state = JobState::Pending;
  } else if (kind == QLatin1String("slurm-state")) {
    r.slurm_state = event.value(QStringLiteral("state")).toString();
    const bool pending = r.slurm_state.startsWith(QLatin1String("PENDING")) ||
                         r.slurm_state.startsWith(QLatin1String("CONFIGURING"));
    if (!pending && r.state == JobState::Pending) {
      r.state = JobState::Running;
      if (!r.started.isValid()) r.started = QDateTime::currentDateTimeUtc();
    }
    // The scheduler's clock (local time) when it has one: a short job may be seen only ended.
    const QDateTime start =
        QDateTime::fromString(event.value(QStringLiteral("start_time")).toString(), Qt::ISODate);
    if (!pending && start.isValid()) r.started = start.toUTC();
    const QDateTime end =
        QDateTime::fromString(event.value(QStringLiteral("end_time")).toString(), Qt::ISODate);
    if (end.isValid()) r.ended = end.toUTC();  // end() keeps it
  } else {
    return;  // checkpoint: nothing the history keeps
  }
  put(r);
  Q_EMIT runChanged(id);
}

void JobManager::end(const QString& id, JobState state, const QString& message,
                     const QJsonObject& final) {
  if (const RunRecord* found = run(id)) {
    RunRecord r = *found;
    r.state = state;
    r.message = message;
    r.final = final;
    if (!r.ended.isValid() || r.backend != QLatin1String("slurm"))
      r.ended = QDateTime::currentDateTimeUtc();
    put(r);
  }
  const auto it = live_.find(id);
  if (it != live_.end()) {
    ended_.push_back(std::move(it->second.backend));  // it is calling us: freed later
    live_.erase(it);
    QTimer::singleShot(0, this, [this] { ended_.clear(); });
  }
  Q_EMIT runChanged(id);
  schedule();
}

void JobManager::put(const RunRecord& r) {
  const QString error = store_->put(r);
  if (!error.isEmpty()) Q_EMIT warning(r.id, error);
}

}  // namespace lreg::views
