#include "panels/mesh2d_panel.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>
#include <exception>

#include "charts/loss_chart.h"
#include "lreg/data/generators.h"
#include "panels/mesh2d_controls.h"
#include "panels/mesh2d_export.h"
#include "panels/mesh2d_inspector.h"
#include "panels/mesh2d_toolbar.h"
#include "panels/mrc_status.h"
#include "scene/mesh2d_edit_tool.h"
#include "scene/mesh2d_surface.h"
#include "scene/mesh2d_view.h"

namespace lreg::views {

namespace {

const QString kRun = QStringLiteral("MRC");
const QString kBaseline = QStringLiteral("baseline test (equal-DoF quantile grid)");

QString dataDescription(const Mesh2DSetup& s) {
  const QString sizes = Mesh2DPanel::tr("%1 train / %2 test points")
                            .arg(s.data->x_train.rows())
                            .arg(s.data->x_test.rows());
  QString what = QString::fromStdString(s.source.csv_path);
  if (s.source.generator == "sdf")
    what = Mesh2DPanel::tr("Barbu's SDF decoder image, signed distance in pixels");
  else if (!s.source.isCsv())
    what = QString::fromStdString(generatorInfo(s.source.generator).description);
  return what + QStringLiteral("\n") + sizes;
}

}  // namespace

Mesh2DPanel::Mesh2DPanel(QWidget* parent)
    : Panel(parent),
      session_(new Mesh2DSession(this)),
      controls_(new Mesh2DControls),
      inspector_(new Mesh2DInspector),
      view_(new Mesh2DView),
      surface_(new Mesh2DSurface),
      chart_(new LossChart),
      tabs_(new QTabWidget),
      splitter_(new QSplitter(Qt::Vertical)),
      status_(new MrcStatusLine(
          tr("Equal-DoF baseline: least squares on a quantile-placed grid of as many vertices."))) {
  toolbar_ = new Mesh2DToolBar(view_, session_->undoStack(), this);
  chart_->setTitle(tr("Mean absolute error per MRC step"));
  chart_->setLossName(QStringLiteral("MAE"));
  chart_->setLogY(false);  // 2D losses move by tens of percent: a linear axis shows it
  chart_->setMinimumHeight(180);
  tabs_->addTab(view_, tr("Mesh"));
  tabs_->addTab(surface_, tr("3D surface"));
  tabs_->setDocumentMode(true);
  splitter_->addWidget(tabs_);
  splitter_->addWidget(chart_);
  splitter_->setStretchFactor(0, 3);
  splitter_->setStretchFactor(1, 1);
  splitter_->setChildrenCollapsible(false);

  auto* inspectBox = new QGroupBox(tr("Inspect"));
  auto* inspectLayout = new QVBoxLayout(inspectBox);
  inspectLayout->addWidget(inspector_);
  auto* left = new QVBoxLayout;
  left->setContentsMargins(0, 0, 0, 0);
  left->addWidget(controls_);
  left->addWidget(inspectBox);
  left->addStretch(1);
  auto* leftWidget = new QWidget;
  leftWidget->setLayout(left);
  leftWidget->setFixedWidth(300);

  auto* right = new QVBoxLayout;
  right->setSpacing(4);
  right->addWidget(toolbar_);
  right->addWidget(splitter_, 1);
  right->addWidget(status_);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(8, 8, 8, 6);
  layout->setSpacing(10);
  layout->addWidget(leftWidget);
  layout->addLayout(right, 1);

  connect(session_, &Mesh2DSession::changed, this, &Mesh2DPanel::showFrame);
  connect(session_, &Mesh2DSession::failed, this, &Mesh2DPanel::showFailure);
  connect(session_, &Mesh2DSession::targetReached, this, &Mesh2DPanel::finishDemo);
  connect(controls_, &Mesh2DControls::setupEdited, this, &Mesh2DPanel::applySetup);
  connect(controls_, &Mesh2DControls::csvChosen, session_, &Mesh2DSession::loadCsv);
  bindRunControls(controls_->run(), session_, this);

  Mesh2DEditTool* tool = view_->editTool();
  connect(tool, &Mesh2DEditTool::insertRequested, session_, &Mesh2DSession::insertVertex);
  connect(tool, &Mesh2DEditTool::moveRequested, session_, &Mesh2DSession::moveVertex);
  connect(tool, &Mesh2DEditTool::removeRequested, session_, &Mesh2DSession::removeVertex);
  connect(view_, &Mesh2DView::selectionChanged, this, &Mesh2DPanel::updateInspector);
  connect(toolbar_, &Mesh2DToolBar::outputChanged, this, [this](int output) {
    view_->setOutput(output);
    surface_->setOutput(output);
    updateInspector();
  });
}

void Mesh2DPanel::showEvent(QShowEvent* event) {
  Panel::showEvent(event);
  if (!session_->hasRun() && !session_->isBusy()) applySetup();
}

void Mesh2DPanel::applySetup() {
  const Mesh2DSource source = controls_->source();
  if (source.isCsv()) session_->pause();
  session_->setup(source, controls_->options());
}

void Mesh2DPanel::startDemo(int steps) {
  Mesh2DSource source;
  source.generator = "sin-inv-2d";
  source.seed = 1;
  Mrc2DOptions options = steps > 0 ? Mrc2DOptions{} : controls_->options();
  options.seed = 1;
  controls_->setState(source, options);
  demo_pending_ = true;
  session_->setup(source, options);
  session_->playUntil(steps);
}

void Mesh2DPanel::finishDemo() {
  if (!demo_pending_) return;
  demo_pending_ = false;
  Q_EMIT demoFinished();
}

void Mesh2DPanel::showFrame(const Mesh2DFramePtr& frame) {
  const Mesh2DSetup& s = *frame->setup;
  error_.clear();
  controls_->showError({});
  controls_->setDescription(dataDescription(s));
  controls_->showWarnings(s.data->warnings);
  view_->editTool()->setEditable(true);
  QStringList outputs;
  for (int c = 0; c < s.data->outputs(); ++c)
    outputs << (static_cast<int>(s.data->output_names.size()) > c
                    ? QString::fromStdString(s.data->output_names[static_cast<size_t>(c)])
                    : tr("output %1").arg(c + 1));
  toolbar_->setOutputs(outputs);
  view_->setFrame(frame);
  surface_->setFrame(frame);
  chart_->setHistory(kRun, frame->history);
  chart_->setReference(kBaseline, s.data->hasTest() ? s.baseline_test.mae : s.baseline_train.mae);

  const Mrc2DSnapshot& snap = *frame->snapshot;
  QString text = tr("<b>Step %1</b> / %2 &nbsp;·&nbsp; DoF %3 &nbsp;·&nbsp; %4 triangles")
                     .arg(snap.step)
                     .arg(s.options.epochs)
                     .arg(snap.vertices.rows())
                     .arg(snap.triangles.rows());
  text += MrcStatusLine::scores(s, snap.train.r2, snap.test.r2);
  if (snap.action == "mrc" || snap.action == "init")
    text +=
        tr(" &nbsp;·&nbsp; +%1 / −%2 vertices").arg(snap.inserted.rows()).arg(snap.removed.rows());
  else
    text += tr(" &nbsp;·&nbsp; edit: %1").arg(QString::fromStdString(snap.action));
  text += tr(" &nbsp;·&nbsp; %1 s").arg(snap.seconds, 0, 'f', 3);
  status_->setText(text);
  Q_EMIT statusMessage(tr("MRC step %1 of %2").arg(snap.step).arg(s.options.epochs));
  updateInspector();
}

void Mesh2DPanel::updateInspector() {
  inspector_->inspect(view_->frame(), view_->selectedVertex(), view_->selectedTriangle(),
                      view_->output());
}

void Mesh2DPanel::showFailure(const QString& message) {
  error_ = message;
  controls_->showError(message);
  // The widgets return to what is actually shown: the session kept its data and run.
  if (session_->hasRun()) controls_->setState(session_->source(), session_->options());
  Q_EMIT statusMessage(message);
  finishDemo();
}

QString Mesh2DPanel::statusText() const { return status_->plainText(); }

QWidget* Mesh2DPanel::figureWidget() { return view_; }

QString Mesh2DPanel::save3DView(const QString& path) { return surface_->saveImage(path); }

QString Mesh2DPanel::exportData(const QString& path) {
  const Mesh2DFramePtr frame = session_->frame();
  return frame ? exportMesh2DCsv(*frame, path) : tr("There is no fit to export yet.");
}

void Mesh2DPanel::saveSettings(QSettings& s) const {
  const Mesh2DSource source = controls_->source();
  const Mrc2DOptions o = controls_->options();
  if (!source.isCsv())
    s.setValue(QStringLiteral("dataset"), QString::fromStdString(source.generator));
  s.setValue(QStringLiteral("seed"), static_cast<qulonglong>(o.seed));
  s.setValue(QStringLiteral("dof"), o.dof);
  s.setValue(QStringLiteral("topk"), o.topk);
  s.setValue(QStringLiteral("epochs"), o.epochs);
  s.setValue(QStringLiteral("indicator"), QString::fromStdString(toString(o.indicator)));
  s.setValue(QStringLiteral("insert"), QString::fromStdString(toString(o.insert)));
  s.setValue(QStringLiteral("refit"), QString::fromStdString(toString(o.refit)));
  s.setValue(QStringLiteral("speed"), controls_->run()->stepsPerSecond());
  s.setValue(QStringLiteral("csvDirectory"), controls_->csvDirectory());
  s.setValue(QStringLiteral("splitter"), splitter_->saveState());
  s.setValue(QStringLiteral("points"), toolbar_->pointsAction()->isChecked());
  s.setValue(QStringLiteral("circumcircles"), toolbar_->circlesAction()->isChecked());
  s.setValue(QStringLiteral("voronoi"), toolbar_->voronoiAction()->isChecked());
}

void Mesh2DPanel::loadSettings(QSettings& s) {
  Mesh2DSource source;
  Mrc2DOptions o;
  const std::string dataset =
      s.value(QStringLiteral("dataset"), QStringLiteral("sin-inv-2d")).toString().toStdString();
  if (dataset == "sdf" || (isGenerator(dataset) && generatorInfo(dataset).inputs == 2))
    source.generator = dataset;
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
  read("indicator", parseIndicator, o.indicator);
  read("insert", parseInsertAt, o.insert);
  read("refit", parseRefit, o.refit);
  controls_->setState(source, o);
  controls_->run()->setStepsPerSecond(
      s.value(QStringLiteral("speed"), controls_->run()->stepsPerSecond()).toDouble());
  controls_->setCsvDirectory(s.value(QStringLiteral("csvDirectory")).toString());
  splitter_->restoreState(s.value(QStringLiteral("splitter")).toByteArray());
  toolbar_->pointsAction()->setChecked(s.value(QStringLiteral("points"), true).toBool());
  toolbar_->circlesAction()->setChecked(s.value(QStringLiteral("circumcircles"), false).toBool());
  toolbar_->voronoiAction()->setChecked(s.value(QStringLiteral("voronoi"), false).toBool());
}

}  // namespace lreg::views
