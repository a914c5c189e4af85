// The Mesh 2D panel and its session, offscreen: a step changes the drawn mesh, manual edits
// through the edit tool refit and undo, bad or degenerate files are reported, the inspector reads
// out a vertex and a triangle, and without OpenGL the 3D view explains itself instead of crashing.
#include <QComboBox>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <cmath>

#include "charts/loss_chart.h"
#include "panels/mesh2d_inspector.h"
#include "panels/mesh2d_panel.h"
#include "panels/mesh2d_toolbar.h"
#include "scene/mesh2d_surface.h"
#include "scene/mesh2d_view.h"
#include "session/mesh2d_session.h"

using namespace lreg::views;

namespace {

constexpr int kTimeoutMs = 30000;

lreg::Mrc2DOptions smallOptions() {
  lreg::Mrc2DOptions o;
  o.dof = 36;
  o.topk = 4;
  o.epochs = 5;
  return o;
}

Mesh2DSource a2() {  // 7,500 training points: the smallest 2D built-in
  Mesh2DSource s;
  s.generator = "a2";
  s.seed = 2;
  return s;
}

QString writeFile(const QTemporaryDir& dir, const char* name, const QByteArray& text) {
  const QString path = dir.filePath(QLatin1String(name));
  QFile f(path);
  if (f.open(QIODevice::WriteOnly | QIODevice::Text)) f.write(text);
  return path;
}

// A panel showing a small a2 run, its first frame delivered.
void startSmall(Mesh2DPanel& panel) {
  panel.resize(1300, 850);
  panel.show();
  panel.session()->waitForIdle();  // the setup asked for when the panel was shown
  panel.session()->setup(a2(), smallOptions());
  panel.session()->waitForIdle();
}

}  // namespace

class TestMesh2DPanel : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void stepChangesTheDrawnMesh() {
    Mesh2DPanel panel;
    startSmall(panel);
    const Mesh2DFramePtr before = panel.view()->frame();
    QVERIFY(before);
    QCOMPARE(before->snapshot->step, 0);
    QCOMPARE(before->snapshot->vertices.rows(), 36);
    QCOMPARE(panel.lossChart()->pointCount(QStringLiteral("MRC")), 1);
    QVERIFY2(panel.statusText().contains(QStringLiteral("Step 0")), qPrintable(panel.statusText()));

    panel.session()->step();
    QTRY_VERIFY_WITH_TIMEOUT(panel.view()->frame()->snapshot->step == 1, kTimeoutMs);
    const Mesh2DFramePtr after = panel.view()->frame();
    const lreg::Mrc2DSnapshot& s = *after->snapshot;
    QCOMPARE(after->previous, before->snapshot);  // what the animation draws the step against
    QCOMPARE(s.vertices.rows(), 36);              // DoF back at the target
    QVERIFY(s.inserted.rows() > 0);
    QVERIFY(s.removed.rows() > 0);
    QVERIFY(!s.refined_triangles.empty());
    const bool moved = s.vertices.rows() != before->snapshot->vertices.rows() ||
                       !s.vertices.isApprox(before->snapshot->vertices) ||
                       s.triangles.rows() != before->snapshot->triangles.rows() ||
                       s.triangles != before->snapshot->triangles;
    QVERIFY(moved);
    QCOMPARE(panel.lossChart()->pointCount(QStringLiteral("MRC")), 2);
    QVERIFY2(panel.statusText().contains(QStringLiteral("Step 1")), qPrintable(panel.statusText()));
    QVERIFY(panel.statusText().contains(QStringLiteral("noise ceiling")));
    QCOMPARE(after->grid.values.rows(), Mesh2DSession::kGridSide * Mesh2DSession::kGridSide);

    // The figure paints, and the fill is the fitted field, not the empty background.
    const QImage image = panel.figureWidget()->grab().toImage();
    QVERIFY(!image.isNull());
    const QPoint centre = panel.view()->toPixel(QPointF(0.3, -0.2)).toPoint();
    QVERIFY(image.pixelColor(centre) != QColor(238, 240, 243));
  }

  void insertThroughTheToolRefitsAndUndoRestores() {
    Mesh2DPanel panel;
    startSmall(panel);
    Mesh2DView* view = panel.view();
    const Mesh2DFramePtr before = view->frame();
    const auto& s0 = *before->snapshot;

    // Shift+click in the view: the edit tool asks the session to insert there.
    const QPointF at(1.0, 0.7);
    QSignalSpy changed(panel.session(), &Mesh2DSession::changed);
    QTest::mouseClick(view, Qt::LeftButton, Qt::ShiftModifier, view->toPixel(at).toPoint());
    QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, kTimeoutMs);
    const auto& s1 = *view->frame()->snapshot;
    QCOMPARE(s1.action, std::string("insert"));
    QCOMPARE(s1.vertices.rows(), s0.vertices.rows() + 1);
    QCOMPARE(s1.inserted_kept.size(), size_t(1));
    const Eigen::Vector2d p = s1.vertices.row(s1.inserted_kept.front());
    QVERIFY((p - Eigen::Vector2d(at.x(), at.y())).norm() < 0.05);  // a pixel's worth of model units
    QVERIFY(!s1.coeffs.topRows(s0.coeffs.rows())
                 .isApprox(s0.coeffs));  // refitted, not only interpolated
    QVERIFY(panel.session()->undoStack()->canUndo());

    panel.session()->undoStack()->undo();
    panel.session()->waitForIdle();
    const auto& s2 = *view->frame()->snapshot;
    QCOMPARE(s2.vertices.rows(), s0.vertices.rows());
    QVERIFY(s2.vertices.isApprox(s0.vertices));
    QVERIFY(s2.coeffs.isApprox(s0.coeffs));
    QVERIFY(panel.session()->undoStack()->canRedo());
    panel.session()->undoStack()->redo();
    panel.session()->waitForIdle();
    QCOMPARE(view->frame()->snapshot->vertices.rows(), s0.vertices.rows() + 1);

    // Right-click on the inserted vertex deletes it; a corner refuses.
    const int v = view->vertexAt(view->toPixel(at), 12);
    QVERIFY(v >= 0);
    QTest::mouseClick(view, Qt::RightButton, {},
                      view->toPixel(QPointF(view->frame()->snapshot->vertices(v, 0),
                                            view->frame()->snapshot->vertices(v, 1)))
                          .toPoint());
    panel.session()->waitForIdle();
    QCOMPARE(view->frame()->snapshot->action, std::string("remove"));
    QCOMPARE(view->frame()->snapshot->vertices.rows(), s0.vertices.rows());

    // An MRC step ends what can be undone: the history is one of steps.
    panel.session()->step();
    panel.session()->waitForIdle();
    QVERIFY(!panel.session()->undoStack()->canUndo());
    QCOMPARE(view->frame()->snapshot->vertices.rows(), 36);
  }

  void dragMovesAVertex() {
    Mesh2DPanel panel;
    startSmall(panel);
    Mesh2DView* view = panel.view();
    const auto& s0 = *view->frame()->snapshot;
    int v = -1;  // an interior vertex
    for (Eigen::Index i = 0; i < s0.vertices.rows() && v < 0; ++i)
      if (std::abs(s0.vertices(i, 0)) < 2.5 && std::abs(s0.vertices(i, 1)) < 2.5)
        v = static_cast<int>(i);
    QVERIFY(v >= 0);
    const QPoint from = view->toPixel(QPointF(s0.vertices(v, 0), s0.vertices(v, 1))).toPoint();
    const QPoint to = from + QPoint(9, -6);
    QTest::mousePress(view, Qt::LeftButton, {}, from);
    QTest::mouseMove(view, from + QPoint(5, -3));
    QTest::mouseMove(view, to);
    QTest::mouseRelease(view, Qt::LeftButton, {}, to);
    panel.session()->waitForIdle();
    const auto& s1 = *view->frame()->snapshot;
    QCOMPARE(s1.action, std::string("move"));
    QCOMPARE(s1.vertices.rows(), s0.vertices.rows());
    const QPointF target = view->toModel(to);
    QVERIFY((Eigen::Vector2d(s1.vertices.row(v)) - Eigen::Vector2d(target.x(), target.y())).norm() <
            1e-9);
  }

  void inspectorReadsOutVertexAndTriangle() {
    Mesh2DPanel panel;
    startSmall(panel);
    Mesh2DView* view = panel.view();
    const auto& s = *view->frame()->snapshot;
    QTest::mouseClick(view, Qt::LeftButton, {},
                      view->toPixel(QPointF(s.vertices(5, 0), s.vertices(5, 1))).toPoint());
    const int v = view->selectedVertex();
    QVERIFY(v >= 0);
    const QString vt = panel.inspector()->text();
    QVERIFY2(vt.contains(QStringLiteral("Vertex %1").arg(v)), qPrintable(vt));
    QVERIFY(vt.contains(QStringLiteral("coefficient")));
    QVERIFY(vt.contains(QStringLiteral("share")));
    QVERIFY(vt.contains(QString::number(s.vertex_samples(v))));

    // The centroid of triangle 0 selects it (no vertex within the click radius there).
    QPointF c;
    for (int k = 0; k < 3; ++k)
      c += QPointF(s.vertices(s.triangles(0, k), 0), s.vertices(s.triangles(0, k), 1)) / 3.0;
    view->selectTriangle(view->triangleAt(view->toPixel(c)));
    QCOMPARE(view->selectedTriangle(), 0);
    const QString tt = panel.inspector()->text();
    QVERIFY2(tt.contains(QStringLiteral("Triangle 0")), qPrintable(tt));
    QVERIFY(tt.contains(QStringLiteral("samples inside: %1").arg(s.triangle_samples(0))));

    // The toggles paint (circumcircles and the Voronoi diagram from the circumcentres).
    view->setShowCircumcircles(true);
    view->setShowVoronoi(true);
    QVERIFY(!view->grab().isNull());
  }

  void badCsvReportsError_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("mention");
    QTest::newRow("ragged") << QByteArray("x1,x2,y\n0,0,1\n1,0,2,3\n0,1,4\n")
                            << QStringLiteral("row");
    QTest::newRow("text cell") << QByteArray("x1,x2,y\n0,0,1\n1,abc,2\n0,1,4\n")
                               << QStringLiteral("column");
    QTest::newRow("one input") << QByteArray("x,y\n0,1\n1,2\n2,3\n3,4\n4,5\n")
                               << QStringLiteral("input columns");
    QByteArray collinear = "x1,x2,y\n";  // every point on one line: no triangle has area
    for (int i = 0; i < 200; ++i)
      collinear += QByteArray::number(i) + ',' + QByteArray::number(2 * i) + ",1\n";
    QTest::newRow("collinear") << collinear << QString();
    QTest::newRow("too few points")
        << QByteArray("x1,x2,y\n0,0,1\n1,0,2\n0,1,3\n1,1,4\n0.5,0.5,5\n") << QString();
  }

  void badCsvReportsError() {
    QFETCH(QByteArray, text);
    QFETCH(QString, mention);
    QTemporaryDir dir;
    const QString path = writeFile(dir, "bad.csv", text);
    Mesh2DPanel panel;
    startSmall(panel);
    const Mesh2DFramePtr before = panel.session()->frame();
    QSignalSpy failed(panel.session(), &Mesh2DSession::failed);
    panel.session()->loadCsv(path);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kTimeoutMs);
    const QString message = failed.first().first().toString();
    QVERIFY2(!message.isEmpty(), "no message");
    if (!mention.isEmpty()) {
      QVERIFY2(message.contains(QStringLiteral("bad.csv")), qPrintable(message));
      QVERIFY2(message.contains(mention, Qt::CaseInsensitive), qPrintable(message));
    }
    QCOMPARE(panel.errorText(), message);
    panel.session()->waitForIdle();
    QCOMPARE(panel.session()->frame(), before);  // the run is untouched and still steps
    panel.session()->step();
    QTRY_VERIFY_WITH_TIMEOUT(panel.view()->frame()->snapshot->step == 1, kTimeoutMs);
  }

  void refusedEditIsReported() {
    Mesh2DPanel panel;
    startSmall(panel);
    QSignalSpy failed(panel.session(), &Mesh2DSession::failed);
    panel.session()->removeVertex(panel.session()->frame()->snapshot->corners.front());
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kTimeoutMs);
    QVERIFY(!panel.session()->undoStack()->canUndo());
    QCOMPARE(panel.view()->frame()->snapshot->vertices.rows(), 36);
  }

  void offscreenSurfaceExplainsWhyThereIsNo3DView() {
    QCOMPARE(QGuiApplication::platformName(), QStringLiteral("offscreen"));
    Mesh2DPanel panel;
    startSmall(panel);  // a frame reaches the surface widget without crashing it
    QVERIFY(!panel.surface()->isAvailable());
    const QString message = panel.surface()->message();
    QVERIFY2(message.contains(QStringLiteral("No 3D view")) ||
                 message.contains(QStringLiteral("no 3D view")),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("xvfb-run")), qPrintable(message));
    QVERIFY(panel.surface()->renderImage().isNull());
    QTemporaryDir dir;
    QCOMPARE(panel.save3DView(dir.filePath(QStringLiteral("3d.png"))), message);
  }

  void demoPlaysAndFinishes() {
    Mesh2DPanel panel;
    panel.resize(1300, 850);
    panel.show();
    QSignalSpy finished(&panel, &Panel::demoFinished);
    panel.startDemo(2);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    QCOMPARE(panel.view()->frame()->snapshot->step, 2);
    QCOMPARE(panel.view()->frame()->setup->source.generator, std::string("sin-inv-2d"));
  }

  void exportWritesMeshAndHistory() {
    Mesh2DPanel panel;
    startSmall(panel);
    panel.session()->step();
    panel.session()->waitForIdle();
    QTemporaryDir dir;
    QVERIFY(panel.exportData(dir.filePath(QStringLiteral("fit.csv"))).isEmpty());
    const auto lines = [&dir](const char* name) {
      QFile f(dir.filePath(QLatin1String(name)));
      return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().split('\n') : QList<QByteArray>{};
    };
    const auto& s = *panel.session()->frame()->snapshot;
    QCOMPARE(lines("fit.csv").first(), QByteArray("x1,x2,c1"));
    QCOMPARE(lines("fit.csv").size(), 1 + s.vertices.rows());
    QCOMPARE(lines("fit_triangles.csv").size(), 1 + s.triangles.rows());
    QVERIFY(lines("fit_history.csv").first().startsWith("step,seconds,train_mae,test_mae"));
    QCOMPARE(lines("fit_history.csv").size(), 1 + 2);
    QVERIFY(panel.figureWidget() == panel.view());
  }

  void vectorValuedSetColoursByChosenOutput() {
    Mesh2DPanel panel;
    panel.resize(1300, 850);
    panel.show();
    panel.session()->waitForIdle();
    Mesh2DSource sph;
    sph.generator = "sph-harm";
    panel.session()->setup(sph, smallOptions());
    panel.session()->waitForIdle();
    QCOMPARE(panel.view()->frame()->snapshot->coeffs.cols(), 2);
    auto* chooser = panel.findChild<Mesh2DToolBar*>()->findChild<QComboBox*>();
    QVERIFY(chooser);
    QCOMPARE(chooser->count(), 2);
    const QImage first = panel.view()->grab().toImage();
    chooser->setCurrentIndex(1);
    QCOMPARE(panel.view()->output(), 1);
    QVERIFY(panel.view()->grab().toImage() != first);  // the imaginary part looks different
  }

  void settingsRoundTrip() {
    QTemporaryDir dir;
    QSettings first(dir.filePath(QStringLiteral("a.ini")), QSettings::IniFormat);
    first.setValue(QStringLiteral("dataset"), QStringLiteral("franke"));
    first.setValue(QStringLiteral("dof"), 81);
    first.setValue(QStringLiteral("insert"), QStringLiteral("centroid"));
    first.setValue(QStringLiteral("voronoi"), true);
    first.setValue(QStringLiteral("speed"), 12);
    Mesh2DPanel panel;
    panel.loadSettings(first);
    QVERIFY(panel.view()->showVoronoi());
    QSettings second(dir.filePath(QStringLiteral("b.ini")), QSettings::IniFormat);
    panel.saveSettings(second);
    QCOMPARE(second.value(QStringLiteral("dataset")).toString(), QStringLiteral("franke"));
    QCOMPARE(second.value(QStringLiteral("dof")).toInt(), 81);
    QCOMPARE(second.value(QStringLiteral("insert")).toString(), QStringLiteral("centroid"));
    QCOMPARE(second.value(QStringLiteral("voronoi")).toBool(), true);
    QCOMPARE(second.value(QStringLiteral("speed")).toInt(), 12);
  }
};

QTEST_MAIN(TestMesh2DPanel)
#include "tst_mesh2d_panel.moc"
