// The Slurm backend against a real Slurm (tests/slurm/slurm_cluster.sh starts a one-node cluster
// and exports SLURM_CONF): a job finishes and its final metrics are read; a job is followed again
// by a new manager (a restart of the studio) and cancelled; a job whose data vanished after the
// check fails with exit 3 and its stderr tail; sbatch refusing a partition is a clear failure;
// the Jobs panel runs a job on the cluster and shows its final metrics; the digits job runs
// locally and on the cluster, a third is cancelled, and a restart finds all three.
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "job_test_util.h"
#include "jobs/run_files.h"
#include "panels/jobs_form.h"
#include "panels/jobs_history.h"
#include "panels/jobs_live.h"
#include "panels/jobs_panel.h"

using namespace lreg::views;
using jobtest::stateOf;
using jobtest::waitFor;

class TestSlurmBackend : public QObject {
  Q_OBJECT

  QTemporaryDir dir_{QDir::tempPath() + QStringLiteral("/lreg-slurm-test-XXXXXX")};

  JobSettings settings() const {
    JobSettings s;
    s.runs_root = dir_.filePath(QStringLiteral("runs"));
    s.worker = QStringLiteral(LREG_CLI);
    s.slurm_conf = qEnvironmentVariable("SLURM_CONF");
    s.poll_ms = 250;
    return s;
  }
  JobRequest request(const QJsonObject& spec) const {
    JobRequest r;
    r.spec = spec;
    r.spec_dir = dir_.path();
    r.backend = QStringLiteral("slurm");
    r.slurm.time_limit = "10";
    r.slurm.mem_mb = 200;
    return r;
  }

 private Q_SLOTS:
  void initTestCase() {
    if (qEnvironmentVariableIsEmpty("SLURM_CONF"))
      QFAIL("SLURM_CONF is not set: run this test through tests/slurm/slurm_cluster.sh");
    QVERIFY(dir_.isValid());
  }

  void jobFinishesWithItsFinalMetrics() {
    JobManager m(settings(), QString());
    QString id;
    QCOMPARE(m.submit(request(jobtest::spec(dir_.path(), QStringLiteral("done"), 6)), &id),
             QString());
    QVERIFY(waitFor([&] { return !isActive(stateOf(m, id)); }));
    const RunRecord& r = *m.run(id);
    QVERIFY2(r.state == JobState::Finished, qPrintable(r.message));
    QVERIFY(!r.slurm_job_id.isEmpty());
    QCOMPARE(r.final.value(QStringLiteral("epochs")).toInt(), 6);
    QVERIFY(r.final.value(QStringLiteral("val_acc")).toDouble() > 0);
    const RunMetrics metrics = readRunMetrics(r.dir);
    QCOMPARE(metrics.rows.size(), 7);  // the frozen model, then one row per epoch
    QVERIFY(QFile::exists(QDir(r.dir).filePath(QStringLiteral("job.sbatch"))));
  }

  void jobSurvivesARestartAndIsCancelled() {
    QString id;
    {
      JobManager m(settings(), QString());
      QCOMPARE(m.submit(request(jobtest::spec(dir_.path(), QStringLiteral("long"), 1000000)), &id),
               QString());
      QVERIFY(waitFor([&] { return m.lastProgress(id) != nullptr; }));
      QVERIFY(stateOf(m, id) == JobState::Running);
    }  // the studio closes: the Slurm job goes on
    JobManager again(settings(), QString());
    QVERIFY(stateOf(again, id) == JobState::Running);
    QSignalSpy progress(&again, &JobManager::runProgress);
    QVERIFY(waitFor([&] { return again.lastProgress(id) != nullptr; }));  // followed again
    again.cancel(id);
    QVERIFY(waitFor([&] { return !isActive(stateOf(again, id)); }));
    QVERIFY2(stateOf(again, id) == JobState::Cancelled, qPrintable(again.run(id)->message));
  }

  void jobWithVanishedDataFailsWithItsStderrTail() {
    JobManager m(settings(), QString());
    QTemporaryDir data(dir_.filePath(QStringLiteral("vanish-XXXXXX")));
    QString id;
    JobRequest req = request(jobtest::spec(data.path(), QStringLiteral("vanish"), 3));
    req.spec_dir = data.path();
    QCOMPARE(m.submit(req, &id), QString());
    // Checked and submitted; the data goes before the job can start.
    QVERIFY(QFile::remove(data.filePath(QStringLiteral("features.npz"))));
    QVERIFY(waitFor([&] { return !isActive(stateOf(m, id)); }));
    const RunRecord& r = *m.run(id);
    QVERIFY2(r.state == JobState::Failed,
             qPrintable(toString(r.state) + QLatin1Char(' ') + r.message));
    QVERIFY2(r.message.contains(QLatin1String("exit code 3")), qPrintable(r.message));
    QVERIFY2(r.message.contains(QLatin1String("lreg: error:")), qPrintable(r.message));
    QVERIFY2(r.message.contains(QLatin1String("features.npz")), qPrintable(r.message));
  }

  void panelRunsAJobOnTheCluster() {
    JobsPanel p(settings());
    p.resize(1400, 900);
    jobtest::spec(dir_.path(), QStringLiteral("x"), 1);  // copies the features
    p.form()->setDataFile(dir_.filePath(QStringLiteral("features.npz")));
    p.form()->setName(QStringLiteral("panel-slurm"));
    p.form()->setEpochs(8);
    p.form()->setBackend(QStringLiteral("slurm"));
    QCOMPARE(p.submit(), QString());
    const QString id = p.live()->runId();
    QVERIFY(waitFor([&] { return !isActive(stateOf(*p.manager(), id)); }));
    QVERIFY2(stateOf(*p.manager(), id) == JobState::Finished, qPrintable(p.live()->messageText()));
    QCOMPARE(p.manager()->run(id)->backend, QStringLiteral("slurm"));
    QVERIFY(p.live()->stateText().contains(QLatin1String("val acc")));
    QCOMPARE(p.live()->curvePoints(), 9);
    const QString shot = qEnvironmentVariable("LREG_SLURM_SHOT");
    if (!shot.isEmpty()) QVERIFY(p.grab().save(shot));
  }

  // The "done means": the digits job locally and on the cluster, a third run cancelled
  // mid-run, a restart finds all three in the history, and two of them overlay and export.
  void digitsLocallyAndOnTheClusterThenARestartFindsAllThree() {
    JobSettings s = settings();
    s.runs_root = dir_.filePath(QStringLiteral("digits-runs"));
    QStringList ids;
    {
      JobsPanel p(s);
      const auto launch = [&](const QString& name, const QString& backend, int epochs) {
        if (!p.openSpec(p.digitsSpec())) return QString();
        p.form()->setName(name);
        p.form()->setEpochs(epochs);
        p.form()->setDevice(QStringLiteral("cpu"));
        p.form()->setBackend(backend);
        return p.submit().isEmpty() ? p.live()->runId() : QString();
      };
      ids << launch(QStringLiteral("digits-local"), QStringLiteral("local"), 4)
          << launch(QStringLiteral("digits-slurm"), QStringLiteral("slurm"), 4);
      QVERIFY2(!ids.contains(QString()), qPrintable(p.errorText()));
      QVERIFY(waitFor([&] {
        return !isActive(stateOf(*p.manager(), ids[0])) && !isActive(stateOf(*p.manager(), ids[1]));
      }));
      for (const QString& id : ids) {
        const RunRecord* r = p.manager()->run(id);
        QVERIFY2(r->state == JobState::Finished, qPrintable(r->message));
        QVERIFY(r->final.contains(QStringLiteral("pretrain")));
        // 10 classes (chance 0.1): well above it means the pretraining and the head both ran.
        QVERIFY(r->final.value(QStringLiteral("val_acc")).toDouble() > 0.5);
      }
      QCOMPARE(p.manager()->run(ids[1])->backend, QStringLiteral("slurm"));
      const QString third =
          launch(QStringLiteral("digits-cancelled"), QStringLiteral("local"), 100000);
      QVERIFY(!third.isEmpty());
      QVERIFY(waitFor([&] {
        const JobProgress* pr = p.manager()->lastProgress(third);
        return pr && pr->values.value(QStringLiteral("epoch")) >= 2;
      }));
      p.cancelCurrent();
      QVERIFY(waitFor([&] { return !isActive(stateOf(*p.manager(), third)); }));
      QVERIFY(stateOf(*p.manager(), third) == JobState::Cancelled);
      ids << third;
    }
    JobsPanel again(s);  // a restart of the studio
    QCOMPARE(again.history()->table()->model()->rowCount(), 3);
    for (const QString& id : ids) QVERIFY(again.manager()->run(id) != nullptr);
    again.history()->selectRuns({ids[0], ids[1]});
    QCOMPARE(again.history()->selectedRuns().size(), 2);
    const QString csv = dir_.filePath(QStringLiteral("digits-overlay.csv"));
    QCOMPARE(again.exportData(csv), QString());
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    QVERIFY(text.contains(ids[0]) && text.contains(ids[1]) && !text.contains(ids[2]));
  }

  void outputFileThatNeverAppearsIsAFailure() {
    JobSettings s = settings();
    s.output_timeout_s = 1;
    JobManager m(s, QString());
    QString id;
    QCOMPARE(m.submit(request(jobtest::spec(dir_.path(), QStringLiteral("lost"), 1000000)), &id),
             QString());
    QVERIFY(waitFor([&] { return m.lastProgress(id) != nullptr; }));
    // As if the node wrote it where this computer cannot see it.
    QVERIFY(QFile::remove(QDir(m.run(id)->dir).filePath(QStringLiteral("events.jsonl"))));
    QVERIFY(waitFor([&] { return !isActive(stateOf(m, id)); }));
    QVERIFY(stateOf(m, id) == JobState::Failed);
    QVERIFY2(m.run(id)->message.contains(QLatin1String("never appeared")),
             qPrintable(m.run(id)->message));
    const QString job = m.run(id)->slurm_job_id;
    QVERIFY(waitFor([&] {  // cancelled with the failure: nobody could follow it any more
      QProcess p;
      p.start(QStringLiteral("scontrol"), {QStringLiteral("show"), QStringLiteral("job"), job});
      p.waitForFinished();
      const QByteArray out = p.readAllStandardOutput();
      return out.isEmpty() || out.contains("JobState=CANCELLED");
    }));
  }

  void sbatchRefusalIsAClearFailure() {
    JobManager m(settings(), QString());
    JobRequest req = request(jobtest::spec(dir_.path(), QStringLiteral("refused"), 1));
    req.slurm.partition = "no-such-partition";
    QString id;
    QCOMPARE(m.submit(req, &id), QString());
    QVERIFY(waitFor([&] { return !isActive(stateOf(m, id)); }));
    const RunRecord& r = *m.run(id);
    QVERIFY(r.state == JobState::Failed);
    QVERIFY2(r.message.startsWith(QLatin1String("sbatch refused the job")), qPrintable(r.message));
    QVERIFY2(r.message.contains(QLatin1String("partition")), qPrintable(r.message));
  }
};

QTEST_MAIN(TestSlurmBackend)
#include "tst_slurm_backend.moc"
