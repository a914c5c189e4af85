#include "panels/anmin_panel.h"

#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTextDocument>
#include <QTextStream>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "charts/loss_chart.h"
#include "charts/race_charts.h"
#include "panels/race_controls.h"
#include "panels/splits_view.h"
#include "scene/sdf_image_view.h"
#include "session/race_command.h"
#include "session/session_file.h"
#include "util/method_style.h"

namespace lreg::views {

namespace {

const QString kDemoTip = AnminPanel::tr(
    "Demo budget: Adam gets 10 epochs per ANMIN iteration (the paper's 300 epochs against 30 "
    "iterations),\n"
    "its rate divided by 10 after each third. The methods run one at a time on their own workers,\n"
    "so that neither clock counts the other's CPU time.");

QString num(double v, int precision = 4) {
  return std::isfinite(v) ? QString::number(v, 'g', precision) : QStringLiteral("–");
}

double extra(const HistoryPoint& p, const char* key) {
  const auto it = p.extra.find(key);
  return it == p.extra.end() ? std::nan("") : it->second;
}

QString runLine(const RaceRun& r) {
  const QString swatch = QStringLiteral("<span style='color:%1'>■</span> <b>%2</b>")
                             .arg(methodColor(r.method).name(), methodLabel(r.method));
  if (r.history.empty()) return swatch + QStringLiteral(" ") + toString(r.state);
  const HistoryPoint& p = r.history.last();
  return swatch +
         AnminPanel::tr(" %1 %2/%3 · train MSE <b>%4</b> · test %5 · test R² %6 · %7 s · %8")
             .arg(stepNoun(r.method))
             .arg(p.step)
             .arg(r.total_steps)
             .arg(num(p.train_loss), num(p.test_loss), num(extra(p, "test_r2"), 4))
             .arg(p.seconds, 0, 'f', 2)
             .arg(toString(r.state));
}

}  // namespace

AnminPanel::AnminPanel(QWidget* parent)
    : Panel(parent),
      session_(new RaceSession(this)),
      compare_(new CompareSession(this)),
      controls_(new RaceControls),
      charts_(new RaceCharts),
      images_(new SdfImageView),
      splits_(new SplitsView(compare_)),
      splitter_(new QSplitter(Qt::Vertical)),
      tabs_(new QTabWidget),
      status_(new QLabel) {
  auto* scroll = new QScrollArea;
  scroll->setWidget(controls_);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setFixedWidth(310);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  splitter_->addWidget(charts_);
  splitter_->addWidget(images_);
  splitter_->setStretchFactor(0, 3);
  splitter_->setStretchFactor(1, 2);
  splitter_->setChildrenCollapsible(false);
  splitter_->setAutoFillBackground(true);  // exported figures get the window colour, not black
  tabs_->addTab(splitter_, tr("Race"));
  tabs_->addTab(splits_, tr("Splits table"));
  tabs_->setDocumentMode(true);
  status_->setTextFormat(Qt::RichText);
  status_->setWordWrap(true);
  status_->setContentsMargins(6, 2, 6, 2);
  status_->setStyleSheet(
      QStringLiteral("QLabel { background: #f6f8fa; border-top: 1px solid #dde; }"));
  status_->setText(tr("Pick a data set and methods, then <b>Start race</b> (Ctrl+Return)."));

  auto* right = new QVBoxLayout;
  right->setSpacing(4);
  right->addWidget(tabs_, 1);
  right->addWidget(status_);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(8, 8, 8, 6);
  layout->setSpacing(10);
  layout->addWidget(scroll);
  layout->addLayout(right, 1);

  refresh_.setSingleShot(true);
  refresh_.setInterval(50);  // Adam delivers hundreds of epochs a second; repaint at ~20 Hz
  connect(&refresh_, &QTimer::timeout, this, &AnminPanel::refresh);
  connect(session_, &RaceSession::started, this, &AnminPanel::showStarted);
  connect(session_, &RaceSession::runChanged, this, &AnminPanel::queueRefresh);
  connect(session_, &RaceSession::failed, this, &AnminPanel::showFailure);
  connect(session_, &RaceSession::busyChanged, controls_, &RaceControls::setRunning);
  connect(session_, &RaceSession::finished, this, [this] {
    refresh();
    Q_EMIT statusMessage(tr("Race finished"));
    finishDemo();
  });
  connect(controls_, &RaceControls::startRequested, this, &AnminPanel::startRace);
  connect(controls_, &RaceControls::cancelRequested, this, &AnminPanel::cancel);
  connect(splits_, &SplitsView::runRequested, this, &AnminPanel::runSplits);
  connect(compare_, &CompareSession::failed, this,
          [this](const QString& m) { Q_EMIT statusMessage(m); });

  // Window-wide, but Qt only fires the shortcuts of the visible tab.
  const auto shortcut = [this](const QKeySequence& keys, auto slot) {
    connect(new QShortcut(keys, this), &QShortcut::activated, this, slot);
  };
  shortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), [this] { startRace(); });
  shortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter), [this] { startRace(); });
  shortcut(QKeySequence(Qt::Key_Escape), [this] { cancel(); });
  shortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return),
           [this] { runSplits(splits_->splits()); });
}

void AnminPanel::startRace() {
  error_.clear();
  controls_->showError({});
  session_->start(controls_->setup());
  Q_EMIT statusMessage(tr("Loading data…"));
}

void AnminPanel::cancel() {
  session_->cancel();
  compare_->cancel();
}

void AnminPanel::runSplits(int splits) {
  const RaceSetup s = controls_->setup();
  CompareRequest r;
  r.source = s.source;
  r.methods = s.methods;
  r.config = s.config;
  r.splits = splits;
  splits_->setSplits(splits);
  tabs_->setCurrentWidget(splits_);
  compare_->start(r);
}

void AnminPanel::startDemo(int steps) {
  if (steps <= 0) {  // the studio opening on this tab: show the controls, run nothing
    Q_EMIT demoFinished();
    return;
  }
  RaceSetup s;
  s.source.kind = RaceSource::Kind::Sdf;
  s.source.seed = 1;
  s.methods = {"anmin", "adam"};
  NetOptions net;
  net.hidden = 64;
  net.seed = 1;
  s.config.setCommon(net);
  s.config.anmin.iters = steps;
  s.config.adam.mb.epochs = 10 * steps;
  s.config.adam.mb.decay_every = std::max(1, 10 * steps / 3);
  s.one_at_a_time = true;
  controls_->setSetup(s);
  controls_->startButton()->setToolTip(kDemoTip);
  status_->setToolTip(kDemoTip);
  tabs_->setCurrentIndex(0);
  demo_pending_ = true;
  error_.clear();
  session_->start(s);
}

void AnminPanel::finishDemo() {
  if (!demo_pending_) return;
  demo_pending_ = false;
  Q_EMIT demoFinished();
}

void AnminPanel::showStarted(const RaceDataPtr& data) {
  charts_->clear();
  images_->setTruth(data->truth);
  images_->setMethodOrder(session_->setup().methods);
  images_->setVisible(data->isImage());
  pending_.clear();
  const Dataset& d = *data->data;
  controls_->showWarnings(d.warnings);
  const RaceSetup& setup = session_->setup();
  if (std::count(setup.methods.begin(), setup.methods.end(), "anmin")) {
    const AnminOptions& a = setup.config.anmin;  // hidden system: n = (d + 1) h unknowns
    charts_->setLogDetFloor(a.net.hidden * (static_cast<int>(d.inputs()) + 1), a.lambda, a.tau);
  }
  controls_->setDescription(tr("%1: %2 train / %3 test rows, %4 inputs, %5 outputs; Var(y) = %6. "
                               "Inputs standardised, targets centred; MSE in the data's units.")
                                .arg(data->source.label())
                                .arg(d.x_train.rows())
                                .arg(d.x_test.rows())
                                .arg(d.inputs())
                                .arg(d.outputs())
                                .arg(num(data->var_y, 4)));
  Q_EMIT statusMessage(tr("Racing on %1").arg(data->source.label()));
}

QString AnminPanel::commandLine() const {
  if (!session_->data()) return {};
  QStringList lines;
  for (const std::string& m : session_->setup().methods)
    lines << QStringLiteral("lreg ") + shellCommand(raceCommand(session_->setup(), m));
  return lines.join(QLatin1Char('\n'));
}

void AnminPanel::queueRefresh(const RaceRunPtr& run) {
  pending_.insert(run->method);
  if (!refresh_.isActive()) refresh_.start();
}

void AnminPanel::refresh() {
  refresh_.stop();
  for (const std::string& m : pending_) {
    if (const RaceRunPtr run = session_->run(m)) {
      charts_->setRun(*run);
      images_->setRun(run);
    }
  }
  pending_.clear();
  // Where ANMIN crosses Adam's end result is the point of the race.
  const RaceRunPtr adam = session_->run("adam");
  const bool adamEnded =
      adam && adam->state != RunState::Running && adam->history.points.size() > 1;
  charts_->mseVsTime()->setReference(tr("Adam final train"), adamEnded && session_->run("anmin")
                                                                 ? adam->history.last().train_loss
                                                                 : std::nan(""));
  updateStatus();
}

// Reads the race off the histories: when did ANMIN first reach Adam's last train MSE?
void AnminPanel::updateStatus() {
  QStringList lines;
  for (const RaceRunPtr& r : session_->runs()) lines << runLine(*r);
  const RaceRunPtr anmin = session_->run("anmin"), adam = session_->run("adam");
  if (anmin && adam && !anmin->history.empty() && adam->history.points.size() > 1) {
    const HistoryPoint& a = adam->history.last();
    const QString which = adam->state == RunState::Running ? tr("current") : tr("final");
    QString verdict;
    for (const HistoryPoint& p : anmin->history.points) {
      if (!(p.train_loss <= a.train_loss)) continue;
      verdict = tr("<b>ANMIN reached Adam's %1 train MSE %2 at iteration %3 after %4 s — %5% of "
                   "Adam's %6 s.</b>")
                    .arg(which, num(a.train_loss))
                    .arg(p.step)
                    .arg(p.seconds, 0, 'f', 2)
                    .arg(a.seconds > 0 ? 100.0 * p.seconds / a.seconds : 0.0, 0, 'f', 1)
                    .arg(a.seconds, 0, 'f', 2);
      break;
    }
    if (verdict.isEmpty() && anmin->state != RunState::Running)
      verdict = tr("ANMIN's train MSE stayed above Adam's %1 %2.").arg(which, num(a.train_loss));
    if (!verdict.isEmpty()) lines << verdict;
  }
  status_->setText(lines.join(QStringLiteral("<br>")));
}

void AnminPanel::showFailure(const QString& message) {
  error_ = message;
  controls_->showError(message);
  Q_EMIT statusMessage(message);
  if (!session_->isBusy()) finishDemo();
}

QString AnminPanel::statusText() const {
  QTextDocument doc;
  doc.setHtml(status_->text());
  return doc.toPlainText();
}

QWidget* AnminPanel::figureWidget() { return splitter_; }

QString AnminPanel::exportData(const QString& path) {
  const QVector<RaceRunPtr> runs = session_->runs();
  if (runs.isEmpty()) return tr("There is no race to export yet.");
  std::set<std::string> keys;
  for (const RaceRunPtr& r : runs)
    for (const HistoryPoint& p : r->history.points)
      for (const auto& kv : p.extra) keys.insert(kv.first);
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) return tr("Cannot write %1").arg(path);
  QTextStream out(&file);
  out.setRealNumberPrecision(17);
  out << "method,step,seconds,train_mse,test_mse";
  for (const std::string& k : keys) out << "," << QString::fromStdString(k);
  out << "\n";
  // Non-finite values (a log-det of -inf, no test set) are left empty.
  const auto cell = [&out](double v) {
    if (std::isfinite(v)) out << v;
  };
  for (const RaceRunPtr& r : runs) {
    for (const HistoryPoint& p : r->history.points) {
      out << QString::fromStdString(r->method) << "," << p.step << ",";
      cell(p.seconds);
      out << ",";
      cell(p.train_loss);
      out << ",";
      cell(p.test_loss);
      for (const std::string& k : keys) {
        out << ",";
        const auto it = p.extra.find(k);
        if (it != p.extra.end()) cell(it->second);
      }
      out << "\n";
    }
  }
  return {};
}

void AnminPanel::saveSettings(QSettings& s) const {
  controls_->saveSettings(s);
  s.setValue(QStringLiteral("logTime"), charts_->logTime());
  s.setValue(QStringLiteral("logSteps"), charts_->logSteps());
  s.setValue(QStringLiteral("splits"), splits_->splits());
  s.setValue(QStringLiteral("splitter"), splitter_->saveState());
  s.setValue(QStringLiteral("page"), tabs_->currentIndex());
}

void AnminPanel::loadSettings(QSettings& s) {
  controls_->loadSettings(s);
  charts_->setLogTime(s.value(QStringLiteral("logTime"), charts_->logTime()).toBool());
  charts_->setLogSteps(s.value(QStringLiteral("logSteps"), charts_->logSteps()).toBool());
  splits_->setSplits(s.value(QStringLiteral("splits"), splits_->splits()).toInt());
  splitter_->restoreState(s.value(QStringLiteral("splitter")).toByteArray());
  tabs_->setCurrentIndex(s.value(QStringLiteral("page"), 0).toInt());
}

}  // namespace lreg::views
