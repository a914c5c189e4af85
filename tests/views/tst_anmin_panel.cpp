// The ANMIN vs Adam panel and its sessions, offscreen, on small data: a race draws every
// method's points, cancel stops a run and keeps its points, bad files are reported with their
// row, the SDF view shows full-size images after a step, superseded races are dropped, the
// splits table fills and exports, and settings survive a round trip.
#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "charts/loss_chart.h"
#include "charts/race_charts.h"
#include "lreg/data/embedded.h"
#include "panels/anmin_panel.h"
#include "panels/race_controls.h"
#include "panels/splits_view.h"
#include "scene/sdf_image_view.h"
#include "session/race_session.h"
#include "util/level_set.h"

using namespace lreg::views;

namespace {

constexpr int kTimeoutMs = 60000;

// sim with d = 2 and N = 300: a race of a few steps takes milliseconds.
RaceSetup smallSim(int anminIters = 4, int adamEpochs = 8) {
  RaceSetup s;
  s.source.kind = RaceSource::Kind::Sim;
  s.source.dim = 2;
  s.source.n = 300;
  s.source.seed = 3;
  lreg::NetOptions net;
  net.hidden = 8;
  net.seed = 3;
  s.config.setCommon(net);
  s.config.anmin.iters = anminIters;
  s.config.adam.mb.epochs = adamEpochs;
  s.config.adam.mb.batch = 64;
  s.methods = {"anmin", "adam"};
  return s;
}

}  // namespace

class TestAnminPanel : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void raceAddsPointsForEachMethod() {
    AnminPanel panel;
    panel.resize(1400, 900);
    panel.show();
    panel.controls()->setSetup(smallSim(4, 8));
    QSignalSpy finished(panel.session(), &RaceSession::finished);
    panel.startRace();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
    panel.session()->waitForIdle();

    const RaceRunPtr anmin = panel.session()->run("anmin"), adam = panel.session()->run("adam");
    QVERIFY(anmin && adam);
    QVERIFY(anmin->state == RunState::Finished);
    QVERIFY(adam->state == RunState::Finished);
    QCOMPARE(static_cast<int>(anmin->history.points.size()), 5);  // point 0 and 4 iterations
    QCOMPARE(static_cast<int>(adam->history.points.size()), 9);
    QCOMPARE(panel.charts()->mseVsStep()->pointCount(QStringLiteral("ANMIN")), 5);
    QCOMPARE(panel.charts()->mseVsStep()->pointCount(QStringLiteral("Adam")), 9);
    QVERIFY(panel.charts()->mseVsTime()->pointCount(QStringLiteral("ANMIN")) >= 4);
    QCOMPARE(panel.charts()->r2()->pointCount(QStringLiteral("Adam")), 9);
    // Log-det and flips are ANMIN's alone, from iteration 1 on.
    QCOMPARE(panel.charts()->logdet()->runCount(), 1);
    QCOMPARE(panel.charts()->flips()->pointCount(QStringLiteral("ANMIN")), 4);
    QVERIFY(!panel.images()->isVisible());  // sim is not an image
    QVERIFY2(panel.statusText().contains(QStringLiteral("ANMIN")), qPrintable(panel.statusText()));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("race.csv"));
    QCOMPARE(panel.exportData(path), QString());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines =
        QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + 5 + 9);
    QVERIFY(lines.first().startsWith(QStringLiteral("method,step,seconds,train_mse,test_mse")));
    QVERIFY(lines.first().contains(QStringLiteral("logdet")));
  }

  void cancelStopsARunAndKeepsItsPoints() {
    AnminPanel panel;
    RaceSetup s = smallSim(3, 1000000);  // Adam would run for hours
    s.methods = {"adam"};
    panel.controls()->setSetup(s);
    panel.startRace();
    QTRY_VERIFY_WITH_TIMEOUT(
        panel.session()->run("adam") && panel.session()->run("adam")->history.points.size() >= 4,
        kTimeoutMs);
    QSignalSpy finished(panel.session(), &RaceSession::finished);
    QElapsedTimer timer;
    timer.start();
    panel.cancel();
    QVERIFY(finished.count() == 1 || finished.wait(kTimeoutMs));
    qInfo("race cancel latency: %.3f ms (request to finished signal)",
          static_cast<double>(timer.nsecsElapsed()) / 1e6);
    panel.session()->waitForIdle();
    const RaceRunPtr adam = panel.session()->run("adam");
    QVERIFY(adam->state == RunState::Cancelled);
    const int points = static_cast<int>(adam->history.points.size());
    QVERIFY(points >= 4 && points < 1000001);
    QCOMPARE(panel.charts()->mseVsStep()->pointCount(QStringLiteral("Adam")), points);
    QTest::qWait(200);  // nothing arrives after the cancel
    QCOMPARE(static_cast<int>(panel.session()->run("adam")->history.points.size()), points);
    QVERIFY(!panel.session()->isBusy());
  }

  void badCsvReportsError() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.csv"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("x1,x2,y\n1,2,3\n4,5,6\n7,abc,9\n1,1,1\n");
    f.close();
    AnminPanel panel;
    RaceSetup s = smallSim();
    s.source.kind = RaceSource::Kind::Csv;
    s.source.csv_path = path.toStdString();
    panel.controls()->setSetup(s);
    QSignalSpy failed(panel.session(), &RaceSession::failed);
    QSignalSpy started(panel.session(), &RaceSession::started);
    panel.startRace();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kTimeoutMs);
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(QStringLiteral("broken.csv")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("row"), Qt::CaseInsensitive), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("4")), qPrintable(message));  // line 4 of the file
    QCOMPARE(panel.errorText(), message);
    QCOMPARE(started.count(), 0);
    QVERIFY(!panel.session()->isBusy());
  }

  void sdfImageHasTheGridSizeAfterAStep() {
    AnminPanel panel;
    panel.resize(1400, 900);
    panel.show();
    RaceSetup s;
    s.source.kind = RaceSource::Kind::Sdf;
    lreg::NetOptions net;
    net.hidden = 8;
    s.config.setCommon(net);
    s.config.anmin.iters = 1;
    s.methods = {"anmin"};
    panel.controls()->setSetup(s);
    QSignalSpy finished(panel.session(), &RaceSession::finished);
    panel.startRace();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
    panel.session()->waitForIdle();
    QVERIFY(panel.images()->isVisible());
    QCOMPARE(panel.images()->predictionStep("anmin"), 1);
    const QImage image = panel.images()->predictionImage("anmin");
    QCOMPARE(image.size(), QSize(lreg::kSdfCols, lreg::kSdfRows));
    QVERIFY(image.pixel(0, 0) != image.pixel(lreg::kSdfCols / 2, lreg::kSdfRows / 2));
    QVERIFY(panel.images()->truth());
    QVERIFY(!panel.images()->truth()->zero_set.empty());
    const QImage shot = panel.images()->grab().toImage();
    QVERIFY(!shot.isNull());
  }

  void supersededRaceIsDropped() {
    AnminPanel panel;
    RaceSetup slow = smallSim(3, 1000000);
    slow.methods = {"adam"};
    panel.controls()->setSetup(slow);
    panel.startRace();
    QTRY_VERIFY_WITH_TIMEOUT(
        panel.session()->run("adam") && !panel.session()->run("adam")->history.empty(), kTimeoutMs);
    const quint64 first = panel.session()->generation();
    RaceSetup quick = smallSim(2, 2);
    quick.methods = {"anmin"};
    panel.controls()->setSetup(quick);
    QSignalSpy finished(panel.session(), &RaceSession::finished);
    panel.startRace();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
    panel.session()->waitForIdle();
    QVERIFY(panel.session()->generation() > first);
    QVERIFY(!panel.session()->run("adam"));
    QCOMPARE(panel.charts()->mseVsStep()->runCount(), 1);
    QCOMPARE(panel.charts()->mseVsStep()->pointCount(QStringLiteral("Adam")), 0);
    QCOMPARE(panel.charts()->mseVsStep()->pointCount(QStringLiteral("ANMIN")), 3);
  }

  void splitsTableFillsAndExports() {
    AnminPanel panel;
    panel.controls()->setSetup(smallSim(2, 2));
    QSignalSpy done(panel.compareSession(), &CompareSession::finished);
    panel.runSplits(3);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, kTimeoutMs);
    QCOMPARE(done.first().at(1).toBool(), false);
    QCOMPARE(panel.splits()->summaryTable()->rowCount(), 2);
    QVERIFY(panel.splits()->summaryTable()->item(0, 1)->text().contains(QStringLiteral("±")));
    QVERIFY(panel.splits()->testsTable()->rowCount() >= 4);  // 4 metrics, one pair
    QCOMPARE(panel.splits()->runsTable()->rowCount(), 3 * 2);
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("splits.csv")),
                  md = dir.filePath(QStringLiteral("splits.md"));
    QCOMPARE(panel.splits()->exportCsv(csv), QString());
    QCOMPARE(panel.splits()->exportMarkdown(md), QString());
    QFile runs(csv), summary(dir.filePath(QStringLiteral("splits_summary.csv"))), table(md);
    QVERIFY(runs.open(QIODevice::ReadOnly) && summary.open(QIODevice::ReadOnly) &&
            table.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(runs.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(),
             1 + 3 * 2);
    QVERIFY(summary.size() > 0);
    QVERIFY(QString::fromUtf8(table.readAll()).contains(QLatin1Char('|')));
    // LREG_TEST_GRAB_DIR=dir saves the page, to look at it.
    if (const QString grab = qEnvironmentVariable("LREG_TEST_GRAB_DIR"); !grab.isEmpty()) {
      panel.resize(1400, 800);
      panel.show();
      QTest::qWait(100);  // let the layouts settle
      QVERIFY(panel.grab().save(grab + QStringLiteral("/anmin_splits.png")));
    }
  }

  void splitsCancelKeepsFinishedRuns() {
    AnminPanel panel;
    // Runs of several milliseconds each, so that 200 of them cannot all end before the cancel
    // lands, however fast the machine.
    RaceSetup s = smallSim(4, 40);
    s.source.n = 1000;
    lreg::NetOptions net;
    net.hidden = 48;
    net.seed = 3;
    s.config.setCommon(net);
    panel.controls()->setSetup(s);
    QSignalSpy done(panel.compareSession(), &CompareSession::finished);
    // Cancel as soon as the first run is reported finished (progress also comes between the steps
    // of a run), not at the next poll of a QTRY loop.
    bool asked = false;
    connect(panel.compareSession(), &CompareSession::progress, &panel, [&](int finishedRuns) {
      if (finishedRuns >= 1 && !asked) {
        asked = true;
        panel.cancel();
      }
    });
    panel.runSplits(100);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, kTimeoutMs);
    QVERIFY(asked);
    const auto report = panel.compareSession()->report();
    QVERIFY(report);
    QVERIFY(!report->runs.empty());
    QVERIFY(report->runs.size() < 200u);
    QCOMPARE(done.first().at(1).toBool(), true);
  }

  void settingsRoundTrip() {
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    RaceSetup s = smallSim(7, 11);
    s.methods = {"anmin", "sgd", "lbfgs"};
    s.config.anmin.lambda = 0.02;
    s.config.sgd.mb.lr = 0.005;
    s.one_at_a_time = true;
    {
      AnminPanel panel;
      panel.controls()->setSetup(s);
      panel.charts()->setLogSteps(true);
      panel.saveSettings(settings);
    }
    AnminPanel panel;
    panel.loadSettings(settings);
    const RaceSetup r = panel.controls()->setup();
    QVERIFY(r.source.kind == RaceSource::Kind::Sim);
    QCOMPARE(r.source.dim, 2);
    QCOMPARE(r.source.n, 300);
    QCOMPARE(r.config.anmin.iters, 7);
    QCOMPARE(r.config.anmin.lambda, 0.02);
    QCOMPARE(r.config.adam.mb.epochs, 11);
    QCOMPARE(r.config.sgd.mb.lr, 0.005);
    QCOMPARE(r.config.lbfgs.net.hidden, 8);
    QVERIFY(r.methods == s.methods);
    QVERIFY(r.one_at_a_time);
    QVERIFY(panel.charts()->logSteps());
  }

  // Marching squares on a sampled circle: every segment end lies on the circle (to within the
  // linear interpolation's error) and the segments close up around it.
  void levelSetOfCircleLiesOnCircle() {
    const int n = 64;
    const double cx = 31.3, cy = 29.7, radius = 17.2;
    std::vector<float> v(static_cast<size_t>(n * n));
    for (int r = 0; r < n; ++r)
      for (int c = 0; c < n; ++c)
        v[static_cast<size_t>(r * n + c)] = static_cast<float>(std::hypot(c - cx, r - cy) - radius);
    const auto pts = zeroLevelSet(v.data(), n, n);
    QVERIFY(pts.size() > 100 && pts.size() % 2 == 0);
    double length = 0;
    for (size_t k = 0; k < pts.size(); ++k) {
      QVERIFY(std::abs(std::hypot(pts[k].first - cx, pts[k].second - cy) - radius) < 0.02);
      if (k % 2 == 1)
        length += std::hypot(pts[k].first - pts[k - 1].first, pts[k].second - pts[k - 1].second);
    }
    QVERIFY(std::abs(length - 2 * M_PI * radius) < 0.01 * 2 * M_PI * radius);
  }
};

QTEST_MAIN(TestAnminPanel)
#include "tst_anmin_panel.moc"
