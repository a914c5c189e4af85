#pragma once
// A job run as a child process that speaks the JSON-lines protocol of `lreg ... --progress`
// (docs/progress-events.md) on stderr: one object per line, "event" in started / progress /
// warning / finished / failed. Lines that are not JSON objects are kept as log text. The child's
// stdout is collected and handed over with its "finished" event when it exits with code 0. A
// non-zero exit or a crash is a failure whose message carries the child's "failed" message or,
// failing that, the tail of its stderr; a cancel kills the child and reports cancelled.
//
// The job worker (`lreg job run`, docs/jobs.md) writes its events on stdout instead: with
// Options::events_on_stdout the events are read from stdout, stderr is kept as the log whose tail
// a failure quotes, and the worker's other events (started, mesh-update, checkpoint) arrive as
// JobCallbacks::update values (a QJsonObject). With a terminate_grace_ms >= 0 a cancel sends
// SIGTERM first (the worker checkpoints and exits 5) and kills only after that grace.
#include <QByteArray>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QStringList>
#include <memory>

#include "session/job_backend.h"

class QProcess;

namespace lreg::views {

// The value a ProcessJob finishes with.
struct ProcessResult {
  QByteArray stdout_data;
  QJsonObject finished;  // the "finished" event (empty if the child wrote none)
};

class ProcessJob : public JobBackend {
 public:
  static constexpr int kTailChars = 2000;  // of stderr, quoted in a failure

  struct Options {
    bool events_on_stdout = false;
    int terminate_grace_ms = -1;  // < 0: a cancel kills at once
    QString working_directory;    // empty: the studio's
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  };

  ProcessJob(QString program, QStringList arguments);
  ProcessJob(QString program, QStringList arguments, Options options);
  ~ProcessJob() override;  // kills a child still running

  void start(QObject* context, JobCallbacks callbacks) override;
  void cancel() override;
  void wait() override;
  bool waitFor(int ms);  // like wait(), for at most ms; true when the child has stopped

  qint64 processId() const;  // 0 before the child started and after it ended
  const QString& stderrTail() const { return tail_; }

 private:
  void readEvents(bool flush);
  void readLog(bool flush);
  void keepTail(const QByteArray& line);
  void handleLine(const QByteArray& line);
  void onExited(int code, bool crashed);

  QString program_;
  QStringList arguments_;
  Options options_;
  QProcess* process_ = nullptr;  // child of the context object, so it lives on its thread
  JobCallbacks callbacks_;
  QByteArray pending_;      // an event line not yet complete
  QByteArray pending_log_;  // a log line not yet complete (worker mode: stderr)
  QByteArray stdout_;
  QString tail_;
  QString failed_message_;
  QJsonObject finished_;
  bool cancelled_ = false;
  bool ended_ = false;
};

// Parses one protocol line into its event (Progress: step, of, seconds and every other number
// as a value). Returns false for a line that is not a JSON object with a string "event".
bool parseEventLine(const QByteArray& line, QJsonObject& event, JobProgress& progress);

}  // namespace lreg::views
