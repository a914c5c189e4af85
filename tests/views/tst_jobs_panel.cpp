// The Jobs panel end to end with the real worker: a tiny CPU job shows its progress, curves,
// meshes and final metrics; a killed worker is shown failed with its partial metrics plotted; a
// malformed spec never reaches a backend; the history reloads in a new panel; two overlaid runs
// export to one CSV; the form's parameter preview matches the worker's count.
#include <signal.h>

#include <QAbstractButton>
#include <QApplication>
#include <QFile>
#include <QJsonObject>
#include <QMessageBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "charts/run_curves.h"
#include "job_test_util.h"
#include "panels/jobs_form.h"
#include "panels/jobs_history.h"
#include "panels/jobs_live.h"
#include "panels/jobs_panel.h"
#include "scene/encoder_meshes_view.h"

using namespace lreg::views;
using jobtest::waitFor;

class TestJobsPanel : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;

  JobSettings settings() const {
    JobSettings s;
    s.runs_root = dir_.filePath(QStringLiteral("runs"));
    s.worker = QStringLiteral(LREG_CLI);
    return s;
  }
  QString features() const {
    jobtest::spec(dir_.path(), QStringLiteral("x"), 1);  // copies the features once
    return dir_.filePath(QStringLiteral("features.npz"));
  }
  QString submit(JobsPanel& p, const QString& name, int epochs, double lr = 0.02) {
    p.form()->setDataFile(features());
    p.form()->setName(name);
    p.form()->setEpochs(epochs);
    p.form()->setLearningRate(lr);
    p.form()->setDevice(QStringLiteral("cpu"));
    const QString error = p.submit();
    return error.isEmpty() ? p.live()->runId() : QString();
  }
  static bool ended(const JobsPanel& p, const QString& id) {
    return !isActive(jobtest::stateOf(*p.manager(), id));
  }

 private Q_SLOTS:
  void tinyJobShowsProgressAndFinalMetrics() {
    JobsPanel p(settings());
    const QString id = submit(p, QStringLiteral("tiny"), 5);
    QVERIFY(!id.isEmpty());
    QVERIFY(waitFor([&] { return ended(p, id); }));
    QVERIFY2(p.manager()->run(id)->state == JobState::Finished,
             qPrintable(p.live()->messageText()));
    QCOMPARE(p.live()->progressValue(), p.live()->progressMaximum());
    QVERIFY(p.live()->stateText().contains(QLatin1String("val acc")));
    QCOMPARE(p.live()->curvePoints(), 6);  // frozen model + 5 epochs
    QVERIFY(p.live()->curves()->seriesCount() >= 3);
    QVERIFY(p.live()->meshes()->updates() >= 2);  // the initial mesh and the epochs' updates
    // The preview counts what the worker trains: N = (C_in + 1) d + d n C.
    QTRY_VERIFY_WITH_TIMEOUT(p.form()->shapeKnown(), jobtest::kTimeoutMs);
    QCOMPARE(p.form()->connectionParameters(), qint64((16 + 1) * 16 + 16 * 16 * 4));
    QCOMPARE(p.form()->loraParameters(), qint64(8 * (16 + 4)));
  }

  void theDigitsSpecRunsFromTheForm() {
    JobsPanel p(settings());
    QVERIFY(p.openSpec(p.digitsSpec()));
    QCOMPARE(p.form()->request().spec.value(QStringLiteral("name")).toString(),
             QStringLiteral("digits-connection"));
    // The head sees the pretrained MLP's 16 hidden units; digits has 10 classes; d = n = 8.
    QTRY_VERIFY_WITH_TIMEOUT(p.form()->shapeKnown(), jobtest::kTimeoutMs);
    QCOMPARE(p.form()->connectionParameters(), qint64((16 + 1) * 8 + 8 * 8 * 10));
    p.form()->setEpochs(3);
    p.form()->setDevice(QStringLiteral("cpu"));
    QVERIFY2(p.submit().isEmpty(), qPrintable(p.errorText()));
    const QString id = p.live()->runId();
    QVERIFY(waitFor([&] { return ended(p, id); }));
    const RunRecord* r = p.manager()->run(id);
    QVERIFY2(r->state == JobState::Finished, qPrintable(p.live()->messageText()));
    // Submitted as the file has it where the form has no field: the table, its pretraining, head.
    const QJsonObject data = r->spec.value(QStringLiteral("data")).toObject();
    QVERIFY(
        data.value(QStringLiteral("table")).toString().endsWith(QLatin1String("digits.csv.gz")));
    QCOMPARE(
        data.value(QStringLiteral("pretrain")).toObject().value(QStringLiteral("hidden")).toInt(),
        16);
    QCOMPARE(r->final.value(QStringLiteral("parameters")).toInt(), 776);
    QVERIFY(r->final.contains(QStringLiteral("pretrain")));
    // 10 classes (chance 0.1); the frozen MLP alone is near 0.98, so a broken head falls below.
    QVERIFY(r->final.value(QStringLiteral("val_acc")).toDouble() > 0.5);
    // A file that is not a spec is refused with its name, and the form keeps what it had.
    const QString bad = dir_.filePath(QStringLiteral("bad.json"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("[1, 2");
    f.close();
    QVERIFY(!p.openSpec(bad));
    QVERIFY(p.errorText().contains(QLatin1String("bad.json")));
    QCOMPARE(p.form()->request().spec.value(QStringLiteral("name")).toString(),
             QStringLiteral("digits-connection"));
  }

  void killedWorkerIsFailedWithPartialMetricsShown() {
    JobsPanel p(settings());
    const QString id = submit(p, QStringLiteral("killed"), 1000000);
    QVERIFY(!id.isEmpty());
    QVERIFY(waitFor([&] {
      const JobProgress* pr = p.manager()->lastProgress(id);
      return pr && pr->values.value(QStringLiteral("epoch")) >= 2 &&
             pr->values.contains(QStringLiteral("loss"));
    }));
    const QString shot = qEnvironmentVariable("LREG_JOBS_LIVE_SHOT");  // to look at a live run
    if (!shot.isEmpty()) {
      p.resize(1400, 900);
      p.show();
      QTest::qWait(600);
      QVERIFY(p.grab().save(shot));
    }
    ::kill(static_cast<pid_t>(p.manager()->processId(id)), SIGKILL);
    QVERIFY(waitFor([&] { return ended(p, id); }));
    QVERIFY(p.manager()->run(id)->state == JobState::Failed);
    QVERIFY(p.live()->stateText().startsWith(QLatin1String("failed")));
    QVERIFY2(p.live()->messageText().contains(QLatin1String("crashed")),
             qPrintable(p.live()->messageText()));
    QVERIFY(p.live()->curvePoints() >= 3);  // the rows it wrote, plotted
    QVERIFY(p.live()->curves()->seriesCount() >= 3);
  }

  void malformedSpecNeverReachesABackend() {
    JobsPanel p(settings());
    const int before = int(p.manager()->store().runs().size());
    p.form()->setDataFile(dir_.filePath(QStringLiteral("missing.npz")));
    QVERIFY(p.submit().contains(QLatin1String("missing.npz does not exist")));
    QFile text(dir_.filePath(QStringLiteral("notes.txt")));
    QVERIFY(text.open(QIODevice::WriteOnly));
    text.close();
    p.form()->setDataFile(text.fileName());
    QVERIFY(p.submit().contains(QLatin1String("not a .npy, .npz or .safetensors")));
    QVERIFY(!p.errorText().isEmpty());
    QCOMPARE(int(p.manager()->store().runs().size()), before);
    QVERIFY(p.manager()->activeLocalRuns().isEmpty());
  }

  void cudaWithoutAGpuIsAWarningAndTheRunGoesOn() {
    JobsPanel p(settings());
    p.form()->setDataFile(features());
    p.form()->setName(QStringLiteral("cuda"));
    p.form()->setEpochs(2);
    p.form()->setDevice(QStringLiteral("cuda"));
    QCOMPARE(p.submit(), QString());
    const QString id = p.live()->runId();
    QVERIFY(waitFor([&] { return ended(p, id); }));
    QVERIFY(p.manager()->run(id)->state == JobState::Finished);
    const QString device = p.manager()->run(id)->final.value(QStringLiteral("device")).toString();
    if (device == QLatin1String("cpu"))  // this machine has no usable GPU: the worker says why
      QVERIFY2(p.live()->warningText().contains(QLatin1String("device cuda")),
               qPrintable(p.live()->warningText()));
    else
      QCOMPARE(device, QStringLiteral("cuda"));
  }

  void closingWithLocalJobsAsks() {
    JobsPanel p(settings());
    QVERIFY(p.confirmClose(nullptr));  // nothing runs: no question
    const QString id = submit(p, QStringLiteral("asks"), 1000000);
    QVERIFY(waitFor([&] { return p.manager()->lastProgress(id) != nullptr; }));
    const auto answer = [](QMessageBox::StandardButton b) {
      QTimer::singleShot(50, [b] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        QVERIFY(box);
        box->button(b)->click();
      });
    };
    answer(QMessageBox::No);
    QVERIFY(!p.confirmClose(nullptr));
    QVERIFY(isActive(jobtest::stateOf(*p.manager(), id)));  // still running
    answer(QMessageBox::Yes);
    QVERIFY(p.confirmClose(nullptr));
    QVERIFY(waitFor([&] { return ended(p, id); }));
    QVERIFY(p.manager()->run(id)->state == JobState::Cancelled);
  }

  void historyReloadsAndTwoRunsOverlayAndExport() {
    QTemporaryDir root;
    JobSettings s = settings();
    s.runs_root = root.path();
    QStringList ids;
    {
      JobsPanel p(s);
      ids << submit(p, QStringLiteral("slow"), 4, 0.01)
          << submit(p, QStringLiteral("fast"), 4, 0.1);
      QVERIFY(!ids.contains(QString()));
      QVERIFY(waitFor([&] { return ended(p, ids[0]) && ended(p, ids[1]); }));
    }
    JobsPanel again(s);  // a restart
    QTableView* table = again.history()->table();
    QCOMPARE(table->model()->rowCount(), 2);
    again.history()->selectRuns(ids);
    QCOMPARE(again.history()->selectedRuns().size(), 2);
    // Smoothed: each of the 3 curves of both runs drawn twice (bold EMA, faint raw).
    again.history()->setSmoothing(0.6);
    QCOMPARE(again.history()->overlay()->seriesCount(), 2 * 3 * 2);
    const QString csv = root.filePath(QStringLiteral("both.csv"));
    QCOMPARE(again.exportData(csv), QString());
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    QCOMPARE(text.count(ids[0]), 5);
    QCOMPARE(text.count(ids[1]), 5);
    again.history()->setFilter(QStringLiteral("fast"));
    QCOMPARE(again.history()->visibleRows(), 1);
  }
};

QTEST_MAIN(TestJobsPanel)
#include "tst_jobs_panel.moc"
