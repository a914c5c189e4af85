#pragma once
// A job on a Slurm cluster behind the JobBackend interface: start() writes the batch script
// (lreg/jobs/slurm_batch_script.h) into the run folder and submits it with `sbatch --parsable`,
// or re-attaches to a job id submitted before (a restart of the studio). Then it polls
// `scontrol show job ID` and follows the worker's JSON lines in RUN_DIR/events.jsonl as the file
// grows. Once the job leaves the scheduler's view (no accounting), the worker's last event and
// the exit-status file say how it ended. cancel() runs `scancel`. Commands run locally or through
// `ssh HOST`, with SLURM_CONF set when configured; the run folder must be on a path the compute
// nodes share. Besides the worker's events (QJsonObject updates), updates carry
// {"event": "slurm-submitted", "job_id"} and {"event": "slurm-state", "state", "reason"}.
#include <QByteArray>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <functional>

#include "lreg/jobs/slurm_batch_script.h"
#include "lreg/jobs/slurm_outcome.h"
#include "lreg/jobs/slurm_status.h"
#include "session/job_backend.h"

class QProcess;
class QTimer;

namespace lreg::views {

struct SlurmConnection {
  QString ssh_host;    // empty: run sbatch / scontrol / scancel here
  QString slurm_conf;  // exported as SLURM_CONF when not empty
  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  int poll_ms = 2000;
  int output_timeout_s = 120;
};

class SlurmJob : public JobBackend {
 public:
  static constexpr int kTailChars = 2000;

  // Submits job (its run_dir is the run folder).
  SlurmJob(SlurmConnection connection, SlurmBatchJob job);
  // Follows a job submitted before.
  SlurmJob(SlurmConnection connection, QString run_dir, QString job_id);
  // Stops following (the job itself keeps running on the cluster); waits up to 10 s for the
  // command in flight.
  ~SlurmJob() override;

  void start(QObject* context, JobCallbacks callbacks) override;
  void cancel() override;  // scancel; cancelled follows once the scheduler says so
  void wait() override;    // until the command in flight (sbatch, scontrol, scancel) returned

  const QString& jobId() const { return job_id_; }

 private:
  using Done = std::function<void(int exit_code, const QByteArray& out, const QByteArray& err)>;
  void command(const QStringList& argv, Done done);
  void submitted(int code, const QByteArray& out, const QByteArray& err);
  void poll();
  void polled(int code, const QByteArray& out, const QByteArray& err);
  void readOutput();
  void handleLine(const QByteArray& line);
  void endWith(const SlurmJobInfo& info);  // the scheduler says the job ended
  void endFromFiles();                     // the scheduler no longer knows the job
  void settle(const lreg::SlurmEnd& end);
  void fail(const QString& message);
  void finishOk();
  QString workerStory() const;  // the worker's failed message and its stderr tail
  void update(const QJsonObject& event);

  SlurmConnection connection_;
  SlurmBatchJob job_;
  QString run_dir_;
  QString job_id_;
  QObject* context_ = nullptr;
  JobCallbacks callbacks_;
  QTimer* timer_ = nullptr;
  QProcess* process_ = nullptr;  // the command in flight
  qint64 offset_ = 0;            // bytes of events.jsonl read
  QByteArray pending_;
  QString last_state_;
  qint64 running_since_ms_ = -1;
  QJsonObject finished_;
  QString failed_message_;
  bool cancel_requested_ = false;
  bool ended_ = false;
  bool warned_poll_ = false;
};

}  // namespace lreg::views
