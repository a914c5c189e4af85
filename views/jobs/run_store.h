#pragma once
// The history of jobs: every run has its folder under a runs root and an entry in the root's
// index.json, written atomically (QSaveFile) after every change, so the history survives a
// restart of the studio and a crash while it writes. The folder holds what the worker writes
// (docs/jobs.md) plus job.json (the spec as submitted) and, for Slurm, the batch script.
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QVector>

namespace lreg::views {

enum class JobState { Queued, Pending, Running, Finished, Failed, Cancelled };
QString toString(JobState s);
JobState jobStateFromString(const QString& s);  // unknown text: Failed
bool isActive(JobState s);                      // queued, pending or running

struct RunRecord {
  QString id;  // the folder's name: yyyyMMdd-HHmmss-NAME-N
  QString name;
  QString backend;  // "local" or "slurm"
  QString device;   // what the spec asks for: auto, cpu, cuda
  JobState state = JobState::Queued;
  QString message;  // why it failed or was cancelled (the scheduler's message, the stderr tail)
  QDateTime created, started, ended;
  QJsonObject spec;   // the spec as submitted (data paths absolute)
  QJsonObject final;  // final.json of a finished run
  QString slurm_job_id;
  QString slurm_state;  // the scheduler's last word (e.g. "TIMEOUT"), for the table
  QString dir;          // the run folder (absolute)

  double durationSeconds() const;  // started..ended (..now while active); 0 before the start
  QJsonObject toJson() const;
  static RunRecord fromJson(const QJsonObject& o);
};

class RunStore {
 public:
  // Reads root/index.json when it exists; a corrupt index is kept aside (index.json.bad) and
  // reported by loadError(), the history then starts empty rather than being overwritten.
  explicit RunStore(QString root);

  const QString& root() const { return root_; }
  const QString& loadError() const { return load_error_; }
  const QVector<RunRecord>& runs() const { return runs_; }
  const RunRecord* find(const QString& id) const;

  // A new record with a fresh id and its folder created; returns it (not saved yet).
  RunRecord create(const QString& name, const QString& backend, const QString& device);
  // Inserts or replaces the record by id and writes the index; returns an error or empty.
  QString put(const RunRecord& record);
  QString remove(const QString& id);  // the entry only; the folder stays

 private:
  QString save() const;

  QString root_;
  QString load_error_;
  QVector<RunRecord> runs_;
};

}  // namespace lreg::views
