// The Local vs global panel, offscreen: after polishing, dragging any node (mouse or keyboard)
// raises the MAE shown and undo restores it; one MRC step's least-squares refinement does not
// raise the train MSE shown; the race shows both MRC curves and the MLP's (1D and 2D, with the
// converted triangulation); the landscape shows a map with contours and the path; presentation
// mode scales the fonts and back; CSV export and settings round-trip.
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <cmath>
#include <nlohmann/json.hpp>

#include "charts/loss_chart.h"
#include "panels/local_global_panel.h"
#include "panels/local_global_race_view.h"
#include "scene/landscape_curves.h"
#include "scene/landscape_map.h"
#include "scene/local_global_plot.h"
#include "scene/p1_mesh_view.h"
#include "util/figure_export.h"

using namespace lreg::views;

namespace {

LocalGlobalOptions small(const QString& data) {
  LocalGlobalOptions o;
  o.data = data;
  o.hidden = 24;
  o.layers = 1;
  o.mrc_epochs = 6;
  o.grid = 21;
  return o;
}

void setUp(LocalGlobalPanel& panel, const LocalGlobalOptions& o) {
  panel.session()->setup(o);
  panel.session()->waitForIdle();
  QVERIFY2(panel.errorText().isEmpty(), qPrintable(panel.errorText()));
  QVERIFY(panel.session()->setupResult());
}

void drag(LocalGlobalPlot* plot, int node, QPoint by) {
  const QPoint from = plot->nodePixel(node).toPoint();
  QTest::mousePress(plot, Qt::LeftButton, {}, from);
  QMouseEvent move(QEvent::MouseMove, QPointF(from + by), plot->mapToGlobal(QPointF(from + by)),
                   Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(plot, &move);
  QTest::mouseRelease(plot, Qt::LeftButton, {}, from + by);
}

}  // namespace

class TestLocalGlobalPanel : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void draggingAPolishedNodeRaisesTheMae() {
    LocalGlobalPanel panel;
    panel.resize(1200, 800);
    panel.show();
    setUp(panel, small(QStringLiteral("sin-inv")));
    LocalGlobalSession* s = panel.session();
    QVERIFY(s->hasFit());
    QVERIFY(s->fit().polished);
    const double polished = s->fit().train.mae;
    QCOMPARE(panel.plot()->nodeCount(), s->fit().model.mesh().size());
    int tried = 0;
    for (int i = 0; i < panel.plot()->nodeCount(); i += 3) {
      for (const QPoint by : {QPoint(0, -25), QPoint(0, 25), QPoint(6, 0), QPoint(-6, 0)}) {
        drag(panel.plot(), i, by);
        const double dragged = s->fit().train.mae;
        // Each drag is a pure value or position move (the plot snaps to the axis); an x-move of
        // an end node, or of one pinned by its neighbours, changes nothing.
        if (s->fit().model.mesh().nodes() == s->setupResult()->polish.model.mesh().nodes() &&
            s->fit().model.coeffs() == s->setupResult()->polish.model.coeffs())
          continue;
        QVERIFY2(dragged >= polished * (1 - 1e-8),
                 qPrintable(QStringLiteral("node %1 by (%2, %3): MAE %4 < %5")
                                .arg(i)
                                .arg(by.x())
                                .arg(by.y())
                                .arg(dragged, 0, 'g', 12)
                                .arg(polished, 0, 'g', 12)));
        QVERIFY(panel.caption().contains(QStringLiteral("MAE")));
        s->undo();
        QCOMPARE(s->fit().train.mae, polished);
        ++tried;
      }
    }
    QVERIFY(tried > 10);
    // A click without a move changes nothing and leaves nothing to undo.
    QTest::mouseClick(panel.plot(), Qt::LeftButton, {}, panel.plot()->nodePixel(2).toPoint());
    QCOMPARE(s->undoDepth(), 0);
    QCOMPARE(s->fit().train.mae, polished);
    // A value drag by a visible amount raises it strictly, and the plot's corner says so.
    drag(panel.plot(), panel.plot()->nodeCount() / 2, QPoint(0, -40));
    QVERIFY(s->fit().train.mae > polished);
    QVERIFY(s->undoDepth() == 1);
    // The keyboard does the same: select with ], move with Up.
    s->undo();
    panel.plot()->selectNode(0);
    QTest::keyClick(panel.plot(), Qt::Key_BracketRight);
    QCOMPARE(panel.plot()->selectedNode(), 1);
    QTest::keyClick(panel.plot(), Qt::Key_Up, Qt::ShiftModifier);
    QVERIFY(s->fit().train.mae > polished);
  }

  void aNodeFarOffTheDataIsDrawnOnTheEdgeAndCanBeGrabbed() {
    LocalGlobalPanel panel;
    panel.resize(1200, 800);
    panel.show();
    setUp(panel, small(QStringLiteral("sin-inv")));
    LocalGlobalPlot* plot = panel.plot();
    LocalGlobalFit fit = panel.session()->fit();
    const int k = plot->nodeCount() / 2;
    Eigen::MatrixXd c = fit.model.coeffs();
    c(k, 0) = -50.0;  // a spike 25 times the data's span below it
    fit.model = lreg::LagrangeRegressor1D(fit.model.mesh(), c);
    plot->setFit(fit);
    const PlotMapping m = plot->mapping();
    QVERIFY2(m.y0 > -3.0, "the window was stretched to the spike");
    QVERIFY(plot->nodeOutside(k));
    QVERIFY(!plot->nodeOutside(0) || !plot->nodeOutside(plot->nodeCount() - 1));
    const QPointF at = plot->nodePixel(k);
    QVERIFY(at.y() >= m.area.top() && at.y() <= m.area.bottom());
    QSignalSpy grabbed(plot, &LocalGlobalPlot::dragStarted);
    QTest::mousePress(plot, Qt::LeftButton, {}, at.toPoint());
    QCOMPARE(grabbed.count(), 1);
    QCOMPARE(grabbed.at(0).at(0).toInt(), k);
    QTest::mouseRelease(plot, Qt::LeftButton, {}, at.toPoint());
  }

  void anMrcStepDoesNotRaiseTheRefinedTrainMse() {
    LocalGlobalPanel panel;
    setUp(panel, small(QStringLiteral("sin-inv")));
    LocalGlobalSession* s = panel.session();
    const double mse = s->fit().train.mse;
    const int nodes = s->fit().model.mesh().size();
    s->mrcStep();
    s->waitForIdle();
    const LocalGlobalFit& f = s->fit();
    QCOMPARE(f.step_mse_before, mse);
    QVERIFY2(f.step_mse_refined <= f.step_mse_before,
             qPrintable(QStringLiteral("%1 > %2").arg(f.step_mse_refined).arg(f.step_mse_before)));
    // Coarsened back to the DoF it started from (less nodes without samples, dropped first).
    QVERIFY(f.model.mesh().size() <= nodes);
    QVERIFY(panel.caption().contains(QStringLiteral("with %1 nodes").arg(f.model.mesh().size())));
    QVERIFY(!f.refined.empty());
    QVERIFY2(panel.caption().contains(QStringLiteral("split")), qPrintable(panel.caption()));
    QVERIFY(panel.caption().contains(QStringLiteral("train MSE")));
    s->undo();
    QCOMPARE(s->fit().train.mse, mse);
  }

  void theRaceShowsEveryCurve1D() {
    LocalGlobalPanel panel;
    setUp(panel, small(QStringLiteral("sin-inv")));
    panel.session()->runRace();
    panel.session()->waitForIdle();
    QVERIFY(panel.session()->race() && panel.session()->race()->done);
    LossChart* chart = panel.raceView()->chart();
    QVERIFY(chart->pointCount(QString::fromLatin1(kRaceMlp)) > 1);
    QVERIFY(chart->pointCount(QString::fromLatin1(kRaceConverted)) > 1);
    QVERIFY(chart->pointCount(QString::fromLatin1(kRaceScratch)) > 1);
    // The converted arm continues the MLP's clock.
    const auto race = panel.session()->race();
    QVERIFY(race->converted.points.front().seconds >= race->mlp.last().seconds);
    QVERIFY(race->scratch.points.front().seconds < race->mlp.last().seconds);
  }

  void theRaceCanBePausedAndStepped() {
    LocalGlobalPanel panel;
    setUp(panel, small(QStringLiteral("sin-inv")));
    LocalGlobalSession* s = panel.session();
    s->pauseRace();
    s->runRace();  // starts paused: nothing passes the gate but the steps asked for
    s->stepRace();
    s->stepRace();
    const auto points = [s] { return s->race() ? s->race()->mlp.points.size() : size_t(0); };
    QTRY_COMPARE_WITH_TIMEOUT(points(), size_t(3), 30000);  // the initial net + 2 epochs
    QTest::qWait(150);
    QCOMPARE(points(), size_t(3));
    QVERIFY(s->raceRunning());
    s->playRace();
    QTRY_VERIFY_WITH_TIMEOUT(s->race() && s->race()->done, 60000);
    QVERIFY(panel.raceView()->chart()->pointCount(QString::fromLatin1(kRaceScratch)) > 1);
  }

  void theRaceShowsEveryCurve2D() {
    LocalGlobalPanel panel;
    LocalGlobalOptions o = small(QStringLiteral("franke"));
    o.hidden = 12;
    o.mrc_epochs = 3;
    setUp(panel, o);
    QVERIFY(!panel.session()->hasFit());
    panel.session()->runRace();
    panel.session()->waitForIdle();
    QVERIFY(panel.session()->race() && panel.session()->race()->done);
    LossChart* chart = panel.raceView()->chart();
    QVERIFY(chart->pointCount(QString::fromLatin1(kRaceMlp)) > 1);
    QVERIFY(chart->pointCount(QString::fromLatin1(kRaceConverted)) > 1);
    QVERIFY(chart->pointCount(QString::fromLatin1(kRaceScratch)) > 1);
    QVERIFY(panel.raceView()->convertedView()->triangleCount() > 0);
    QVERIFY(panel.raceView()->movedView()->triangleCount() > 0);
  }

  void theLandscapeShowsAMapWithThePath() {
    LocalGlobalPanel panel;
    setUp(panel, small(QStringLiteral("sin-inv")));
    const LocalGlobalSetupPtr setup = panel.session()->setupResult();
    QVERIFY(setup->path.back() == setup->mlp.flatParameters());     // the path ends at the net
    QCOMPARE(setup->path.size(), size_t(setup->plateau.step + 1));  // short run: every epoch
    panel.session()->computeLandscape();
    panel.session()->waitForIdle();
    const auto l = panel.session()->landscape();
    QVERIFY(l);
    QVERIFY(panel.landscapeMap()->showsMap());
    QVERIFY(panel.landscapeMap()->pathPoints() > 1);
    QVERIFY(panel.landscapeMap()->contourSegments() > 0);
    QCOMPARE(l->slice.loss.rows(), 21);
    QVERIFY(l->path.explained.minCoeff() >= 0 && l->path.explained.sum() <= 1 + 1e-9);
    QCOMPARE(panel.landscapeCurves()->curveCount(), 2);  // one hidden layer: the barrier too
    // The random filter-normalised plane: the same picture elements, the path mostly off it.
    panel.session()->setLandscapeOptions(21, true);
    panel.session()->computeLandscape();
    panel.session()->waitForIdle();
    const auto r = panel.session()->landscape();
    QVERIFY(r && r != l && r->random_plane);
    QVERIFY(panel.landscapeMap()->showsMap());
    QVERIFY(r->path.explained.minCoeff() >= 0 && r->path.explained.sum() <= 1 + 1e-9);
    QVERIFY(r->path.explained.sum() < l->path.explained.sum());
  }

  void cancellingTheLandscapeKeepsThePanelUsable() {
    LocalGlobalPanel panel;
    LocalGlobalOptions o = small(QStringLiteral("sin-inv"));
    o.grid = 151;
    setUp(panel, o);
    panel.session()->computeLandscape();
    panel.session()->cancel();
    panel.session()->waitForIdle();
    QVERIFY(!panel.session()->isBusy());
    QVERIFY(panel.errorText().isEmpty());
    // Either it finished before the cancel arrived or nothing was shown: never half a map.
    if (panel.session()->landscape()) QVERIFY(panel.session()->landscape()->slice.status.ok());
  }

  void aBadFileIsNamedInTheError() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("three.csv"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("x1,x2,x3,y\n0,0,0,1\n1,1,1,2\n0,1,0,3\n1,0,1,4\n");
    f.close();
    LocalGlobalPanel panel;
    panel.session()->setup(small(path));
    panel.session()->waitForIdle();
    QVERIFY(panel.errorText().contains(QStringLiteral("three.csv")));
    QVERIFY(!panel.session()->setupResult());
    panel.session()->setup(small(dir.filePath(QStringLiteral("missing.csv"))));
    panel.session()->waitForIdle();
    QVERIFY2(panel.errorText().contains(QStringLiteral("missing.csv")),
             qPrintable(panel.errorText()));
  }

  void aSessionReopensWithItsDraggedFit() {
    LocalGlobalPanel a;
    const nlohmann::json options = {
        {"options", {{"data", "sin-inv"}, {"seed", 1}, {"hidden", 24}, {"layers", 1}}}};
    QCOMPARE(a.openSessionState(options), QString());
    a.session()->waitForIdle();
    QCOMPARE(a.session()->options().hidden, 24);
    const int i = a.session()->fit().model.mesh().size() / 2;
    a.session()->beginDrag();
    a.session()->moveNode(i, a.session()->fit().model.mesh().node(i), 0.5);
    const nlohmann::json state = a.sessionState();
    LocalGlobalPanel b;
    QCOMPARE(b.openSessionState(state), QString());
    b.session()->waitForIdle();
    QCOMPARE(b.session()->fit().model.coeffs(), a.session()->fit().model.coeffs());
    QCOMPARE(b.session()->fit().train.mae, a.session()->fit().train.mae);
    QVERIFY(!b.openSessionState(nlohmann::json{{"options", {{"data", "sin-inv"}}}}).isEmpty());
  }

  void presentationScalesFontsAndBack() {
    LocalGlobalPanel panel;
    const double normal = panel.font().pointSizeF();
    panel.setPresentation(true);
    QVERIFY(panel.presenting());
    QVERIFY(panel.font().pointSizeF() > 1.5 * normal);
    panel.setPresentation(false);
    QCOMPARE(panel.font().pointSizeF(), normal);
  }

  void exportsCsvAndKeepsSettings() {
    QTemporaryDir dir;
    LocalGlobalPanel panel;
    setUp(panel, small(QStringLiteral("sin-inv")));
    panel.tabs()->setCurrentIndex(LocalGlobalPanel::FigureTab);
    const QString path = dir.filePath(QStringLiteral("nodes.csv"));
    QCOMPARE(panel.exportData(path), QString());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.first(), QStringLiteral("node,x,value"));
    QCOMPARE(lines.size(), 1 + panel.session()->fit().model.mesh().size());
    // The figure as SVG and PNG, through the Panel interface File > Export figure uses.
    panel.resize(1000, 700);
    for (const char* name : {"figure.svg", "figure.png"}) {
      const QString fig = dir.filePath(QString::fromLatin1(name));
      QCOMPARE(saveWidgetFigure(panel.figureWidget(), fig), QString());
      QVERIFY(QFileInfo(fig).size() > 1000);
    }
    panel.tabs()->setCurrentIndex(LocalGlobalPanel::RaceTab);
    QVERIFY(!panel.exportData(dir.filePath(QStringLiteral("race.csv"))).isEmpty());  // no race yet

    QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    settings.setValue(QStringLiteral("data"), QStringLiteral("b1"));
    settings.setValue(QStringLiteral("seed"), 7);
    settings.setValue(QStringLiteral("layers"), 2);
    LocalGlobalPanel b;
    b.loadSettings(settings);
    QSettings out(dir.filePath(QStringLiteral("t.ini")), QSettings::IniFormat);
    b.saveSettings(out);
    QCOMPARE(out.value(QStringLiteral("data")).toString(), QStringLiteral("b1"));
    QCOMPARE(out.value(QStringLiteral("seed")).toInt(), 7);
    QCOMPARE(out.value(QStringLiteral("layers")).toInt(), 2);
  }
};

QTEST_MAIN(TestLocalGlobalPanel)
#include "tst_local_global_panel.moc"
