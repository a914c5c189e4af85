// The sessions on the job tracker: the Splits table's cancel reaches the trainer loop; a Mesh 1D
// session survives save -> open with the same options and history; a malformed session file is
// refused with the field it got wrong and changes nothing; "Copy as command" run through the real
// `lreg` gives the panel's final metric.
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "lreg/common/status.h"
#include "panels/anmin_panel.h"
#include "panels/mesh1d_panel.h"
#include "panels/race_controls.h"
#include "session/compare_session.h"
#include "session/mesh1d_session.h"
#include "session/session_file.h"

using namespace lreg::views;

namespace {

constexpr int kTimeoutMs = 60000;

lreg::Mrc1DOptions smallOptions() {
  lreg::Mrc1DOptions o;
  o.dof = 24;
  o.topk = 4;
  o.epochs = 10;
  o.seed = 3;
  return o;
}

Mesh1DSource sinInv() {
  Mesh1DSource s;
  s.generator = "sin-inv";
  s.seed = 3;
  return s;
}

// Runs the panel's session to `step` and waits until it is shown.
void runTo(Mesh1DPanel& panel, int step) {
  panel.session()->setup(sinInv(), smallOptions());
  panel.session()->setStepsPerSecond(0);
  panel.session()->playUntil(step);
  QTRY_VERIFY_WITH_TIMEOUT(panel.session()->frame() &&
                               panel.session()->frame()->snapshot.step == step &&
                               !panel.session()->isBusy(),
                           kTimeoutMs);
}

bool near(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b)); }

}  // namespace

class TestSessions : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void splitsCancelLandsWithinOneTrainerStep() {
    CompareSession session;
    CompareRequest r;
    r.source.kind = RaceSource::Kind::Sim;
    r.source.dim = 2;
    r.source.n = 300;
    r.methods = {"adam"};
    r.splits = 3;
    lreg::NetOptions net;
    net.hidden = 8;
    r.config.setCommon(net);
    r.config.adam.mb.epochs = 1000000;  // hours: a cancel between runs would never come
    QSignalSpy progress(&session, &CompareSession::progress);
    QSignalSpy done(&session, &CompareSession::finished);
    session.start(r);
    QVERIFY(progress.wait(kTimeoutMs));
    QElapsedTimer timer;
    timer.start();
    session.cancel();
    QVERIFY(done.wait(kTimeoutMs));
    const double ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    qInfo("splits cancel latency: %.3f ms (request to finished signal)", ms);
    QVERIFY2(ms < 1000, qPrintable(QString::number(ms)));  // CI-safe; expected ~ one epoch
    QCOMPARE(done.first().at(1).toBool(), true);
    QVERIFY(session.report()->runs.empty());  // the interrupted run is no sample
    QVERIFY(!session.isRunning());
  }

  void mesh1dSaveOpenRoundTrip() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.lreg.json"));
    Mesh1DPanel first;
    runTo(first, 4);
    writeSessionFile(path, {first.demoName(), first.sessionState()});

    const SessionDocument doc = readSessionFile(path);
    QCOMPARE(doc.panel, QStringLiteral("mrc1d"));
    Mesh1DPanel second;
    QSignalSpy status(&second, &Panel::statusMessage);
    QCOMPARE(second.openSessionState(doc.state), QString());
    QTRY_VERIFY_WITH_TIMEOUT(second.session()->frame() &&
                                 second.session()->frame()->snapshot.step == 4 &&
                                 !second.session()->isBusy(),
                             kTimeoutMs);
    const Mesh1DFrame& a = *first.session()->frame();
    const Mesh1DFrame& b = *second.session()->frame();
    const lreg::Mrc1DOptions &oa = a.setup->options, &ob = b.setup->options;
    QCOMPARE(ob.dof, oa.dof);
    QCOMPARE(ob.topk, oa.topk);
    QCOMPARE(ob.epochs, oa.epochs);
    QCOMPARE(ob.seed, oa.seed);
    QVERIFY(ob.coarsen == oa.coarsen && ob.indicator == oa.indicator && ob.refit == oa.refit &&
            ob.init == oa.init);
    QCOMPARE(ob.ridge, oa.ridge);
    QCOMPARE(ob.density_floor, oa.density_floor);
    QCOMPARE(b.setup->source.generator, a.setup->source.generator);
    QCOMPARE(b.setup->source.seed, a.setup->source.seed);
    QCOMPARE(b.history.points.size(), size_t(5));
    QVERIFY(sameLosses(a.history, b.history));
    QCOMPARE(b.snapshot.nodes, a.snapshot.nodes);
    bool restored = false;
    for (const auto& args : status)
      restored |= args.at(0).toString().contains("restored at step 4");
    QVERIFY(restored);
  }

  void malformedSessionIsRefusedAndChangesNothing() {
    QTemporaryDir dir;
    const QString broken = dir.filePath(QStringLiteral("broken.json"));
    QFile f(broken);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"format\": \"lreg-studio-session\", \"version\": 1, \"panel\": ");
    f.close();
    try {
      readSessionFile(broken);
      QFAIL("a truncated file was read");
    } catch (const lreg::InputError& e) {
      QVERIFY2(QString::fromUtf8(e.what()).contains(broken), e.what());
    }

    Mesh1DPanel panel;
    runTo(panel, 2);
    const Mesh1DFramePtr before = panel.session()->frame();
    nlohmann::json state = panel.sessionState();
    state["options"]["dof"] = "many";
    QVERIFY(panel.openSessionState(state).contains("state.options.dof"));
    state = panel.sessionState();
    state["options"]["coarsen"] = "sideways";
    QVERIFY(panel.openSessionState(state).contains("state.options.coarsen"));
    state = panel.sessionState();
    state["history"].erase(state["history"].size() - 1);  // no longer ends at "step"
    QVERIFY(panel.openSessionState(state).contains("state.history"));
    QVERIFY(!panel.session()->isBusy());
    QCOMPARE(panel.session()->frame(), before);
    QCOMPARE(panel.session()->options().dof, smallOptions().dof);
  }

  void copyAsCommandReproducesThePanelsRun() {
    Mesh1DPanel panel;
    runTo(panel, 5);
    const QString command = panel.commandLine();
    QVERIFY2(command.startsWith(QStringLiteral("lreg fit ")), qPrintable(command));
    QStringList args = QProcess::splitCommand(command);
    args.removeFirst();
    args << QStringLiteral("--json");
    QProcess lreg;
    lreg.start(QStringLiteral(LREG_CLI), args);
    QVERIFY(lreg.waitForFinished(kTimeoutMs));
    QCOMPARE(lreg.exitCode(), 0);
    const QJsonObject out = QJsonDocument::fromJson(lreg.readAllStandardOutput()).object();
    const lreg::Mrc1DSnapshot& snap = panel.session()->frame()->snapshot;
    const double cliMae = out["test"].toObject()["mae"].toDouble();
    const double cliR2 = out["test"].toObject()["r2"].toDouble();
    QVERIFY2(near(cliMae, snap.test.mae),
             qPrintable(QStringLiteral("%1 vs %2").arg(cliMae).arg(snap.test.mae)));
    QVERIFY(near(cliR2, snap.test.r2));
    QCOMPARE(out["history"].toArray().size(), 6);  // steps 0..5
  }

  void raceCommandsReproduceEachRun() {
    AnminPanel panel;
    QCOMPARE(panel.commandLine(), QString());  // no race yet
    RaceSetup s;
    s.source.kind = RaceSource::Kind::Sim;
    s.source.dim = 2;
    s.source.n = 200;
    s.source.seed = 5;
    lreg::NetOptions net;
    net.hidden = 8;
    net.seed = 5;
    s.config.setCommon(net);
    s.config.anmin.iters = 3;
    s.config.adam.mb.epochs = 4;
    s.config.adam.mb.batch = 32;
    s.methods = {"anmin", "adam"};
    panel.controls()->setSetup(s);
    panel.startRace();
    QTRY_VERIFY_WITH_TIMEOUT(panel.session()->data() && !panel.session()->isBusy(), kTimeoutMs);
    const QStringList lines = panel.commandLine().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 2);
    for (int i = 0; i < lines.size(); ++i) {
      QStringList args = QProcess::splitCommand(lines[i]);
      QCOMPARE(args.takeFirst(), QStringLiteral("lreg"));
      QCOMPARE(args.first(), QString::fromStdString(s.methods[static_cast<size_t>(i)]));
      args << QStringLiteral("--json");
      QProcess lreg;
      lreg.start(QStringLiteral(LREG_CLI), args);
      QVERIFY(lreg.waitForFinished(kTimeoutMs));
      QVERIFY2(lreg.exitCode() == 0, lreg.readAllStandardError().constData());
      const QJsonArray history =
          QJsonDocument::fromJson(lreg.readAllStandardOutput()).object()["history"].toArray();
      const lreg::History& h = panel.session()->run(s.methods[static_cast<size_t>(i)])->history;
      QCOMPARE(history.size(), static_cast<qsizetype>(h.points.size()));
      const QJsonObject last = history.last().toObject();
      QVERIFY2(near(last["train_mse"].toDouble(), h.last().train_loss), qPrintable(lines[i]));
      QVERIFY2(near(last["test_mse"].toDouble(), h.last().test_loss), qPrintable(lines[i]));
    }
  }
};

QTEST_MAIN(TestSessions)
#include "tst_sessions.moc"
