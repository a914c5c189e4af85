#pragma once
// Runs the Jobs panel's jobs and keeps their history. A submitted spec is checked first
// (job_spec_check.h: a malformed spec never reaches a backend), gets a run folder and an index
// entry (run_store.h), then runs on one of two backends behind JobBackend:
//   local: the worker `lreg job run` as a child process (ProcessJob reading the worker's stdout),
//          queued so that one GPU job (device cuda or auto) runs at a time and CPU jobs up to
//          JobSettings::cpu_cores; a cancel sends SIGTERM, then kills after the grace period.
//   slurm: SlurmJob (sbatch / scontrol / scancel), re-attached by job id after a restart.
// A local run that was active when the studio last closed is marked failed (or cancelled, if it
// never started) on the next start; a Slurm run keeps being followed.
#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <map>
#include <memory>
#include <vector>

#include "jobs/job_settings.h"
#include "jobs/run_store.h"
#include "lreg/jobs/slurm_batch_script.h"
#include "session/job_backend.h"

namespace lreg::views {

struct JobRequest {
  QJsonObject spec;
  QString spec_dir;                           // relative data paths are relative to it
  QString backend = QStringLiteral("local");  // "local" or "slurm"
  lreg::SlurmResources slurm;  // partition, time, CPUs, memory (gpu: from the device)
};

class JobManager : public QObject {
  Q_OBJECT

 public:
  // app_dir: where the worker is looked for first (QCoreApplication::applicationDirPath()).
  JobManager(JobSettings settings, QString app_dir, QObject* parent = nullptr);
  // Stops following Slurm jobs (they go on); local workers still running get SIGTERM and up to the
  // grace period to checkpoint, are killed after it, and are recorded as cancelled.
  ~JobManager() override;

  const JobSettings& settings() const { return settings_; }
  const RunStore& store() const { return *store_; }
  const RunRecord* run(const QString& id) const { return store_->find(id); }
  // The worker found for this settings (empty with workerError() when none).
  QString workerPath() const { return worker_; }
  QString workerError() const { return worker_error_; }

  // Checks and submits; returns the error (nothing is created then) or empty, with the run's id.
  QString submit(const JobRequest& request, QString* id = nullptr);
  void cancel(const QString& id);
  QStringList activeLocalRuns() const;
  const JobProgress* lastProgress(const QString& id) const;
  qint64 processId(const QString& id) const;  // a running local worker's pid, else 0

 Q_SIGNALS:
  void runAdded(const QString& id);
  void runChanged(const QString& id);  // state, message, final metrics
  void runProgress(const QString& id, const lreg::views::JobProgress& progress);
  void meshUpdated(const QString& id);
  void warning(const QString& id, const QString& message);

 private:
  struct Live {
    std::unique_ptr<JobBackend> backend;
    JobProgress progress;
    bool has_progress = false;
  };
  void schedule();
  void startLocal(const QString& id);
  void startSlurm(const QString& id, const JobRequest* request);
  JobCallbacks callbacksFor(const QString& id);
  void onEvent(const QString& id, const QJsonObject& event);
  void end(const QString& id, JobState state, const QString& message, const QJsonObject& final);
  void put(const RunRecord& r);
  bool usesGpu(const RunRecord& r) const { return r.device != QLatin1String("cpu"); }

  JobSettings settings_;
  std::unique_ptr<RunStore> store_;
  QString worker_, worker_error_;
  QStringList queue_;  // local runs waiting, in submission order
  std::map<QString, Live> live_;
  std::vector<std::unique_ptr<JobBackend>> ended_;  // freed from the event loop
};

}  // namespace lreg::views
