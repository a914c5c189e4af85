// The Minima panel, offscreen: it shows as many minima as the core enumerates (tiny: 2 isolated;
// tiny-kink with h = 2: a set drawn as a set), a dragged sample recomputes and changes the table,
// a superseded recomputation never shows, cancel stops the map, the heat map varies and the basin
// map has one colour per minimum reached, the table has every trainer's basin shares, the caption
// names what appeared, the CSV recomputes and settings survive a round trip.
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QMouseEvent>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include "lreg/minima/enumerate.h"
#include "panels/minima_panel.h"
#include "panels/minima_table.h"
#include "scene/minima_fit_plot.h"
#include "scene/minima_slice_view.h"
#include "session/minima_session.h"

using namespace lreg::views;
namespace mn = lreg::minima;

namespace {

MinimaProblem problem(const QString& data, int hidden, double lambda = 1e-2) {
  MinimaProblem p;
  p.data = data;
  loadMinimaData(data, p.x, p.y);
  p.hidden = hidden;
  p.lambda = lambda;
  return p;
}

mn::MinimaReport coreReport(const MinimaProblem& p) {
  return mn::enumerateMinima(p.x, p.y, {p.hidden, p.lambda});
}

int distinctColours(const QImage& image) {
  QSet<QRgb> colours;
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x) colours.insert(image.pixel(x, y));
  return colours.size();
}

void show(MinimaPanel& panel, const MinimaProblem& p, int grid) {
  panel.session()->setMapPoints(grid);
  panel.session()->setProblem(p);
  panel.session()->waitForIdle();
}

}  // namespace

class TestMinimaPanel : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void tinyShowsTwoIsolatedMinima() {
    MinimaPanel panel;
    const MinimaProblem p = problem(QStringLiteral("tiny"), 1);
    show(panel, p, 0);
    const mn::MinimaReport r = coreReport(p);
    QCOMPARE(int(r.minima.size()), 2);
    QCOMPARE(panel.table()->rowCount(), 2);
    QCOMPARE(panel.plot()->curveCount(), 2);
    QCOMPARE(panel.plot()->setBandCount(), 0);
    for (int k = 0; k < 2; ++k) {
      QCOMPARE(panel.table()->item(k, 2)->text(), QStringLiteral("isolated"));
      QCOMPARE(panel.table()->item(k, 1)->text(), QString::number(r.minima[k].loss, 'g', 8));
    }
  }

  void tinyKinkShowsItsSetAsASet() {
    MinimaPanel panel;
    const MinimaProblem p = problem(QStringLiteral("tiny-kink"), 2);
    show(panel, p, 0);
    const mn::MinimaReport r = coreReport(p);
    int sets = 0;
    for (const auto& m : r.minima) sets += m.kind == mn::PointKind::Set;
    QVERIFY(sets >= 1);
    QCOMPARE(panel.table()->rowCount(), int(r.minima.size()));
    QCOMPARE(panel.plot()->curveCount(), int(r.minima.size()));
    QCOMPARE(panel.plot()->setBandCount(), sets);
    QCOMPARE(panel.table()->item(0, 2)->text(), QStringLiteral("set"));  // docs: the global one
    QCOMPARE(panel.table()->item(0, 3)->text(), QStringLiteral("1"));
    // Other data and h than the tiny h = 1 shown first: a summary, not "... vanished".
    QVERIFY2(panel.caption().startsWith(QStringLiteral("%1 minima (%2 isolated, %3 sets)")
                                            .arg(r.minima.size())
                                            .arg(int(r.minima.size()) - sets)
                                            .arg(sets)),
             qPrintable(panel.caption()));
  }

  void draggingASampleRecomputes() {
    MinimaPanel panel;
    panel.resize(1200, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    show(panel, problem(QStringLiteral("tiny"), 1), 0);
    const QString before = panel.table()->item(0, 1)->text();
    MinimaFitPlot* plot = panel.plot();
    const PlotMapping m = plot->mapping();
    const MinimaProblem p0 = panel.session()->problem();
    const QPointF from = m.toPixel(p0.x[5], p0.y[5]);
    const QPointF to = m.toPixel(p0.x[5], p0.y[5] - 3.0);
    QMouseEvent press(QEvent::MouseButtonPress, from, plot->mapToGlobal(from), Qt::LeftButton,
                      Qt::LeftButton, Qt::NoModifier);
    QMouseEvent move(QEvent::MouseMove, to, plot->mapToGlobal(to), Qt::NoButton, Qt::LeftButton,
                     Qt::NoModifier);
    QMouseEvent release(QEvent::MouseButtonRelease, to, plot->mapToGlobal(to), Qt::LeftButton,
                        Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(plot, &press);
    QApplication::sendEvent(plot, &move);
    QApplication::sendEvent(plot, &release);
    panel.session()->waitForIdle();
    const MinimaProblem& p1 = panel.session()->problem();
    QVERIFY(std::abs(p1.y[5] - (p0.y[5] - 3.0)) < 0.05);  // moved where the mouse went
    QCOMPARE(p1.x[5], p0.x[5]);
    QVERIFY(panel.table()->item(0, 1)->text() != before);
    QCOMPARE(panel.table()->item(0, 1)->text(),
             QString::number(coreReport(p1).minima[0].loss, 'g', 8));
    QVERIFY(panel.caption().contains(QStringLiteral("->")));
    QVERIFY(panel.commandLine().isEmpty());  // no file holds the dragged data
  }

  void lambdaSliderRecomputes() {
    MinimaPanel panel;
    show(panel, problem(QStringLiteral("tiny"), 1), 0);
    auto* slider = panel.findChild<QSlider*>();
    QVERIFY(slider);
    slider->setValue(300);  // log scale, 100 positions a decade from 1e-4: lambda = 0.1
    panel.session()->waitForIdle();
    QCOMPARE(panel.session()->problem().lambda, MinimaPanel::lambdaOfSlider(300));
    QVERIFY(std::abs(panel.session()->problem().lambda - 0.1) < 1e-12);
    const mn::MinimaReport r = coreReport(panel.session()->problem());
    QCOMPARE(panel.table()->rowCount(), int(r.minima.size()));
    QCOMPARE(panel.table()->item(0, 1)->text(), QString::number(r.minima[0].loss, 'g', 8));
  }

  void supersededRecomputationNeverShows() {
    MinimaPanel panel;
    show(panel, problem(QStringLiteral("tiny"), 2), 0);
    QList<double> shown;
    connect(panel.session(), &MinimaSession::changed, this,
            [&shown](const MinimaFramePtr& f) { shown << f->problem.y[0]; });
    panel.session()->movePoint(0, -2.0, 10.0);
    panel.session()->movePoint(0, -2.0, -5.0);
    panel.session()->waitForIdle();
    QCOMPARE(shown, QList<double>{-5.0});
    QCOMPARE(panel.session()->frame()->problem.y[0], -5.0);
  }

  void cancelStopsTheMap() {
    MinimaPanel panel;
    panel.session()->waitForIdle();
    QSignalSpy cancelled(panel.session(), &MinimaSession::cancelled);
    QSignalSpy maps(panel.session(), &MinimaSession::mapChanged);
    panel.session()->setMapPoints(160);  // 25600 L-BFGS runs: seconds, far longer than a cancel
    panel.session()->setProblem(problem(QStringLiteral("tiny"), 2));
    panel.session()->enumerationJobs().waitForIdle();
    QVERIFY(panel.session()->mapJobs().isRunning());
    QElapsedTimer timer;
    timer.start();
    panel.cancel();
    panel.session()->waitForIdle();
    qInfo("map cancel latency: %.3f ms (request to the worker's end)",
          static_cast<double>(timer.nsecsElapsed()) / 1e6);
    QVERIFY(!panel.session()->isBusy());
    QCOMPARE(cancelled.count(), 1);
    QCOMPARE(maps.count(), 0);
    QVERIFY(!panel.basinView()->showsMap());
    QCOMPARE(panel.table()->rowCount(), int(coreReport(panel.session()->problem()).minima.size()));
  }

  void heatMapVariesAndBasinsHaveOneColourPerMinimum() {
    MinimaPanel panel;
    show(panel, problem(QStringLiteral("tiny"), 1), 32);
    QVERIFY(panel.sliceView()->showsMap());
    QCOMPARE(panel.sliceView()->image().size(), QSize(32, 32));
    QVERIFY(distinctColours(panel.sliceView()->image()) > 50);
    const Eigen::MatrixXi& codes = panel.session()->map()->basin;
    QSet<int> reached;
    bool other = false;
    for (int i = 0; i < codes.rows(); ++i)
      for (int j = 0; j < codes.cols(); ++j) {
        if (codes(i, j) >= 0)
          reached.insert(codes(i, j));
        else
          other = true;
      }
    QCOMPARE(reached.size(), 2);  // both minima of tiny have a basin in the (w, c) plane
    QCOMPARE(distinctColours(panel.basinView()->image()), reached.size() + (other ? 1 : 0));
  }

  void tableShowsEveryTrainersBasinShare() {
    MinimaPanel panel;
    const MinimaProblem p = problem(QStringLiteral("tiny"), 1);
    show(panel, p, 0);
    panel.session()->runBasins(20);
    panel.session()->waitForIdle();
    const auto& basins = panel.session()->frame()->basins;
    const QStringList trainers{QStringLiteral("lbfgs"), QStringLiteral("adam"),
                               QStringLiteral("sgd"), QStringLiteral("anmin"),
                               QStringLiteral("anmin+lbfgs")};
    QCOMPARE(int(basins.size()), int(trainers.size()));
    MinimaTable* t = panel.table();
    for (int k = 0; k < trainers.size(); ++k) {
      QCOMPARE(t->horizontalHeaderItem(4 + k)->text(), trainers[k]);
      for (int row = 0; row < t->rowCount(); ++row)  // the share of that trainer's runs, per row
        QCOMPARE(t->item(row, 4 + k)->text(),
                 QString::number(100.0 * basins[k].minima[row] / 20, 'f', 1) + QLatin1Char('%'));
    }
    QVERIFY2(panel.caption().contains(QStringLiteral("Basins of 20 starts: lbfgs")),
             qPrintable(panel.caption()));
    QVERIFY2(panel.caption().contains(QStringLiteral("anmin+lbfgs")), qPrintable(panel.caption()));
  }

  void captionSaysWhatAppeared() {
    const MinimaProblem p = problem(QStringLiteral("tiny"), 1);
    const mn::MinimaReport before = coreReport(p);
    mn::MinimaReport after = before;
    mn::MinimumPoint extra = before.minima[1];
    extra.net.w[0] = -extra.net.w[0] + 5;  // far from both: a new minimum, not a moved one
    extra.net.c[0] += 7;
    extra.loss = 2.5;
    after.minima.push_back(extra);
    const QString grew = describeChange(&before, after);
    QVERIFY2(grew.startsWith(QStringLiteral("2 minima -> 3: a new isolated minimum at L = 2.5")),
             qPrintable(grew));
    const QString shrank = describeChange(&after, before);
    QVERIFY2(shrank.contains(QStringLiteral("vanished")), qPrintable(shrank));
    QVERIFY(describeChange(&before, before).contains(QStringLiteral("the same minima moved")));
  }

  void exportedTableRecomputes() {
    MinimaPanel panel;
    const MinimaProblem p = problem(QStringLiteral("tiny-kink"), 2);
    show(panel, p, 0);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("minima.csv"));
    QCOMPARE(panel.exportData(path), QString());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QTextStream(&f).readAll().split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), panel.table()->rowCount() + 1);
    QVERIFY(lines[0].startsWith(QStringLiteral("rank,loss,kind,dimension,certificate,a1,w1,c1")));
    for (int k = 1; k < lines.size(); ++k) {
      const QStringList c = lines[k].split(',');
      mn::TinyNet net;
      net.a.resize(2);
      net.w.resize(2);
      net.c.resize(2);
      for (int j = 0; j < 2; ++j) {
        net.a[j] = c[5 + 3 * j].toDouble();
        net.w[j] = c[6 + 3 * j].toDouble();
        net.c[j] = c[7 + 3 * j].toDouble();
      }
      net.m = c[11].toDouble();
      const double L = mn::loss(net, p.x, p.y, p.lambda);
      QVERIFY2(std::abs(L - c[1].toDouble()) <= 1e-9 * std::max(1.0, L), qPrintable(lines[k]));
    }
  }

  void settingsRoundTrip() {
    QTemporaryDir dir;
    QSettings s(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    {
      MinimaPanel panel;
      show(panel, problem(QStringLiteral("tiny-kink"), 2, 0.05), 20);
      panel.session()->setSliceUnit(1);
      panel.saveSettings(s);
      panel.session()->waitForIdle();
    }
    MinimaPanel panel;
    panel.loadSettings(s);
    panel.session()->waitForIdle();
    const MinimaProblem& p = panel.session()->problem();
    QCOMPARE(p.data, QStringLiteral("tiny-kink"));
    QCOMPARE(p.hidden, 2);
    QCOMPARE(p.lambda, 0.05);
    QCOMPARE(panel.session()->mapPoints(), 20);
    QCOMPARE(panel.session()->map()->spec.unit, 1);
    QCOMPARE(MinimaPanel::sliderOfLambda(0.05), 270);  // 100 a decade from 1e-4
  }

  void demoFinishesOnlyOnceTheMapIsDrawn() {
    MinimaPanel panel;  // its constructor's enumeration is still in flight: the demo supersedes it
    QSignalSpy done(&panel, &Panel::demoFinished);
    panel.startDemo(0);
    QVERIFY(done.wait(120000));
    QCOMPARE(done.count(), 1);
    QCOMPARE(panel.session()->problem().data, QStringLiteral("tiny-kink"));
    QVERIFY(panel.session()->map());
    QCOMPARE(panel.session()->map()->frame_id, panel.session()->frame()->id);
    QVERIFY(panel.sliceView()->showsMap());
    QVERIFY(panel.plot()->setBandCount() >= 1);  // the screenshot shows a set
  }

  void badCsvIsNamed() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("three.csv"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("1,2,3\n4,5,6\n");
    f.close();
    MinimaPanel panel;
    panel.session()->waitForIdle();
    const MinimaProblem before = panel.session()->problem();
    QSignalSpy failed(panel.session(), &MinimaSession::failed);
    panel.session()->load(path);
    QCOMPARE(failed.count(), 1);
    QVERIFY(failed[0][0].toString().contains(QStringLiteral("three.csv")));
    QCOMPARE(panel.session()->problem().data, before.data);
  }
};

QTEST_MAIN(TestMinimaPanel)
#include "tst_minima_panel.moc"
