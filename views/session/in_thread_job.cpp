#include "session/in_thread_job.h"

#include <QtConcurrent/QtConcurrentRun>
#include <exception>
#include <utility>

namespace lreg::views {

namespace {

// Runs f on context's thread after the events posted before it; dropped if context is gone.
template <typename F>
void post(const QPointer<QObject>& context, F f) {
  if (context) QMetaObject::invokeMethod(context.data(), std::move(f), Qt::QueuedConnection);
}

}  // namespace

JobContext::JobContext(QPointer<QObject> context, std::shared_ptr<const JobCallbacks> callbacks,
                       std::shared_ptr<std::atomic<bool>> cancel)
    : context_(std::move(context)), callbacks_(std::move(callbacks)), cancel_(std::move(cancel)) {}

ProgressFn JobContext::progressFn(std::function<void(JobProgress&)> values) const {
  return [this, values = std::move(values)](const Progress& p) {
    JobProgress j;
    j.step = p.step;
    j.of = p.total;
    j.seconds = p.seconds;
    j.message = QString::fromStdString(p.message);
    if (values) values(j);
    progress(j);
    return !cancelled();
  };
}

void JobContext::progress(const JobProgress& p) const {
  post(context_, [cb = callbacks_, p] {
    if (cb->progress) cb->progress(p);
  });
}

void JobContext::warning(const QString& message) const {
  post(context_, [cb = callbacks_, message] {
    if (cb->warning) cb->warning(message);
  });
}

void JobContext::update(std::any value) const {
  post(context_, [cb = callbacks_, v = std::move(value)]() mutable {
    if (cb->update) cb->update(v);
  });
}

InThreadJob::InThreadJob(Work work) : work_(std::move(work)) {}

InThreadJob::~InThreadJob() {
  cancel();
  wait();
}

void InThreadJob::start(QObject* context, JobCallbacks callbacks) {
  auto cb = std::make_shared<const JobCallbacks>(std::move(callbacks));
  QPointer<QObject> ctx(context);
  future_ = QtConcurrent::run([work = work_, cb, ctx, cancel = cancel_] {
    const JobContext job(ctx, cb, cancel);
    try {
      std::any value = work(job);
      post(ctx, [cb, cancel, v = std::move(value)]() mutable {
        // A cancel that came too late to stop the work still means "do not deliver".
        if (*cancel) {
          if (cb->cancelled) cb->cancelled(v);
        } else if (cb->finished) {
          cb->finished(v);
        }
      });
    } catch (const std::exception& e) {
      post(ctx, [cb, cancel, message = QString::fromStdString(e.what())] {
        std::any none;
        if (*cancel) {
          if (cb->cancelled) cb->cancelled(none);
        } else if (cb->failed) {
          cb->failed(message);
        }
      });
    }
  });
}

void InThreadJob::wait() { future_.waitForFinished(); }

}  // namespace lreg::views
