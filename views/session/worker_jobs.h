#pragma once
// Worker plumbing of the sessions: a job runs on the global thread pool and its result comes back
// on the owner's (GUI) thread, so a session's state is only ever touched from that thread.
#include <QCoreApplication>
#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

namespace lreg::views {

// Submits fn to the pool; done(result) runs on owner's thread through a watcher owned by owner.
template <typename Result, typename Fn, typename Done>
void runJob(QObject* owner, Fn fn, Done done) {
  auto* watcher = new QFutureWatcher<Result>(owner);
  QObject::connect(watcher, &QFutureWatcher<Result>::finished, owner, [watcher, done] {
    done(watcher->result());
    watcher->deleteLater();
  });
  watcher->setFuture(QtConcurrent::run(std::move(fn)));
}

// Blocks until every job watched by a child of owner has finished (destructors).
void waitForJobs(QObject* owner);

// Blocks until busy() is false, delivering the finished jobs' results meanwhile (tests).
template <typename Busy>
void waitUntilIdle(QObject* owner, Busy busy) {
  while (busy()) {
    waitForJobs(owner);
    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
  }
}

}  // namespace lreg::views
