#pragma once
// One job at a time per tracker, in the manner of KDAB hotspot's JobTracker: every start() gets a
// new generation id and supersedes the job before it (which is told to cancel and whose remaining
// events are dropped), so a session only ever sees the results of the job it asked for last.
// Everything is delivered on the tracker's (GUI) thread: progress in order, typed updates and
// the typed result, or failed(message), or cancelled(). A session owns one tracker per kind of
// work that may overlap (a setup and a step, or one run per raced method).
//
//   tracker_.run<Report>([opts](const JobContext& job) { return fit(opts, job.progressFn()); },
//                        [this](Report&& r) { install(std::move(r)); });
#include <QObject>
#include <any>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "session/in_thread_job.h"
#include "session/job_backend.h"

namespace lreg::views {

// What the session does with a job's typed values (each may be empty).
struct JobHandlers {
  std::function<void(std::any&)> result;     // finished
  std::function<void(std::any&)> update;     // JobContext::update values, in order
  std::function<void(std::any&)> cancelled;  // what the work returned after a cancel (partial)
};

class JobTracker : public QObject {
  Q_OBJECT

 public:
  explicit JobTracker(QObject* parent = nullptr);
  ~JobTracker() override;  // cancels and waits for every job it started

  // Starts job, superseding the current one. Returns the new generation.
  quint64 start(std::unique_ptr<JobBackend> job, JobHandlers handlers = {});

  // In-thread work returning R; onResult(R&&) runs on this thread unless superseded / cancelled.
  template <typename R, typename Work, typename OnResult>
  quint64 run(Work work, OnResult onResult) {
    JobHandlers h;
    h.result = [onResult = std::move(onResult)](std::any& v) {
      onResult(std::move(std::any_cast<R&>(v)));
    };
    return start(std::make_unique<InThreadJob>(
                     [work = std::move(work)](const JobContext& c) -> std::any { return work(c); }),
                 std::move(h));
  }

  // Asks the current job to stop; cancelled() follows once it has (never its result).
  void cancel();
  // Drops the current job without waiting: nothing more of it is delivered, no signal follows.
  void reset();
  bool isRunning() const { return running_; }
  bool isCancelling() const { return cancelling_; }
  quint64 generation() const { return generation_; }
  // Blocks until every job has stopped, without delivering (destructors).
  void waitForStopped();
  // Blocks until the current job has ended and its end was delivered (tests).
  void waitForIdle();

 Q_SIGNALS:
  void started(quint64 generation);
  void progress(const lreg::views::JobProgress& progress);
  void warning(const QString& message);
  void finished(quint64 generation);  // after the result handler ran
  void failed(const QString& message);
  void cancelled(quint64 generation);
  void runningChanged(bool running);
  // No job of any generation is left running (also after reset(): the session may free it).
  void idle();

 private:
  struct Entry {
    quint64 generation;
    std::unique_ptr<JobBackend> job;
  };
  void end(quint64 generation);  // the job of that generation stopped: forget it
  void setRunning(bool running);

  std::vector<Entry> jobs_;  // the current job and superseded ones still stopping
  std::vector<std::unique_ptr<JobBackend>> ended_;  // stopped, freed from the event loop
  quint64 generation_ = 0;
  bool running_ = false;
  bool cancelling_ = false;
};

}  // namespace lreg::views

Q_DECLARE_METATYPE(lreg::views::JobProgress)
