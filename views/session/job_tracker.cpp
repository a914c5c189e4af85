#include "session/job_tracker.h"

#include <QCoreApplication>
#include <algorithm>

namespace lreg::views {

JobTracker::JobTracker(QObject* parent) : QObject(parent) { qRegisterMetaType<JobProgress>(); }

JobTracker::~JobTracker() {
  for (auto& e : jobs_) e.job->cancel();
  waitForStopped();
}

quint64 JobTracker::start(std::unique_ptr<JobBackend> job, JobHandlers handlers) {
  for (auto& e : jobs_) e.job->cancel();  // superseded: its events are dropped below
  const quint64 gen = ++generation_;
  cancelling_ = false;
  auto h = std::make_shared<const JobHandlers>(std::move(handlers));
  const auto current = [this, gen] { return gen == generation_; };
  JobCallbacks cb;
  cb.progress = [this, current](const JobProgress& p) {
    if (current()) Q_EMIT progress(p);
  };
  cb.warning = [this, current](const QString& m) {
    if (current()) Q_EMIT warning(m);
  };
  cb.update = [current, h](std::any& v) {
    if (current() && h->update) h->update(v);
  };
  cb.finished = [this, gen, current, h](std::any& v) {
    const bool deliver = current();
    end(gen);
    if (!deliver) return;
    setRunning(false);
    if (h->result) h->result(v);
    Q_EMIT finished(gen);
  };
  cb.failed = [this, gen, current](const QString& m) {
    const bool deliver = current();
    end(gen);
    if (!deliver) return;
    setRunning(false);
    Q_EMIT failed(m);
  };
  cb.cancelled = [this, gen, current, h](std::any& v) {
    const bool deliver = current();
    end(gen);
    if (!deliver) return;
    cancelling_ = false;
    setRunning(false);
    if (h->cancelled) h->cancelled(v);
    Q_EMIT cancelled(gen);
  };
  JobBackend* raw = job.get();
  jobs_.push_back({gen, std::move(job)});
  setRunning(true);
  Q_EMIT started(gen);
  raw->start(this, std::move(cb));
  return gen;
}

void JobTracker::cancel() {
  if (!running_) return;
  cancelling_ = true;
  for (auto& e : jobs_)
    if (e.generation == generation_) e.job->cancel();
}

void JobTracker::reset() {
  for (auto& e : jobs_) e.job->cancel();
  ++generation_;
  cancelling_ = false;
  setRunning(false);
}

void JobTracker::end(quint64 generation) {
  const auto it = std::find_if(jobs_.begin(), jobs_.end(),
                               [generation](const Entry& e) { return e.generation == generation; });
  if (it == jobs_.end()) return;
  // Freed from the event loop: the backend may be inside the callback that reported its end.
  JobBackend* job = it->job.get();
  ended_.push_back(std::move(it->job));
  jobs_.erase(it);
  if (jobs_.empty()) Q_EMIT idle();
  QMetaObject::invokeMethod(
      this,
      [this, job] {
        ended_.erase(std::remove_if(ended_.begin(), ended_.end(),
                                    [job](const auto& j) { return j.get() == job; }),
                     ended_.end());
      },
      Qt::QueuedConnection);
}

void JobTracker::waitForStopped() {
  for (auto& e : jobs_) e.job->wait();
}

void JobTracker::waitForIdle() {
  while (running_) {
    waitForStopped();
    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
  }
}

void JobTracker::setRunning(bool running) {
  if (running_ == running) return;
  running_ = running;
  Q_EMIT runningChanged(running_);
}

}  // namespace lreg::views
