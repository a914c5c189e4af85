#include "session/worker_jobs.h"

namespace lreg::views {

void waitForJobs(QObject* owner) {
  for (auto* watcher : owner->findChildren<QFutureWatcherBase*>()) watcher->waitForFinished();
}

}  // namespace lreg::views
