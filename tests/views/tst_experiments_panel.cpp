// The Experiments panel, offscreen, on injected toy experiments (the real ones live in core and
// are listed by lreg::experiments()): a run shows the claims with coloured verdicts, the figures
// with their series, point counts and log axes, and the table; progress says how many runs are
// left; a cancel keeps the finished runs and the next run reuses them; a failing experiment shows
// its error and the panel still runs; export writes the Markdown and the figures; a new panel
// shows the report of an earlier one; the options survive a settings round trip.
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLogValueAxis>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QValueAxis>
#include <QXYSeries>
#include <climits>
#include <memory>

#include "charts/repro_chart.h"
#include "experiments_toys.h"
#include "panels/experiments_list.h"
#include "panels/experiments_options.h"
#include "panels/experiments_panel.h"
#include "panels/experiments_report_view.h"

using namespace lreg;
using namespace lreg::views;
using toys::broken;
using toys::decay;
using toys::squares;
using toys::Toy;

namespace {

struct Fixture {
  std::shared_ptr<Toy> toy = std::make_shared<Toy>();
  QTemporaryDir dir;
  std::unique_ptr<ExperimentsPanel> panel;

  Fixture() {
    panel = std::make_unique<ExperimentsPanel>(std::vector<Experiment>{squares(toy), broken()});
    panel->options()->setOutputFolder(dir.filePath(QStringLiteral("out")));
  }
  void runAndWait(const QString& name = QStringLiteral("squares")) {
    panel->select(name);
    panel->run();
    panel->session()->waitForIdle();
  }
};

template <typename Pred>
bool waitFor(Pred pred, int ms = 10000) {
  return QTest::qWaitFor(pred, ms);
}

}  // namespace

class TestExperimentsPanel : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void listShowsEachExperimentWithItsClaim() {
    Fixture f;
    QCOMPARE(f.panel->list()->rowCount(), 2);
    QCOMPARE(f.panel->list()->claim(0), QStringLiteral("y = x^2"));
    QVERIFY(f.panel->list()->toolTip(0).contains(QStringLiteral("section 0")));
    QCOMPARE(f.panel->list()->summary(0), QStringLiteral("not run yet"));
    QVERIFY(f.panel->reportView()->headerText().contains(QStringLiteral("Not run yet")));
    QVERIFY(f.panel->runButton()->isEnabled());
    QVERIFY(!f.panel->cancelButton()->isEnabled());

    ExperimentsPanel none(std::vector<Experiment>{});
    QVERIFY(!none.runButton()->isEnabled());
    QVERIFY(none.reportView()->headerText().contains(QStringLiteral("no experiments")));
  }

  void aRunShowsClaimsFiguresAndTable() {
    Fixture f;
    f.runAndWait();
    QCOMPARE(f.toy->computed.load(), 4);
    QVERIFY2(f.panel->errorText().isEmpty(), qPrintable(f.panel->errorText()));
    ExperimentsReportView* v = f.panel->reportView();
    QTableWidget* claims = v->claimsTable();
    QCOMPARE(claims->rowCount(), 2);
    QCOMPARE(claims->item(0, 3)->text(), QStringLiteral("reproduced"));
    QCOMPARE(claims->item(0, 3)->background().color(),
             ExperimentsReportView::verdictBackground(Verdict::Reproduced));
    QCOMPARE(claims->item(1, 3)->text(), QStringLiteral("differs"));
    QCOMPARE(claims->item(1, 3)->background().color(),
             ExperimentsReportView::verdictBackground(Verdict::Differs));
    QCOMPARE(claims->item(1, 4)->text(), QStringLiteral("the toy's x is linear"));
    QCOMPARE(claims->item(1, 1)->text(), QStringLiteral("2"));  // the paper's beside ours
    QCOMPARE(claims->item(1, 2)->text(), QStringLiteral("2.0"));

    QCOMPARE(v->figureSelector()->count(), 2);
    QChart* chart = v->chartView()->chart();
    QCOMPARE(chart->title(), QStringLiteral("Squares on a log axis"));
    const QList<QXYSeries*> series = dataSeries(chart);
    QCOMPARE(series.size(), 2);
    QCOMPARE(series[0]->name(), QStringLiteral("x^2"));
    QCOMPARE(series[0]->count(), 4);
    QCOMPARE(series[0]->at(3), QPointF(4, 16));
    QCOMPARE(series[1]->count(), 4);
    QCOMPARE(chart->series().size(), 2 + 4);  // one error bar per point of x^2
    QVERIFY(qobject_cast<QLogValueAxis*>(chart->axes(Qt::Vertical).value(0)));
    QVERIFY(qobject_cast<QValueAxis*>(chart->axes(Qt::Horizontal).value(0)));
    QCOMPARE(chart->axes(Qt::Horizontal)[0]->titleText(), QStringLiteral("x"));
    v->figureSelector()->setCurrentIndex(1);
    chart = v->chartView()->chart();
    QCOMPARE(chart->title(), QStringLiteral("Squares, linear"));
    QVERIFY(qobject_cast<QValueAxis*>(chart->axes(Qt::Vertical).value(0)));

    QTableWidget* table = v->dataTable();
    QCOMPARE(table->rowCount(), 4);
    QCOMPARE(table->columnCount(), 3);
    QCOMPARE(table->horizontalHeaderItem(2)->text(), QStringLiteral("paper"));
    QCOMPARE(table->item(2, 1)->text(), QStringLiteral("9"));
    QVERIFY(v->notesText().contains(QStringLiteral("runs: 4")));
    QCOMPARE(f.panel->list()->summary(0), QStringLiteral("1 of 2 reproduced, 1 differs"));
    QCOMPARE(f.panel->progressBar()->value(), f.panel->progressBar()->maximum());
    QVERIFY(QFile::exists(f.dir.filePath(QStringLiteral("out/squares.md"))));
    QVERIFY(f.panel->commandLine().startsWith(QStringLiteral("lreg repro squares --quick")));
    QVERIFY(v->headerText().contains(QStringLiteral("lreg repro squares")));
  }

  void logAxesLeaveOutWhatTheyCannotShow() {
    ReproFigure fig{"f", "t", "N", "MAE", true, true, {}};
    fig.series.push_back({"a", {1, 10, 0, 100}, {0.5, -1, 2, 0.01}, {}, {}, false});
    int dropped = -1;
    std::unique_ptr<QChart> chart(buildReproChart(fig, &dropped));
    QCOMPARE(dropped, 2);  // y = -1 and x = 0
    QCOMPARE(dataSeries(chart.get()).value(0)->count(), 2);
    QVERIFY(qobject_cast<QLogValueAxis*>(chart->axes(Qt::Horizontal).value(0)));
    auto* y = qobject_cast<QLogValueAxis*>(chart->axes(Qt::Vertical).value(0));
    QVERIFY(y);
    QVERIFY(y->min() < 0.01 && y->max() > 0.5);
    QCOMPARE(y->base(), 10.0);
    fig.series = {{"b", {1, 2}, {3.3, 10.5}, {}, {}, false}};  // less than a decade: 4, 8
    chart.reset(buildReproChart(fig));
    y = qobject_cast<QLogValueAxis*>(chart->axes(Qt::Vertical).value(0));
    QVERIFY(y);
    QCOMPARE(y->base(), 2.0);
    fig.series = {{"c", {1, 2}, {5, 6}, {}, {}, false}};  // under a factor 2: linear, labelled
    chart.reset(buildReproChart(fig));
    QVERIFY(qobject_cast<QValueAxis*>(chart->axes(Qt::Vertical).value(0)));
  }

  void theEtaIgnoresABurstOfReusedRuns() {
    QCOMPARE(etaSeconds({}, 10), -1.0);
    QCOMPARE(etaSeconds({{2.0, 2}}, 10), 8.0);  // 1 s a run, 8 left
    // Five runs read back in 10 ms, then one a second: 3 left take 3 s, not 3 * 2 / 7 s.
    QCOMPARE(etaSeconds({{0.002, 1}, {0.004, 3}, {0.01, 5}, {1.01, 6}, {2.01, 7}}, 10), 3.0);
    QCOMPARE(etaSeconds({{1.0, 0}}, 10), -1.0);  // no run done yet
  }

  void aReportOfTablesOnlyGivesTheTableTheWidth() {
    ExperimentsReportView v;
    auto r = std::make_shared<ReproReport>();
    r->name = "t";
    r->tables.push_back({"a", "A", {"set", "R^2"}, {{"A1", "0.97"}}});
    v.setReport(r);
    QVERIFY(!v.chartView()->isVisibleTo(&v));
    QVERIFY(v.dataTable()->isVisibleTo(&v));
    r = std::make_shared<ReproReport>(*r);
    r->figures.push_back({"f", "F", "x", "y", false, false, {{"s", {1}, {2}, {}, {}, false}}});
    v.setReport(r);
    QVERIFY(v.chartView()->isVisibleTo(&v));
    QCOMPARE(dataSeries(v.chartView()->chart()).value(0)->count(), 1);
  }

  void cancelKeepsTheFinishedRunsAndARerunReusesThem() {
    Fixture f;
    f.toy->allowed = 2;
    f.panel->select(QStringLiteral("squares"));
    f.panel->run();
    QVERIFY(f.panel->cancelButton()->isEnabled());
    QVERIFY(!f.panel->runButton()->isEnabled());
    QVERIFY(waitFor([&] { return f.panel->progressBar()->value() == 2; }));
    QCOMPARE(f.panel->progressBar()->maximum(), 4);
    QVERIFY(f.panel->reportView()->headerText().contains(QStringLiteral("is running")));
    const QString text = f.panel->progressBar()->format();
    QVERIFY2(text.contains(QStringLiteral("run 2 of 4")) && text.contains(QStringLiteral("left")),
             qPrintable(text));
    QSignalSpy refused(f.panel->session(), &ExperimentsSession::failed);
    f.panel->session()->run(0, f.panel->options()->options());  // one at a time
    QCOMPARE(refused.count(), 1);
    f.panel->cancel();
    f.toy->allowed = INT_MAX;
    f.panel->session()->waitForIdle();
    QCOMPARE(f.toy->computed.load(), 2);
    ReproReportPtr partial = f.panel->reportView()->report();
    QVERIFY(partial);
    QCOMPARE(partial->status.code, StatusCode::Cancelled);
    QCOMPARE(f.panel->reportView()->dataTable()->rowCount(), 2);
    QVERIFY(f.panel->reportView()->headerText().contains(QStringLiteral("Incomplete")));
    QVERIFY(f.panel->progressBar()->format().contains(QStringLiteral("cancelled after 2 runs")));
    QCOMPARE(f.panel->progressBar()->value(), 2);  // the bar stays where the run stopped
    QVERIFY(f.panel->runButton()->isEnabled());

    f.panel->run();
    f.panel->session()->waitForIdle();
    QCOMPARE(f.toy->computed.load(), 4);  // runs 1 and 2 came from the run log
    const ReproReportPtr done = f.panel->reportView()->report();
    QCOMPARE(done->runs_reused, 2);
    QVERIFY(done->status.ok());
    QCOMPARE(f.panel->reportView()->dataTable()->rowCount(), 4);
    QVERIFY(f.panel->reportView()->headerText().contains(QStringLiteral("2 of them reused")));
  }

  void aFailingExperimentShowsItsErrorAndThePanelStaysUsable() {
    Fixture f;
    f.runAndWait(QStringLiteral("broken"));
    const QString error = f.panel->errorText();
    QVERIFY2(error.contains(QStringLiteral("broken failed")) &&
                 error.contains(QStringLiteral("/no/such/file.csv does not exist")),
             qPrintable(error));
    QVERIFY(f.panel->runButton()->isEnabled());
    QVERIFY(!f.panel->cancelButton()->isEnabled());
    QVERIFY(!f.panel->reportView()->report());
    f.runAndWait(QStringLiteral("squares"));
    QVERIFY(f.panel->errorText().isEmpty());
    QCOMPARE(f.panel->reportView()->claimsTable()->rowCount(), 2);

    f.panel->options()->setOutputFolder(QString());
    f.panel->run();
    QVERIFY(f.panel->errorText().contains(QStringLiteral("output folder")));
  }

  void exportWritesTheMarkdownAndTheFigures() {
    Fixture f;
    f.runAndWait();
    const QString out = f.dir.filePath(QStringLiteral("export"));
    QStringList files;
    const QString error = f.panel->exportReport(out, &files);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(QFileInfo(files.value(0)).fileName(), QStringLiteral("squares.md"));
    for (const char* name :
         {"squares.md", "squares.json", "squares-values.csv", "squares-curve.svg",
          "squares-linear.svg", "squares-curve.png", "squares-linear.png"})
      QVERIFY2(files.contains(QDir(out).filePath(QLatin1String(name))), name);
    QFile md(QDir(out).filePath(QStringLiteral("squares.md")));
    QVERIFY(md.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(md.readAll());
    QVERIFY(text.contains(QStringLiteral("**reproduced**")));
    QVERIFY(text.contains(QStringLiteral("squares-curve.svg")));
    const QImage png(QDir(out).filePath(QStringLiteral("squares-curve.png")));
    QCOMPARE(png.size(), QSize(900, 600));
    // The x^2 series (tab10 blue) is drawn, not only axes.
    int blue = 0;
    for (int y = 0; y < png.height(); ++y)
      for (int x = 0; x < png.width(); ++x) blue += png.pixel(x, y) == qRgb(31, 119, 180);
    QVERIFY2(blue > 200, qPrintable(QString::number(blue)));
    const QString svg = f.dir.filePath(QStringLiteral("figure.svg"));  // Save figure
    QVERIFY(saveReproFigure(f.panel->reportView()->report()->figures[0], svg).isEmpty());
    QFile drawing(svg);
    QVERIFY(drawing.open(QIODevice::ReadOnly));
    QVERIFY(drawing.readAll().contains("<svg"));
    const QString csv = f.dir.filePath(QStringLiteral("table.csv"));
    QVERIFY(f.panel->exportData(csv).isEmpty());
    QFile table(csv);
    QVERIFY(table.open(QIODevice::ReadOnly));
    QCOMPARE(table.readLine(), QByteArray("x,y,paper\n"));
  }

  void anEarlierReportShowsInANewPanel() {
    Fixture f;
    f.runAndWait();
    auto toy = std::make_shared<Toy>();
    ExperimentsPanel again(std::vector<Experiment>{squares(toy), broken()});
    again.options()->setOutputFolder(f.dir.filePath(QStringLiteral("out")));
    QCOMPARE(toy->computed.load(), 0);
    QVERIFY(again.reportView()->report());
    QCOMPARE(again.reportView()->claimsTable()->rowCount(), 2);
    QCOMPARE(dataSeries(again.reportView()->chartView()->chart()).value(0)->count(), 4);
    QCOMPARE(again.list()->summary(0), QStringLiteral("1 of 2 reproduced, 1 differs"));
    QCOMPARE(again.list()->summary(1), QStringLiteral("not run yet"));

    QFile json(f.dir.filePath(QStringLiteral("out/squares.json")));  // damaged meanwhile
    QVERIFY(json.open(QIODevice::WriteOnly | QIODevice::Truncate));
    json.write("{\"name\": 3}");
    json.close();
    again.select(QStringLiteral("broken"));
    again.select(QStringLiteral("squares"));
    QVERIFY(!again.reportView()->report());
    QVERIFY2(again.reportView()->headerText().contains(QStringLiteral("cannot be read")),
             qPrintable(again.reportView()->headerText()));
  }

  void settingsSurviveARoundTrip() {
    Fixture f;
    ReproOptions o;
    o.quick = false;
    o.runs = 7;
    o.splits = 3;
    o.seed = 42;
    o.threads = 2;
    o.data = "/tmp/mine.csv";
    o.out = f.dir.filePath(QStringLiteral("elsewhere")).toStdString();
    f.panel->options()->setOptions(o);
    f.panel->select(QStringLiteral("broken"));
    const QString ini = f.dir.filePath(QStringLiteral("settings.ini"));
    {
      QSettings s(ini, QSettings::IniFormat);
      f.panel->saveSettings(s);
    }
    auto toy = std::make_shared<Toy>();
    ExperimentsPanel again(std::vector<Experiment>{squares(toy), broken()});
    QSettings s(ini, QSettings::IniFormat);
    again.loadSettings(s);
    const ReproOptions back = again.options()->options();
    QCOMPARE(back.quick, false);
    QCOMPARE(back.runs, 7);
    QCOMPARE(back.splits, 3);
    QCOMPARE(back.seed, std::uint64_t(42));
    QCOMPARE(back.threads, 2);
    QCOMPARE(QString::fromStdString(back.data.string()), QStringLiteral("/tmp/mine.csv"));
    QCOMPARE(QString::fromStdString(back.out.string()),
             f.dir.filePath(QStringLiteral("elsewhere")));
    QCOMPARE(again.list()->currentIndex(), 1);
    again.options()->setOutputFolder(QStringLiteral("~/reports/"));
    QCOMPARE(again.options()->outputFolder(), QDir::home().filePath(QStringLiteral("reports")));
    again.options()->setOutputFolder(QString::fromStdString(o.out.string()));
    QCOMPARE(again.commandLine(),
             QStringLiteral("lreg repro broken --runs 7 --splits 3 --seed 42 --threads 2 --data "
                            "/tmp/mine.csv --out ") +
                 f.dir.filePath(QStringLiteral("elsewhere")));
  }

  void shortcutsRunAndCancel() {
    Fixture f;
    f.panel->show();
    f.panel->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(f.panel.get()));
    f.toy->allowed = 1;
    QTest::keyClick(f.panel.get(), Qt::Key_R, Qt::ControlModifier);
    QVERIFY(f.panel->session()->isRunning());
    QVERIFY(waitFor([&] { return f.toy->computed == 1; }));
    QTest::keyClick(f.panel.get(), Qt::Key_Escape);
    f.toy->allowed = INT_MAX;
    f.panel->session()->waitForIdle();
    QCOMPARE(f.toy->computed.load(), 1);
    QCOMPARE(f.panel->reportView()->report()->status.code, StatusCode::Cancelled);
  }

  void closingWhileRunningAsksAndStopsTheRun() {
    Fixture f;
    QVERIFY(f.panel->confirmClose(nullptr));  // nothing runs: no question
    f.toy->allowed = 0;
    f.panel->run();
    const auto answer = [](QMessageBox::StandardButton button) {
      QTimer::singleShot(0, [button] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        QVERIFY(box && box->text().contains(QStringLiteral("squares is running")));
        box->button(button)->click();
      });
    };
    answer(QMessageBox::No);
    QVERIFY(!f.panel->confirmClose(nullptr));
    QVERIFY(f.panel->session()->isRunning());
    answer(QMessageBox::Yes);
    QVERIFY(f.panel->confirmClose(nullptr));
    f.toy->allowed = INT_MAX;
    f.panel->session()->waitForIdle();
    QCOMPARE(f.panel->reportView()->report()->status.code, StatusCode::Cancelled);
  }

  void theDemoRunsTheExperimentOfItsNumberQuick() {
    Fixture f;
    QSignalSpy done(f.panel.get(), &Panel::demoFinished);
    f.panel->startDemo(2);
    QVERIFY(done.wait(10000));
    QCOMPARE(f.panel->list()->currentIndex(), 1);
    QVERIFY(f.panel->errorText().contains(QStringLiteral("broken failed")));
    f.panel->startDemo(99);  // no such number: the one selected
    QVERIFY(done.wait(10000));
    f.panel->select(QStringLiteral("squares"));
    f.panel->startDemo(99);
    QVERIFY(done.wait(10000));
    QCOMPARE(f.toy->computed.load(), 4);
    const ReproReportPtr r = f.panel->reportView()->report();
    QVERIFY(r && r->command.find("--quick") != std::string::npos);
    QVERIFY(!QFile::exists(f.dir.filePath(QStringLiteral("out/squares.json"))));  // not the user's
  }

  // A picture of the panel after a run, for a person to look at (LREG_SCREENSHOT=path.png).
  void screenshotAfterARun() {
    Fixture f;
    f.panel = std::make_unique<ExperimentsPanel>(
        std::vector<Experiment>{decay(), squares(f.toy), broken()});
    f.panel->options()->setOutputFolder(f.dir.filePath(QStringLiteral("out")));
    f.panel->resize(1500, 900);
    f.panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(f.panel.get()));
    f.runAndWait(QStringLiteral("decay"));
    QTest::qWait(50);
    QCOMPARE(f.panel->reportView()->claimsTable()->rowCount(), 3);
    const QImage shot = f.panel->grab().toImage();
    QVERIFY(!shot.isNull());
    const QString path = qEnvironmentVariable("LREG_SCREENSHOT");
    if (!path.isEmpty()) QVERIFY(shot.save(path));
    // And one mid-run (the toy held after its second run): the bar with its ETA.
    f.toy->allowed = 2;
    f.panel->select(QStringLiteral("squares"));
    f.panel->run();
    QVERIFY(waitFor([&] { return f.panel->progressBar()->value() == 2; }));
    if (!path.isEmpty())
      QVERIFY(f.panel->grab().toImage().save(QString(path).replace(".png", "-running.png")));
    f.panel->cancel();
    f.toy->allowed = INT_MAX;
    f.panel->session()->waitForIdle();
  }
};

QTEST_MAIN(TestExperimentsPanel)
#include "tst_experiments_panel.moc"
