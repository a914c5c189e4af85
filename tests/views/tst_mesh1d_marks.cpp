// The Mesh 1D step marks, replay and play limit, offscreen: the plot and status line show the
// counts the core reported, moves are not counted as insertions plus removals, Play stops at the
// step limit, and the scrubber shows step k's mesh.
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTest>
#include <algorithm>
#include <cstdlib>

#include "panels/mesh1d_panel.h"
#include "panels/step_scrubber.h"
#include "scene/mesh1d_marks.h"
#include "scene/mesh1d_plot.h"
#include "session/mesh1d_replay.h"
#include "session/mesh1d_session.h"

using namespace lreg::views;

namespace {

constexpr int kTimeoutMs = 30000;

Mesh1DSource sinInv() {
  Mesh1DSource s;
  s.generator = "sin-inv";
  s.seed = 2;
  return s;
}

lreg::Mrc1DOptions options(lreg::CoarsenStrategy coarsen, int epochs) {
  lreg::Mrc1DOptions o;
  o.dof = 48;
  o.topk = 6;
  o.epochs = epochs;
  o.coarsen = coarsen;
  return o;
}

// "refined R · inserted I · removed D · moved M" of the snapshot, as the core reported it.
QString countsOf(const lreg::Mrc1DSnapshot& s) {
  return QStringLiteral("refined %1 · inserted %2 · removed %3 · moved %4")
      .arg(s.refined.size())
      .arg(s.inserted.size())
      .arg(s.removed.size())
      .arg(s.moved.size());
}

void runSteps(Mesh1DPanel& panel, lreg::CoarsenStrategy coarsen, int steps) {
  panel.session()->setStepsPerSecond(0);
  panel.session()->setup(sinInv(), options(coarsen, steps));
  panel.session()->waitForIdle();
  QSignalSpy reached(panel.session(), &Mesh1DSession::targetReached);
  panel.session()->playUntil(steps);
  QTRY_COMPARE_WITH_TIMEOUT(reached.count(), 1, kTimeoutMs);
  panel.session()->waitForIdle();
}

}  // namespace

class TestMesh1DMarks : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void plotShowsTheCoreCountsOfTheStep_data() {
    QTest::addColumn<int>("coarsen");
    QTest::newRow("remove") << static_cast<int>(lreg::CoarsenStrategy::Remove);
    QTest::newRow("equifreq") << static_cast<int>(lreg::CoarsenStrategy::Equifreq);
  }

  void plotShowsTheCoreCountsOfTheStep() {
    QFETCH(int, coarsen);
    const auto strategy = static_cast<lreg::CoarsenStrategy>(coarsen);
    Mesh1DPanel panel;
    panel.resize(1300, 850);
    panel.show();
    panel.session()->waitForIdle();
    runSteps(panel, strategy, 3);

    const Mesh1DFramePtr shown = panel.plot()->frame();
    QVERIFY(shown);
    QCOMPARE(shown, panel.session()->frame());  // the plot shows the latest step, not a copy
    const lreg::Mrc1DSnapshot& s = shown->snapshot;
    QCOMPARE(s.step, 3);
    QVERIFY(!s.refined.empty());
    const QString counts = countsOf(s);
    QCOMPARE(markSummary(s), counts);
    QVERIFY2(panel.statusText().contains(counts), qPrintable(panel.statusText()));
    QVERIFY2(panel.plot()->caption().startsWith(QStringLiteral("Step 3:")),
             qPrintable(panel.plot()->caption()));

    if (strategy == lreg::CoarsenStrategy::Remove) {
      // Figure 1 b/c: midpoints in, nodes out, nothing moves.
      QVERIFY(!s.inserted.empty());
      QVERIFY(!s.removed.empty());
      QVERIFY(s.moved.empty());
      QVERIFY(panel.plot()->caption().contains(QString::number(s.removed.size())));
    } else {
      // The re-placement shifts nearly every interior node: these are moves, and no moved node
      // is also counted as inserted (its new place) or removed (its old place).
      QVERIFY2(s.moved.size() > s.nodes.size() / 2, qPrintable(counts));
      for (const auto& [from, to] : s.moved) {
        QVERIFY(!std::count(s.inserted.begin(), s.inserted.end(), to));
        QVERIFY(!std::count(s.removed.begin(), s.removed.end(), from));
        QVERIFY(std::count(s.nodes.begin(), s.nodes.end(), to));
      }
      QVERIFY(s.inserted.size() + s.removed.size() < s.moved.size());
    }
    // The trails are drawn where nodes moved: count the pixels of their colour in the plot (the
    // legend's trail glyph alone gives a few dozen).
    const QImage image = panel.plot()->grab().toImage();
    if (qEnvironmentVariableIsSet("LREG_TEST_FIGURES"))
      image.save(qEnvironmentVariable("LREG_TEST_FIGURES") +
                 QStringLiteral("/marks_%1.png").arg(coarsen));
    const QColor trail = Mesh1DColors::moved();
    int trailPixels = 0;
    for (int y = 0; y < image.height(); ++y)
      for (int x = 0; x < image.width(); ++x) {
        const QColor c = image.pixelColor(x, y);
        trailPixels += std::abs(c.red() - trail.red()) + std::abs(c.green() - trail.green()) +
                           std::abs(c.blue() - trail.blue()) <
                       40;
      }
    if (strategy == lreg::CoarsenStrategy::Remove)
      QVERIFY2(trailPixels < 150, qPrintable(QString::number(trailPixels)));
    else
      QVERIFY2(trailPixels > 300, qPrintable(QString::number(trailPixels)));
    // Old mesh + inserted - removed = new mesh: the counts add up.
    const Mesh1DFramePtr previous = panel.replay()->frameAt(2);
    QVERIFY(previous);
    QCOMPARE(previous->snapshot.nodes.size() + s.inserted.size() - s.removed.size(),
             s.nodes.size());
  }

  void playStopsAtTheStepLimit() {
    Mesh1DSession session;
    session.setStepsPerSecond(0);
    session.setup(sinInv(), options(lreg::CoarsenStrategy::Equifreq, 4));
    session.waitForIdle();
    session.play();
    QTRY_VERIFY_WITH_TIMEOUT(!session.isPlaying(), kTimeoutMs);
    session.waitForIdle();
    QCOMPARE(session.frame()->snapshot.step, 4);
    // Played again at the limit, it stops at once instead of running past it.
    QSignalSpy progress(&session, &Mesh1DSession::progress);
    session.play();
    QTRY_VERIFY_WITH_TIMEOUT(!session.isPlaying(), kTimeoutMs);
    QTest::qWait(300);
    session.waitForIdle();
    QCOMPARE(session.frame()->snapshot.step, 4);
    QCOMPARE(progress.count(), 0);
    // A single step is still the user's to take.
    session.step();
    session.waitForIdle();
    QCOMPARE(session.frame()->snapshot.step, 5);
  }

  void scrubberShowsStepK() {
    Mesh1DPanel panel;
    panel.resize(1300, 850);
    panel.show();
    panel.session()->waitForIdle();
    panel.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&panel));  // shortcuts fire in the active window only
    runSteps(panel, lreg::CoarsenStrategy::Remove, 5);
    Mesh1DReplay* replay = panel.replay();
    QCOMPARE(replay->count(), 6);
    QSlider* slider = panel.scrubber()->slider();
    QCOMPARE(slider->maximum(), 5);
    QCOMPARE(slider->value(), 5);

    slider->setValue(2);  // as a drag would
    QCOMPARE(panel.plot()->frame()->snapshot.step, 2);
    QCOMPARE(panel.plot()->frame(), replay->frameAt(2));
    QVERIFY(panel.plot()->frame()->snapshot.nodes != panel.session()->frame()->snapshot.nodes);
    QVERIFY2(panel.statusText().contains(QStringLiteral("Step 2")), qPrintable(panel.statusText()));
    QVERIFY(panel.statusText().contains(countsOf(replay->frameAt(2)->snapshot)));

    QTest::keyClick(&panel, Qt::Key_BracketLeft);
    QCOMPARE(panel.plot()->frame()->snapshot.step, 1);
    QCOMPARE(slider->value(), 1);

    // A new step while scrubbed back is recorded but does not yank the view away.
    panel.session()->step();
    panel.session()->waitForIdle();
    QTRY_COMPARE_WITH_TIMEOUT(replay->count(), 7, kTimeoutMs);
    QCOMPARE(panel.plot()->frame()->snapshot.step, 1);
    QCOMPARE(slider->maximum(), 6);

    QTest::keyClick(&panel, Qt::Key_End);  // back to the live end, which follows again
    QCOMPARE(panel.plot()->frame(), panel.session()->frame());
    panel.session()->step();
    panel.session()->waitForIdle();
    QTRY_COMPARE_WITH_TIMEOUT(panel.plot()->frame()->snapshot.step, 7, kTimeoutMs);

    // A new run starts a new recording.
    panel.session()->reset();
    panel.session()->waitForIdle();
    QTRY_COMPARE_WITH_TIMEOUT(replay->count(), 1, kTimeoutMs);
    QCOMPARE(slider->maximum(), 0);
  }
};

QTEST_MAIN(TestMesh1DMarks)
#include "tst_mesh1d_marks.moc"
