// The Mesh 1D panel and its session, offscreen: a step changes what the panel shows, bad files
// are reported and leave the run alone, play / pause / reset behave, stale work is dropped.
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "charts/loss_chart.h"
#include "panels/mesh1d_panel.h"
#include "scene/mesh1d_plot.h"
#include "session/mesh1d_session.h"

using namespace lreg::views;

namespace {

constexpr int kTimeoutMs = 20000;

lreg::Mrc1DOptions smallOptions() {
  lreg::Mrc1DOptions o;
  o.dof = 32;
  o.topk = 4;
  o.epochs = 10;
  return o;
}

Mesh1DSource sinInv() {
  Mesh1DSource s;
  s.generator = "sin-inv";
  s.seed = 3;
  return s;
}

QString testData(const char* name) {
  return QStringLiteral(LREG_TEST_DATA_DIR "/") + QLatin1String(name);
}

// Image columns holding a pixel of the fit curve's colour (scene/mesh1d_plot.cpp kFit): a curve
// drawn across the plot fills most columns, a blank or data-only plot none.
int fitColumns(const QImage& image) {
  const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
  int columns = 0;
  for (int x = 0; x < rgb.width(); ++x)
    for (int y = 0; y < rgb.height(); ++y) {
      const QColor c = rgb.pixelColor(x, y);
      if (std::abs(c.red() - 31) <= 12 && std::abs(c.green() - 119) <= 12 &&
          std::abs(c.blue() - 180) <= 12) {
        ++columns;
        break;
      }
    }
  return columns;
}

}  // namespace

class TestMesh1DPanel : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void stepChangesWhatThePanelShows() {
    Mesh1DPanel panel;
    panel.resize(1300, 850);
    panel.show();
    QSignalSpy finished(&panel, &Panel::demoFinished);
    panel.startDemo(0);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
    panel.session()->waitForIdle();  // the setup asked for when the panel was shown

    const Mesh1DFramePtr before = panel.plot()->frame();
    QVERIFY(before);
    QCOMPARE(before->snapshot.step, 0);
    QCOMPARE(before->setup->source.generator, std::string("sin-inv"));
    const int pointsBefore = panel.lossChart()->pointCount(QStringLiteral("MRC"));
    QCOMPARE(pointsBefore, 1);
    const QString statusBefore = panel.statusText();
    QVERIFY2(statusBefore.contains(QStringLiteral("Step 0")), qPrintable(statusBefore));

    panel.session()->step();
    QTRY_VERIFY_WITH_TIMEOUT(panel.plot()->frame()->snapshot.step == 1, kTimeoutMs);
    const Mesh1DFramePtr after = panel.plot()->frame();
    QVERIFY(after->snapshot.nodes != before->snapshot.nodes);
    // The panel's default equal-mass coarsening re-places the nodes: moves, not +n / -n.
    QVERIFY(!after->snapshot.moved.empty());
    QVERIFY(!after->snapshot.refined.empty());
    QCOMPARE(panel.lossChart()->pointCount(QStringLiteral("MRC")), pointsBefore + 1);
    const QString statusAfter = panel.statusText();
    QVERIFY(statusAfter != statusBefore);
    QVERIFY2(statusAfter.contains(QStringLiteral("Step 1")), qPrintable(statusAfter));
    QVERIFY(statusAfter.contains(QStringLiteral("noise ceiling")));

    // The figure paints (markers, truth, shading) without trouble and is not blank.
    const QImage image = panel.figureWidget()->grab().toImage();
    QVERIFY(!image.isNull());
    QVERIFY(image.pixelColor(image.width() / 2, image.height() / 2) != QColor(Qt::black));
    // Where the fit matches the truth the truth is drawn over it; the rest must show.
    QVERIFY2(fitColumns(image) > image.width() / 10, "the fit curve must be drawn");
  }

  void badCsvShowsErrorAndKeepsMesh_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("mention");
    QTest::newRow("ragged") << testData("ragged.csv") << QStringLiteral("row");
    QTest::newRow("nan") << testData("nan.csv") << QStringLiteral("row");
    QTest::newRow("empty") << testData("empty.csv") << QString();
    QTest::newRow("constant") << testData("constant.csv") << QStringLiteral("column");
    QTest::newRow("missing") << testData("no-such-file.csv") << QString();
  }

  void badCsvShowsErrorAndKeepsMesh() {
    QFETCH(QString, file);
    QFETCH(QString, mention);
    Mesh1DPanel panel;
    QSignalSpy finished(&panel, &Panel::demoFinished);
    panel.startDemo(0);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
    const Mesh1DFramePtr before = panel.plot()->frame();
    QVERIFY(before);

    QSignalSpy failed(panel.session(), &Mesh1DSession::failed);
    panel.session()->loadCsv(file);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kTimeoutMs);
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(QFileInfo(file).fileName()), qPrintable(message));
    if (!mention.isEmpty())
      QVERIFY2(message.contains(mention, Qt::CaseInsensitive), qPrintable(message));
    QCOMPARE(panel.errorText(), message);

    panel.session()->waitForIdle();
    QCOMPARE(panel.plot()->frame(), before);  // the same immutable frame, untouched
    QCOMPARE(panel.session()->frame(), before);
    QCOMPARE(panel.session()->source().generator, std::string("sin-inv"));
    // The run itself still works.
    panel.session()->step();
    QTRY_VERIFY_WITH_TIMEOUT(panel.plot()->frame()->snapshot.step == 1, kTimeoutMs);
    QVERIFY(panel.errorText().isEmpty());
  }

  void goodCsvLoads() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("wave.csv"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Text));
    f.write("x,y\n");
    for (int i = 0; i < 400; ++i)
      f.write(QByteArray::number(i / 400.0) + ',' + QByteArray::number(std::sin(12.0 * i / 400.0)) +
              '\n');
    f.close();
    Mesh1DSession session;
    QSignalSpy changed(&session, &Mesh1DSession::changed);
    session.setup(sinInv(), smallOptions());
    session.waitForIdle();
    session.loadCsv(path);
    session.waitForIdle();
    QVERIFY(session.source().isCsv());
    QCOMPARE(
        session.frame()->setup->data->x_train.rows() + session.frame()->setup->data->x_test.rows(),
        400);
    QVERIFY(!session.frame()->setup->noise_ceiling_r2);
    Mesh1DPlot plot;
    plot.resize(800, 500);
    plot.setFrame(session.frame());
    const QImage image = plot.grab().toImage();  // the binned-mean reference path paints
    QVERIFY2(fitColumns(image) > image.width() / 2, "the fit curve must run across the plot");
  }

  void dataWarningsShowBesideThePickerAndInTheStatus() {
    // Duplicate column names (a CSV warning) and 160 training rows for 100 nodes (1.6 per DoF).
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("dup.csv"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Text));
    f.write("x,x\n");
    for (int i = 0; i < 200; ++i)
      f.write(QByteArray::number(i / 200.0) + ',' + QByteArray::number(std::sin(6.0 * i / 200.0)) +
              '\n');
    f.close();
    Mesh1DPanel panel;
    auto* warnings = panel.findChild<QLabel*>(QStringLiteral("dataWarnings"));
    QVERIFY(warnings);
    Mesh1DSource source;
    source.generator.clear();
    source.csv_path = path.toStdString();
    lreg::Mrc1DOptions options = smallOptions();
    options.dof = 100;
    panel.session()->setup(source, options);
    panel.session()->waitForIdle();
    QVERIFY(panel.session()->hasRun());
    QVERIFY(!warnings->isHidden());
    QVERIFY2(warnings->text().contains(QStringLiteral("row 1: columns 1 and 2 are both named 'x'")),
             qPrintable(warnings->text()));
    QVERIFY2(panel.statusText().contains(
                 QStringLiteral("160 training samples for 100 degrees of freedom")),
             qPrintable(panel.statusText()));
    // A well-posed set clears both.
    panel.session()->setup(sinInv(), smallOptions());
    panel.session()->waitForIdle();
    QVERIFY(warnings->isHidden());
    QVERIFY(!panel.statusText().contains(QStringLiteral("warning")));
  }

  void largeDataStaysInteractive() {
    // 50k points: the data layer is cached, so a repaint (e.g. on hover) costs little; a pan
    // redraws every point once.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.csv"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Text));
    QByteArray text = "x,y\n";
    for (int i = 0; i < 50000; ++i) {
      const double x = 0.02 + 0.98 * ((i * 7919) % 50000) / 50000.0;
      text += QByteArray::number(x, 'g', 10) + ',' +
              QByteArray::number(std::sin(1 / x) + 0.01 * std::cos(i * 1.3), 'g', 10) + '\n';
    }
    f.write(text);
    f.close();
    Mesh1DSession session;
    session.setup(sinInv(), smallOptions());
    session.waitForIdle();
    session.loadCsv(path);
    session.waitForIdle();
    QVERIFY2(session.source().isCsv(), "the 50k-point file did not load");
    Mesh1DPlot plot;
    plot.resize(1200, 700);
    plot.setFrame(session.frame());
    // Every row arrived (80 % train), and a repaint from the cached point layer draws exactly
    // what the first paint drew. How fast it is belongs to a benchmark, not to this test.
    QCOMPARE(session.frame()->setup->data->x_train.rows(), 40000);
    const QImage first = plot.grab().toImage();
    QVERIFY(!first.isNull());
    QImage cached;
    for (int i = 0; i < 3; ++i) cached = plot.grab().toImage();
    QCOMPARE(cached, first);
  }

  void sessionPlayPauseReset() {
    Mesh1DSession session;
    session.setStepsPerSecond(0);  // as fast as the worker delivers
    QSignalSpy playing(&session, &Mesh1DSession::playingChanged);
    lreg::Mrc1DOptions longRun = smallOptions();
    longRun.epochs = 100000;  // pause, not the epoch limit, must stop this one
    session.setup(sinInv(), longRun);
    session.waitForIdle();
    QVERIFY(session.hasRun());
    QCOMPARE(session.frame()->snapshot.step, 0);

    session.play();
    QVERIFY(session.isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(session.frame()->snapshot.step >= 3, kTimeoutMs);
    session.pause();
    QVERIFY(!session.isPlaying());
    session.waitForIdle();  // a step already in flight still lands
    const int paused = session.frame()->snapshot.step;
    QTest::qWait(300);
    QCOMPARE(session.frame()->snapshot.step, paused);
    QCOMPARE(static_cast<int>(session.frame()->history.points.size()), paused + 1);
    QCOMPARE(playing.count(), 2);

    // Play stops by itself at the options' epochs (tst_mesh1d_marks: and stays there).
    session.setup(sinInv(), smallOptions());
    session.waitForIdle();
    session.play();
    QTRY_VERIFY_WITH_TIMEOUT(!session.isPlaying(), kTimeoutMs);
    QCOMPARE(session.frame()->snapshot.step, smallOptions().epochs);

    session.reset();
    session.waitForIdle();
    QCOMPARE(session.frame()->snapshot.step, 0);
    QCOMPARE(session.frame()->history.points.size(), size_t{1});

    QSignalSpy reached(&session, &Mesh1DSession::targetReached);
    session.playUntil(2);
    QTRY_COMPARE_WITH_TIMEOUT(reached.count(), 1, kTimeoutMs);
    QCOMPARE(session.frame()->snapshot.step, 2);
    QVERIFY(!session.isPlaying());
  }

  void resetSupersedesRunningStep() {
    Mesh1DSession session;
    session.setup(sinInv(), smallOptions());
    session.waitForIdle();
    session.step();
    session.step();  // ignored: one step at a time
    lreg::Mrc1DOptions other = smallOptions();
    other.dof = 24;
    session.setup(sinInv(), other);
    session.waitForIdle();
    QCOMPARE(session.frame()->snapshot.step, 0);
    QCOMPARE(session.frame()->snapshot.nodes.size(), size_t{24});
    QCOMPARE(session.options().dof, 24);
    session.step();
    session.waitForIdle();
    QCOMPARE(session.frame()->snapshot.step, 1);
  }

  void exportWritesNodesAndHistory() {
    Mesh1DPanel panel;
    QSignalSpy finished(&panel, &Panel::demoFinished);
    panel.startDemo(2);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
    QCOMPARE(panel.session()->frame()->snapshot.step, 2);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("fit.csv"));
    QCOMPARE(panel.exportData(path), QString());
    QFile nodes(path), history(dir.filePath(QStringLiteral("fit_history.csv")));
    QVERIFY(nodes.open(QIODevice::ReadOnly));
    QVERIFY(history.open(QIODevice::ReadOnly));
    const QList<QByteArray> nodeLines = nodes.readAll().trimmed().split('\n');
    QCOMPARE(nodeLines.first(), QByteArray("x,c1"));
    QCOMPARE(nodeLines.size() - 1,
             static_cast<int>(panel.session()->frame()->snapshot.nodes.size()));
    const QList<QByteArray> historyLines = history.readAll().trimmed().split('\n');
    QVERIFY(historyLines.first().startsWith("step,seconds,train_mae,test_mae"));
    QCOMPARE(historyLines.size(), 1 + 3);
  }

  void settingsRoundTrip() {
    QTemporaryDir dir;
    QSettings first(dir.filePath(QStringLiteral("a.ini")), QSettings::IniFormat);
    first.setValue(QStringLiteral("dataset"), QStringLiteral("a1"));
    first.setValue(QStringLiteral("dof"), 48);
    first.setValue(QStringLiteral("coarsen"), QStringLiteral("remove"));
    first.setValue(QStringLiteral("speed"), 12);
    Mesh1DPanel panel;
    panel.loadSettings(first);
    QSettings second(dir.filePath(QStringLiteral("b.ini")), QSettings::IniFormat);
    panel.saveSettings(second);
    QCOMPARE(second.value(QStringLiteral("dataset")).toString(), QStringLiteral("a1"));
    QCOMPARE(second.value(QStringLiteral("dof")).toInt(), 48);
    QCOMPARE(second.value(QStringLiteral("coarsen")).toString(), QStringLiteral("remove"));
    QCOMPARE(second.value(QStringLiteral("speed")).toInt(), 12);
  }
};

QTEST_MAIN(TestMesh1DPanel)
#include "tst_mesh1d_panel.moc"
