#pragma once
// The one interface behind every background job of the studio (KDAB hotspot's JobTracker manner):
// a backend runs the work somewhere (a pool thread: InThreadJob; a child process speaking JSON
// lines: ProcessJob) and reports, on the thread of the context object it was started with and in
// order, any number of progress / warning / update events, then exactly one of finished, failed or
// cancelled. JobTracker puts a generation id on top, so a superseded job's events are dropped.
#include <QMap>
#include <QObject>
#include <QString>
#include <any>
#include <functional>

namespace lreg::views {

// One progress event: the core's Progress, or a `--progress` line of the CLI
// (docs/progress-events.md): step of `of`, elapsed seconds, and the losses by name.
struct JobProgress {
  int step = 0;
  int of = 0;  // 0 when unknown
  double seconds = 0;
  QString message;
  QMap<QString, double> values;  // e.g. train_mae, test_mae, dof
};

struct JobCallbacks {
  std::function<void(const JobProgress&)> progress;
  std::function<void(const QString&)> warning;
  std::function<void(std::any&)> update;    // an intermediate typed value of the work
  std::function<void(std::any&)> finished;  // the work's value
  std::function<void(const QString&)> failed;
  // The work stopped after a cancel; the value is what it returned (empty if nothing).
  std::function<void(std::any&)> cancelled;
};

class JobBackend {
 public:
  virtual ~JobBackend() = default;
  // Starts the work once; the callbacks are invoked on context's thread.
  virtual void start(QObject* context, JobCallbacks callbacks) = 0;
  // Asks the work to stop; it ends with cancelled (unless it had already ended).
  virtual void cancel() = 0;
  // Blocks until the work has stopped (its last events may still be queued for context).
  virtual void wait() = 0;
};

}  // namespace lreg::views
