// The local backend and the run history: a tiny CPU job finishes with its final metrics; a killed
// worker is failed with its stderr tail and the metrics it wrote stay readable; a cancel stops the
// worker by SIGTERM (exit 5, checkpoint); a malformed spec or a missing data file never reaches a
// backend; GPU jobs run one at a time; the history reloads in a new manager; two runs export to
// one CSV.
#include <signal.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "job_test_util.h"
#include "jobs/run_files.h"
#include "jobs/worker_locator.h"

using namespace lreg::views;
using jobtest::stateOf;
using jobtest::waitFor;

class TestJobManager : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;

  JobSettings settings() const {
    JobSettings s;
    s.runs_root = dir_.filePath(QStringLiteral("runs"));
    s.worker = QStringLiteral(LREG_CLI);
    s.cpu_cores = 2;
    return s;
  }
  JobRequest request(const QJsonObject& spec) const {
    JobRequest r;
    r.spec = spec;
    r.spec_dir = dir_.path();
    return r;
  }

 private Q_SLOTS:
  void tinyCpuJobFinishes() {
    JobManager m(settings(), QString());
    QSignalSpy progress(&m, &JobManager::runProgress);
    QString id;
    QCOMPARE(m.submit(request(jobtest::spec(dir_.path(), QStringLiteral("tiny"), 4)), &id),
             QString());
    QVERIFY(waitFor([&] { return !isActive(stateOf(m, id)); }));
    const RunRecord& r = *m.run(id);
    QVERIFY2(r.state == JobState::Finished, qPrintable(r.message));
    QVERIFY(progress.count() >= 4);  // at least the epoch ends
    const auto last = progress.last().at(1).value<JobProgress>();
    QCOMPARE(last.step, last.of);
    QCOMPARE(r.final.value(QStringLiteral("epochs")).toInt(), 4);
    QVERIFY(r.final.contains(QStringLiteral("val_loss")));
    QCOMPARE(readRunMetrics(r.dir).rows.size(), 5);
    QVERIFY(r.durationSeconds() >= 0);
    QVERIFY(!readEncoderMeshes(r.dir).isEmpty());
  }

  void killedWorkerIsFailedWithPartialMetrics() {
    JobManager m(settings(), QString());
    QString id;
    QCOMPARE(m.submit(request(jobtest::spec(dir_.path(), QStringLiteral("killed"), 1000000)), &id),
             QString());
    // Two epochs done: their rows are in metrics.csv.
    QVERIFY(waitFor([&] {
      const JobProgress* p = m.lastProgress(id);
      return p && p->values.value(QStringLiteral("epoch")) >= 2 &&
             p->values.contains(QStringLiteral("loss"));
    }));
    QVERIFY(m.processId(id) > 0);
    ::kill(static_cast<pid_t>(m.processId(id)), SIGKILL);
    QVERIFY(waitFor([&] { return !isActive(stateOf(m, id)); }));
    const RunRecord& r = *m.run(id);
    QVERIFY(r.state == JobState::Failed);
    QVERIFY2(r.message.contains(QLatin1String("crashed")), qPrintable(r.message));
    const RunMetrics metrics = readRunMetrics(r.dir);
    QVERIFY2(metrics.rows.size() >= 3, qPrintable(metrics.error));  // frozen + 2 epochs at least
    QVERIFY(metrics.columns.contains(QStringLiteral("val_loss")));
  }

  void cancelStopsTheWorkerBySigterm() {
    JobManager m(settings(), QString());
    QString id;
    QCOMPARE(m.submit(request(jobtest::spec(dir_.path(), QStringLiteral("cancel"), 1000000)), &id),
             QString());
    QVERIFY(waitFor([&] { return m.lastProgress(id) != nullptr; }));
    m.cancel(id);
    QVERIFY(waitFor([&] { return !isActive(stateOf(m, id)); }));
    QVERIFY2(stateOf(m, id) == JobState::Cancelled, qPrintable(m.run(id)->message));
    // SIGTERM, not SIGKILL: the worker stopped at a step boundary and left its checkpoint.
    QVERIFY(QFile::exists(QDir(m.run(id)->dir).filePath(QStringLiteral("checkpoint.safetensors"))));
  }

  void malformedSpecNeverReachesABackend() {
    JobManager m(settings(), QString());
    QSignalSpy added(&m, &JobManager::runAdded);
    const int before = int(m.store().runs().size());
    QJsonObject bad = jobtest::spec(dir_.path(), QStringLiteral("bad"), 2);
    bad.insert(QStringLiteral("device"), QStringLiteral("tpu"));
    QJsonObject options = bad.value(QStringLiteral("options")).toObject();
    options.insert(QStringLiteral("lr"), -1);
    bad.insert(QStringLiteral("options"), options);
    const QString error = m.submit(request(bad));
    QVERIFY(error.contains(QLatin1String("device")));
    QVERIFY(error.contains(QLatin1String("options.lr")));
    QJsonObject missing = jobtest::spec(dir_.path(), QStringLiteral("missing"), 2);
    missing.insert(QStringLiteral("data"), QJsonObject{{"features", "nowhere.npz:features"},
                                                       {"labels", "nowhere.npz:labels"}});
    QVERIFY(m.submit(request(missing)).contains(QLatin1String("nowhere.npz does not exist")));
    QCOMPARE(added.count(), 0);
    QCOMPARE(int(m.store().runs().size()), before);
    QVERIFY(m.activeLocalRuns().isEmpty());
  }

  void gpuJobsRunOneAtATime() {
    JobManager m(settings(), QString());
    QString first, second;
    QCOMPARE(m.submit(request(jobtest::spec(dir_.path(), QStringLiteral("g1"), 1000000,
                                            QStringLiteral("cuda"))),
                      &first),
             QString());
    QCOMPARE(m.submit(request(jobtest::spec(dir_.path(), QStringLiteral("g2"), 1000000,
                                            QStringLiteral("cuda"))),
                      &second),
             QString());
    QVERIFY(stateOf(m, first) == JobState::Running);
    QVERIFY(stateOf(m, second) == JobState::Queued);
    m.cancel(first);
    QVERIFY(waitFor([&] { return stateOf(m, second) == JobState::Running; }));
    QVERIFY(stateOf(m, first) == JobState::Cancelled);
    m.cancel(second);
    QVERIFY(waitFor([&] { return !isActive(stateOf(m, second)); }));
  }

  void historyReloadsAndExportsTwoRuns() {
    QStringList ids;
    {
      JobManager m(settings(), QString());
      for (int epochs : {2, 3}) {
        QString id;
        QCOMPARE(
            m.submit(request(jobtest::spec(dir_.path(), QStringLiteral("h%1").arg(epochs), epochs)),
                     &id),
            QString());
        ids << id;
      }
      QVERIFY(waitFor([&] { return m.activeLocalRuns().isEmpty(); }));
    }
    JobManager again(settings(), QString());
    QVector<RunRecord> runs;
    for (const QString& id : ids) {
      QVERIFY(again.run(id));
      QVERIFY(again.run(id)->state == JobState::Finished);
      runs << *again.run(id);
    }
    const QString csv = dir_.filePath(QStringLiteral("two.csv"));
    QCOMPARE(exportRunsCsv(csv, runs), QString());
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(f.readAll()).trimmed().split(QLatin1Char('\n'));
    QVERIFY(lines.first().startsWith(QLatin1String("run,name,backend,device,state,epoch")));
    QCOMPARE(lines.size(), 1 + 3 + 4);  // header, then (epochs + 1) rows per run
    QCOMPARE(lines.filter(ids[0]).size(), 3);
    QCOMPARE(lines.filter(ids[1]).size(), 4);
  }

  void closingRecordsLocalRunsCancelledWithACheckpoint() {
    QString id;
    {
      JobManager m(settings(), QString());
      QCOMPARE(
          m.submit(request(jobtest::spec(dir_.path(), QStringLiteral("closed"), 1000000)), &id),
          QString());
      QVERIFY(waitFor([&] { return m.lastProgress(id) != nullptr; }));
    }  // the studio closes
    JobManager again(settings(), QString());
    QVERIFY(again.run(id)->state == JobState::Cancelled);
    QVERIFY(again.run(id)->message.contains(QLatin1String("studio closed")));
    QVERIFY(
        QFile::exists(QDir(again.run(id)->dir).filePath(QStringLiteral("checkpoint.safetensors"))));
  }

  void missingSbatchIsAClearMessage() {
    const QByteArray path = qgetenv("PATH");
    qputenv("PATH", dir_.filePath(QStringLiteral("empty")).toUtf8());
    JobManager m(settings(), QString());
    JobRequest r = request(jobtest::spec(dir_.path(), QStringLiteral("nosbatch"), 1));
    r.backend = QStringLiteral("slurm");
    QString id;
    const QString error = m.submit(r, &id);
    qputenv("PATH", path);
    QCOMPARE(error, QString());
    QVERIFY(waitFor([&] { return !isActive(stateOf(m, id)); }));
    QVERIFY(m.run(id)->state == JobState::Failed);
    QVERIFY2(m.run(id)->message.contains(QLatin1String("slurm-client")),
             qPrintable(m.run(id)->message));
  }

  void missingWorkerIsAClearMessage() {
    const WorkerLocation w = locateWorker(dir_.filePath(QStringLiteral("no-lreg")), QString());
    QVERIFY(w.path.isEmpty());
    QVERIFY(w.error.contains(QLatin1String("no-lreg")));
    JobSettings s = settings();
    s.worker = dir_.filePath(QStringLiteral("no-lreg"));
    JobManager m(s, QString());
    QVERIFY(m.submit(request(jobtest::spec(dir_.path(), QStringLiteral("w"), 1)))
                .contains(QLatin1String("not an executable")));
    // Next to the studio first.
    QCOMPARE(locateWorker(QString(), QFileInfo(QStringLiteral(LREG_CLI)).absolutePath()).path,
             QFileInfo(QStringLiteral(LREG_CLI)).absoluteFilePath());
  }
};

QTEST_GUILESS_MAIN(TestJobManager)
#include "tst_job_manager.moc"
