// The job tracker and its two backends: a superseded job's result is dropped, a cancelled job
// reports cancelled and never delivers, a failure arrives as failed(message), progress arrives in
// order; the out-of-process backend runs the real `lreg ... --progress`, parses its lines, and
// reports a killed child as failed with its stderr tail.
#include <signal.h>

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <atomic>
#include <thread>

#include "lreg/common/status.h"
#include "session/job_tracker.h"
#include "session/process_job.h"

using namespace lreg::views;

namespace {

constexpr int kTimeoutMs = 60000;

// Waits (processing events) until pred() holds; false on timeout.
template <typename Pred>
bool waitFor(Pred pred, int ms = kTimeoutMs) {
  QElapsedTimer t;
  t.start();
  while (!pred()) {
    if (t.elapsed() > ms) return false;
    QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
  }
  return true;
}

}  // namespace

class TestJobTracker : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void supersededResultIsDropped() {
    JobTracker tracker;
    std::atomic<bool> release{false};
    std::atomic<bool> firstSawCancel{false};
    QList<int> results;
    tracker.run<int>(
        [&](const JobContext& job) {
          while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
          firstSawCancel = job.cancelled();
          return 1;
        },
        [&](int&& v) { results << v; });
    const quint64 second =
        tracker.run<int>([](const JobContext&) { return 2; }, [&](int&& v) { results << v; });
    release = true;
    QSignalSpy finished(&tracker, &JobTracker::finished);
    tracker.waitForIdle();
    tracker.waitForStopped();
    QCoreApplication::processEvents();
    QCOMPARE(results, QList<int>{2});
    QVERIFY(firstSawCancel);  // the superseded job was told to stop
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toULongLong(), second);
    QVERIFY(!tracker.isRunning());
  }

  void cancelledJobReportsCancelledAndNeverDelivers() {
    JobTracker tracker;
    QSignalSpy cancelled(&tracker, &JobTracker::cancelled);
    QSignalSpy finished(&tracker, &JobTracker::finished);
    std::atomic<bool> running{false};
    bool delivered = false;
    tracker.run<int>(
        [&](const JobContext& job) {
          running = true;
          while (!job.cancelled()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
          return 42;
        },
        [&](int&&) { delivered = true; });
    QVERIFY(waitFor([&] { return running.load(); }));
    tracker.cancel();
    QVERIFY(tracker.isCancelling());
    QVERIFY(cancelled.wait(kTimeoutMs));
    QVERIFY(!delivered);
    QCOMPARE(finished.count(), 0);
    QVERIFY(!tracker.isRunning());
  }

  void failureArrivesAsFailedMessage() {
    JobTracker tracker;
    QSignalSpy failed(&tracker, &JobTracker::failed);
    bool delivered = false;
    tracker.run<int>(
        [](const JobContext&) -> int { throw lreg::InputError("data.csv: row 3: not a number"); },
        [&](int&&) { delivered = true; });
    QVERIFY(failed.wait(kTimeoutMs));
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("data.csv: row 3: not a number"));
    QVERIFY(!delivered);
  }

  void progressArrivesInOrderBeforeTheResult() {
    JobTracker tracker;
    QList<int> steps;
    bool resultAfterProgress = false;
    connect(&tracker, &JobTracker::progress, this, [&](const JobProgress& p) { steps << p.step; });
    tracker.run<int>(
        [](const JobContext& job) {
          const lreg::ProgressFn fn =
              job.progressFn([](JobProgress& p) { p.values["x"] = p.step; });
          for (int i = 1; i <= 200; ++i) fn({i, 200, 0.0, ""});
          return 200;
        },
        [&](int&& n) { resultAfterProgress = steps.size() == n; });
    tracker.waitForIdle();
    QCOMPARE(steps.size(), 200);
    for (int i = 0; i < steps.size(); ++i) QCOMPARE(steps[i], i + 1);
    QVERIFY(resultAfterProgress);
  }

  void parsesEventLines() {
    QJsonObject e;
    JobProgress p;
    QVERIFY(parseEventLine(R"({"event":"progress","step":3,"of":9,"seconds":0.5,"train_mae":0.25})",
                           e, p));
    QCOMPARE(p.step, 3);
    QCOMPARE(p.of, 9);
    QCOMPARE(p.seconds, 0.5);
    QCOMPARE(p.values.value("train_mae"), 0.25);
    QVERIFY(!p.values.contains("step"));
    QVERIFY(parseEventLine(R"({"event":"warning","message":"no GPU"})", e, p));
    QCOMPARE(p.message, QStringLiteral("no GPU"));
    QVERIFY(!parseEventLine("lreg: error: data.csv", e, p));
    QVERIFY(!parseEventLine(R"({"step":1})", e, p));  // no event
    QVERIFY(!parseEventLine(R"([1,2])", e, p));
  }

  void processBackendRunsTheCli() {
    JobTracker tracker;
    QList<JobProgress> events;
    connect(&tracker, &JobTracker::progress, this, [&](const JobProgress& p) { events << p; });
    ProcessResult result;
    bool delivered = false;
    JobHandlers h;
    h.result = [&](std::any& v) {
      result = std::any_cast<ProcessResult>(v);
      delivered = true;
    };
    tracker.start(std::make_unique<ProcessJob>(
                      LREG_CLI, QStringList{"fit", "--data", "b1", "--dof", "16", "--epochs", "6",
                                            "--seed", "2", "--json", "--progress"}),
                  h);
    tracker.waitForIdle();
    QVERIFY(delivered);
    QCOMPARE(events.size(), 6);
    for (int i = 0; i < events.size(); ++i) {
      QCOMPARE(events[i].step, i + 1);
      QCOMPARE(events[i].of, 6);
      QVERIFY(events[i].values.contains("train_mae"));
      QVERIFY(events[i].values.contains("test_mae"));
    }
    const QJsonObject out = QJsonDocument::fromJson(result.stdout_data).object();
    QCOMPARE(result.finished.value("steps").toInt(), 6);
    // The finished event and stdout describe the same model.
    QCOMPARE(result.finished["test"].toObject()["r2"].toDouble(),
             out["test"].toObject()["r2"].toDouble());
    QCOMPARE(events.last().values.value("test_mae"), out["test"].toObject()["mae"].toDouble());
  }

  void killedChildIsFailedWithItsStderrTail() {
    JobTracker tracker;
    QSignalSpy failed(&tracker, &JobTracker::failed);
    auto job = std::make_unique<ProcessJob>(
        LREG_CLI,
        QStringList{"fit", "--data", "b1", "--dof", "64", "--epochs", "100000", "--progress"});
    ProcessJob* raw = job.get();
    bool killed = false;
    connect(&tracker, &JobTracker::progress, this, [&](const JobProgress& p) {
      if (killed || p.step < 2) return;
      killed = true;
      ::kill(static_cast<pid_t>(raw->processId()), SIGKILL);  // as a crash would
    });
    tracker.start(std::move(job));
    QVERIFY(failed.wait(kTimeoutMs));
    const QString message = failed.at(0).at(0).toString();
    QVERIFY2(message.contains("crashed"), qPrintable(message));
    QVERIFY2(message.contains(R"("event":"progress")"), qPrintable(message));  // the tail
  }

  void failingChildReportsItsFailedEvent() {
    JobTracker tracker;
    QSignalSpy failed(&tracker, &JobTracker::failed);
    tracker.start(std::make_unique<ProcessJob>(
        LREG_CLI, QStringList{"fit", "--data", "/nonexistent/file.csv", "--progress"}));
    QVERIFY(failed.wait(kTimeoutMs));
    const QString message = failed.at(0).at(0).toString();
    QVERIFY2(message.contains("exited with code 3"), qPrintable(message));
    QVERIFY2(message.contains("/nonexistent/file.csv"), qPrintable(message));
  }

  void cancelledChildReportsCancelled() {
    JobTracker tracker;
    QSignalSpy cancelled(&tracker, &JobTracker::cancelled);
    QSignalSpy failed(&tracker, &JobTracker::failed);
    tracker.start(std::make_unique<ProcessJob>(
        LREG_CLI,
        QStringList{"fit", "--data", "b1", "--dof", "64", "--epochs", "100000", "--progress"}));
    QSignalSpy progress(&tracker, &JobTracker::progress);
    QVERIFY(progress.wait(kTimeoutMs));
    tracker.cancel();
    QVERIFY(cancelled.wait(kTimeoutMs));
    QCOMPARE(failed.count(), 0);
  }
};

QTEST_GUILESS_MAIN(TestJobTracker)
#include "tst_job_tracker.moc"
