#pragma once
// The "Experiments" feature's model: the papers' experiments (lreg/experiments/repro.h), one run
// at a time on the job tracker, and the last report of each. A run goes through runExperiment(),
// so every finished run is in <out>/<name>-runs.csv at once: a cancelled run keeps its rows and
// the next run of the same experiment and options reuses them. Reports written by an earlier run
// (the studio's or `lreg repro`'s) are read back from the output folder, so results survive a
// restart. The panel only draws what this emits.
#include <QDateTime>
#include <QElapsedTimer>
#include <QMap>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>
#include <utility>
#include <vector>

#include "lreg/experiments/repro.h"
#include "session/job_tracker.h"

namespace lreg::views {

using ReproReportPtr = std::shared_ptr<const ReproReport>;

// `lreg repro NAME ...` for these options (what the report's command records).
QString reproCommandLine(const QString& name, const ReproOptions& options);
// Seconds left after the progress events so far, (seconds, runs done) in order, of total runs;
// negative when unknown. The rate is that of the runs after the first tenth of the time, so a
// burst of runs read back from the run log at the start does not make the estimate optimistic.
double etaSeconds(const std::vector<std::pair<double, int>>& events, int total);

class ExperimentsSession : public QObject {
  Q_OBJECT

 public:
  // The experiments the studio offers; tests inject their own.
  explicit ExperimentsSession(std::vector<Experiment> experiments, QObject* parent = nullptr);
  ~ExperimentsSession() override;

  const std::vector<Experiment>& experiments() const { return experiments_; }
  int indexOf(const QString& name) const;  // -1 when there is none of that name

  // Starts experiment index with options (out must be set), superseding nothing: while a run is
  // in flight, run() is refused with failed(). Progress, then finished() or cancelled() (with
  // the partial report, already written) or failed(message).
  void run(int index, const ReproOptions& options);
  void cancel();
  bool isRunning() const { return jobs_.isRunning(); }
  QString runningName() const { return running_; }

  // The report of name in dir: <dir>/<name>.json, read again only when the file changed (a run
  // of `lreg repro` meanwhile). Null when there is none; error (when given) says why an existing
  // file could not be read.
  ReproReportPtr report(const QString& name, const QString& dir, QString* error = nullptr);

  // Writes report's files (repro_output.h) into dir; returns their paths, the Markdown first,
  // or sets error.
  static QStringList exportReport(const ReproReport& report, const QString& dir, QString* error);

  void waitForIdle();  // blocks until the run ended and its end was delivered (tests, demo)

 Q_SIGNALS:
  void started(const QString& name);
  // Runs done of total (0: unknown), wall seconds so far, seconds left (< 0: unknown).
  void progress(const QString& name, int step, int total, double seconds, double eta,
                const QString& message);
  void finished(const QString& name, lreg::views::ReproReportPtr report);
  void cancelled(const QString& name, lreg::views::ReproReportPtr partial);
  void failed(const QString& name, const QString& message);
  void runningChanged(bool running);

 private:
  struct Stored {
    ReproReportPtr report;
    QDateTime modified;  // of the .json it came from
    qint64 size = -1;
  };
  void install(const QString& name, const QString& dir, ReproReport&& r);

  std::vector<Experiment> experiments_;
  QMap<QString, Stored> reports_;  // by the absolute path of the .json
  QString running_dir_;
  QString running_;
  QElapsedTimer clock_;
  std::vector<std::pair<double, int>> events_;  // (seconds, runs done) of this run
  JobTracker jobs_;                             // last: destroyed (its job joined) first
};

}  // namespace lreg::views

Q_DECLARE_METATYPE(lreg::views::ReproReportPtr)
