#pragma once
// A job run on the global thread pool (QtConcurrent). The work gets a JobContext: a cancel token
// to poll (or to hand to core as a ProgressFn that returns false once cancelled), and channels
// for progress, warnings and intermediate values that arrive queued on the context's thread.
#include <QFuture>
#include <QPointer>
#include <atomic>
#include <memory>

#include "lreg/common/progress.h"
#include "session/job_backend.h"

namespace lreg::views {

class JobContext {
 public:
  JobContext(QPointer<QObject> context, std::shared_ptr<const JobCallbacks> callbacks,
             std::shared_ptr<std::atomic<bool>> cancel);

  bool cancelled() const { return *cancel_; }
  // For core loops: reports each Progress as a JobProgress and returns false once cancelled.
  // values, when given, adds losses to each event (it runs on the worker thread).
  ProgressFn progressFn(std::function<void(JobProgress&)> values = {}) const;
  void progress(const JobProgress& p) const;
  void warning(const QString& message) const;
  void update(std::any value) const;  // arrives as JobCallbacks::update, in order

 private:
  QPointer<QObject> context_;
  std::shared_ptr<const JobCallbacks> callbacks_;
  std::shared_ptr<std::atomic<bool>> cancel_;
};

class InThreadJob : public JobBackend {
 public:
  // work's return value is delivered by finished (or by cancelled after a cancel); an exception
  // it throws arrives as failed(what()).
  using Work = std::function<std::any(const JobContext&)>;
  explicit InThreadJob(Work work);
  ~InThreadJob() override;  // cancels and waits

  void start(QObject* context, JobCallbacks callbacks) override;
  void cancel() override { *cancel_ = true; }
  void wait() override;

 private:
  Work work_;
  std::shared_ptr<std::atomic<bool>> cancel_ = std::make_shared<std::atomic<bool>>(false);
  QFuture<void> future_;
};

}  // namespace lreg::views
