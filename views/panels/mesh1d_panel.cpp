#include "panels/mesh1d_panel.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QSplitter>
#include <QTextStream>
#include <QVBoxLayout>
#include <cmath>
#include <exception>

#include "charts/loss_chart.h"
#include "lreg/data/generators.h"
#include "panels/mesh1d_controls.h"
#include "panels/mrc_status.h"
#include "panels/step_scrubber.h"
#include "scene/mesh1d_marks.h"
#include "scene/mesh1d_plot.h"
#include "session/mesh1d_state.h"
#include "session/session_file.h"

namespace lreg::views {

namespace {

const QString kRun = QStringLiteral("MRC");
const QString kBaseline = QStringLiteral("baseline test (equal-DoF quantile knots)");

QString dataDescription(const Mesh1DSetup& s) {
  const QString sizes = Mesh1DPanel::tr("%1 train / %2 test points")
                            .arg(s.data->x_train.rows())
                            .arg(s.data->x_test.rows());
  if (s.source.isCsv())
    return QString::fromStdString(s.source.csv_path) + QStringLiteral("\n") + sizes;
  return QString::fromStdString(generatorInfo(s.source.generator).description) +
         QStringLiteral("\n") + sizes;
}

}  // namespace

Mesh1DPanel::Mesh1DPanel(QWidget* parent)
    : Panel(parent),
      session_(new Mesh1DSession(this)),
      replay_(new Mesh1DReplay(session_, this)),
      controls_(new Mesh1DControls),
      plot_(new Mesh1DPlot),
      chart_(new LossChart),
      splitter_(new QSplitter(Qt::Vertical)),
      status_(new MrcStatusLine(
          tr("Equal-DoF baseline: least squares on as many quantile-placed knots."))) {
  controls_->setFixedWidth(300);
  chart_->setTitle(tr("Mean absolute error per MRC step"));
  chart_->setMinimumHeight(190);
  splitter_->addWidget(plot_);
  splitter_->addWidget(chart_);
  splitter_->setStretchFactor(0, 3);
  splitter_->setStretchFactor(1, 1);
  splitter_->setChildrenCollapsible(false);

  auto* right = new QVBoxLayout;
  right->setSpacing(4);
  right->addWidget(splitter_, 1);
  scrubber_ = new StepScrubber(replay_);
  scrubber_->addShortcuts(this);
  right->addWidget(scrubber_);
  right->addWidget(status_);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(8, 8, 8, 6);
  layout->setSpacing(10);
  layout->addWidget(controls_);
  layout->addLayout(right, 1);

  // Every frame passes through the replay, which shows the latest or the step scrubbed to.
  connect(replay_, &Mesh1DReplay::shown, this,
          [this](int, const Mesh1DFramePtr& f) { showFrame(f); });
  connect(session_, &Mesh1DSession::failed, this, &Mesh1DPanel::showFailure);
  connect(session_, &Mesh1DSession::targetReached, this, &Mesh1DPanel::finishDemo);
  connect(session_, &Mesh1DSession::progress, this, [this](int step, int total) {
    Q_EMIT statusMessage(tr("MRC step %1 of %2").arg(step).arg(total));
  });
  connect(controls_, &Mesh1DControls::setupEdited, this, &Mesh1DPanel::applySetup);
  connect(controls_, &Mesh1DControls::csvChosen, session_, &Mesh1DSession::loadCsv);
  bindRunControls(controls_->run(), session_, this);
}

void Mesh1DPanel::showEvent(QShowEvent* event) {
  Panel::showEvent(event);
  if (!session_->hasRun() && !session_->isBusy()) applySetup();
}

void Mesh1DPanel::applySetup() {
  const Mesh1DSource source = controls_->source();
  if (source.isCsv()) {
    session_->pause();
  }
  session_->setup(source, controls_->options());
}

Mrc1DOptions Mesh1DPanel::figure1Options() {
  // The paper's Figure 1: midpoints inserted (b), nodes removed (c). Removal coarsening with the
  // curvature indicator keeps the sin-inv result (scripts/readme-figures.sh measures it) and
  // makes every mark a distinct event; the library's equal-mass default moves nearly every node.
  Mrc1DOptions o;
  o.coarsen = CoarsenStrategy::Remove;
  o.indicator = RefineIndicator::Curvature;
  return o;
}

void Mesh1DPanel::startDemo(int steps) {
  Mesh1DSource source;
  source.generator = "sin-inv";
  source.seed = 1;
  Mrc1DOptions options = steps > 0 ? figure1Options() : controls_->options();
  options.seed = 1;
  controls_->setState(source, options);
  demo_pending_ = true;
  session_->setup(source, options);
  session_->playUntil(steps);
}

void Mesh1DPanel::finishDemo() {
  if (!demo_pending_) return;
  demo_pending_ = false;
  Q_EMIT demoFinished();
}

void Mesh1DPanel::showFrame(const Mesh1DFramePtr& frame) {
  const Mesh1DSetup& s = *frame->setup;
  error_.clear();
  controls_->showError({});
  controls_->setDescription(dataDescription(s));
  controls_->showWarnings(s.data->warnings);
  plot_->setFrame(frame);
  chart_->setHistory(kRun, frame->history);
  chart_->setReference(kBaseline, s.data->hasTest() ? s.baseline_test.mae : s.baseline_train.mae);

  const Mrc1DSnapshot& snap = frame->snapshot;
  QString text = tr("<b>Step %1</b> / %2 &nbsp;·&nbsp; DoF %3")
                     .arg(snap.step)
                     .arg(s.options.epochs)
                     .arg(snap.nodes.size());
  text += MrcStatusLine::scores(s, snap.train.r2, snap.test.r2);
  text += tr(" &nbsp;·&nbsp; %1 &nbsp;·&nbsp; %2 s")
              .arg(markSummary(snap))
              .arg(snap.seconds, 0, 'f', 3);
  status_->setText(text);
  if (!restoring_.empty() && snap.step == restoring_.last().step) {
    Q_EMIT statusMessage(
        sameLosses(restoring_, frame->history)
            ? tr("Session restored at step %1").arg(snap.step)
            : tr("Session replayed to step %1, but its losses differ from the saved "
                 "ones (another build or data file?)")
                  .arg(snap.step));
    restoring_ = {};
  }
}

void Mesh1DPanel::showFailure(const QString& message) {
  error_ = message;
  controls_->showError(message);
  // The widgets return to what is actually shown: the session kept its data and run.
  if (session_->hasRun()) controls_->setState(session_->source(), session_->options());
  Q_EMIT statusMessage(message);
  finishDemo();
}

QString Mesh1DPanel::statusText() const { return status_->plainText(); }

QWidget* Mesh1DPanel::figureWidget() { return plot_; }

QString Mesh1DPanel::exportData(const QString& path) {
  const Mesh1DFramePtr frame = session_->frame();
  if (!frame) return tr("There is no fit to export yet.");
  const Mrc1DSnapshot& snap = frame->snapshot;
  QFile nodes(path);
  if (!nodes.open(QIODevice::WriteOnly | QIODevice::Text)) return tr("Cannot write %1").arg(path);
  QTextStream out(&nodes);
  out.setRealNumberPrecision(17);
  out << "x";
  for (Eigen::Index c = 0; c < snap.coeffs.cols(); ++c) out << ",c" << (c + 1);
  out << "\n";
  for (size_t i = 0; i < snap.nodes.size(); ++i) {
    out << snap.nodes[i];
    for (Eigen::Index c = 0; c < snap.coeffs.cols(); ++c)
      out << "," << snap.coeffs(static_cast<Eigen::Index>(i), c);
    out << "\n";
  }
  const QFileInfo info(path);
  const QString historyPath =
      info.dir().filePath(info.completeBaseName() + QStringLiteral("_history.csv"));
  QFile historyFile(historyPath);
  if (!historyFile.open(QIODevice::WriteOnly | QIODevice::Text))
    return tr("Cannot write %1").arg(historyPath);
  QTextStream hs(&historyFile);
  hs.setRealNumberPrecision(17);
  const History& h = frame->history;
  const QString loss = QString::fromStdString(h.loss);
  hs << "step,seconds,train_" << loss << ",test_" << loss;
  const auto extraKeys = h.empty() ? std::map<std::string, double>{} : h.points.front().extra;
  for (const auto& [key, value] : extraKeys) hs << "," << QString::fromStdString(key);
  hs << "\n";
  for (const HistoryPoint& p : h.points) {
    hs << p.step << "," << p.seconds << "," << p.train_loss << "," << p.test_loss;
    for (const auto& [key, value] : extraKeys) {
      const auto it = p.extra.find(key);
      hs << "," << (it == p.extra.end() ? std::nan("") : it->second);
    }
    hs << "\n";
  }
  return {};
}

nlohmann::json Mesh1DPanel::sessionState() const {
  const Mesh1DFramePtr frame = session_->frame();
  return frame ? mesh1dStateJson(*frame) : nlohmann::json(nullptr);
}

QString Mesh1DPanel::openSessionState(const nlohmann::json& state) {
  Mesh1DState st;
  try {
    st = mesh1dStateFromJson(state);
  } catch (const std::exception& e) {
    return QString::fromStdString(e.what());
  }
  // The run is replayed (MRC is deterministic); the saved history checks the replay.
  restoring_ = st.history;
  controls_->setState(st.source, st.options);
  session_->setup(st.source, st.options);
  session_->playUntil(st.step);
  return {};
}

QString Mesh1DPanel::commandLine() const {
  const Mesh1DFramePtr frame = session_->frame();
  if (!frame) return {};
  const Mesh1DSetup& s = *frame->setup;
  return QStringLiteral("lreg ") +
         shellCommand(mesh1dCommand(s.source, s.options, frame->snapshot.step));
}

void Mesh1DPanel::saveSettings(QSettings& s) const {
  const Mesh1DSource source = controls_->source();
  const Mrc1DOptions o = controls_->options();
  if (!source.isCsv())
    s.setValue(QStringLiteral("dataset"), QString::fromStdString(source.generator));
  s.setValue(QStringLiteral("seed"), static_cast<qulonglong>(o.seed));
  s.setValue(QStringLiteral("dof"), o.dof);
  s.setValue(QStringLiteral("topk"), o.topk);
  s.setValue(QStringLiteral("epochs"), o.epochs);
  s.setValue(QStringLiteral("coarsen"), QString::fromStdString(toString(o.coarsen)));
  s.setValue(QStringLiteral("indicator"), QString::fromStdString(toString(o.indicator)));
  s.setValue(QStringLiteral("refit"), QString::fromStdString(toString(o.refit)));
  s.setValue(QStringLiteral("init"), QString::fromStdString(toString(o.init)));
  s.setValue(QStringLiteral("speed"), controls_->run()->stepsPerSecond());
  s.setValue(QStringLiteral("csvDirectory"), controls_->csvDirectory());
  s.setValue(QStringLiteral("splitter"), splitter_->saveState());
}

void Mesh1DPanel::loadSettings(QSettings& s) {
  Mesh1DSource source;
  Mrc1DOptions o;
  const std::string dataset =
      s.value(QStringLiteral("dataset"), QStringLiteral("sin-inv")).toString().toStdString();
  if (isGenerator(dataset) && generatorInfo(dataset).inputs == 1) source.generator = dataset;
  o.seed = s.value(QStringLiteral("seed"), 1).toULongLong();
  source.seed = o.seed;
  o.dof = s.value(QStringLiteral("dof"), o.dof).toInt();
  o.topk = s.value(QStringLiteral("topk"), o.topk).toInt();
  o.epochs = s.value(QStringLiteral("epochs"), o.epochs).toInt();
  // Names written by an older or newer version may not parse; the default stands then.
  const auto read = [&s](const char* key, auto parse, auto& field) {
    const QString v = s.value(QLatin1String(key)).toString();
    if (v.isEmpty()) return;
    try {
      field = parse(v.toStdString());
    } catch (const std::exception&) {
    }
  };
  read("coarsen", parseCoarsen, o.coarsen);
  read("indicator", parseIndicator, o.indicator);
  read("refit", parseRefit, o.refit);
  read("init", parseInit, o.init);
  controls_->setState(source, o);
  controls_->run()->setStepsPerSecond(
      s.value(QStringLiteral("speed"), controls_->run()->stepsPerSecond()).toDouble());
  controls_->setCsvDirectory(s.value(QStringLiteral("csvDirectory")).toString());
  splitter_->restoreState(s.value(QStringLiteral("splitter")).toByteArray());
}

}  // namespace lreg::views
