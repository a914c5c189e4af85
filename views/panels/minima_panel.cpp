#include "panels/minima_panel.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <exception>

#include "panels/minima_table.h"
#include "scene/minima_fit_plot.h"
#include "scene/minima_slice_view.h"

namespace lreg::views {

namespace {
constexpr int kOpenCsv = 2;  // data combo: tiny, tiny-kink, "Open CSV...", then a file
}

double MinimaPanel::lambdaOfSlider(int position) { return std::pow(10.0, -4.0 + position / 100.0); }
int MinimaPanel::sliderOfLambda(double lambda) {
  return std::clamp(static_cast<int>(std::lround(100 * (std::log10(lambda) + 4))), 0, 400);
}

MinimaPanel::MinimaPanel(QWidget* parent)
    : Panel(parent),
      session_(new MinimaSession(this)),
      data_(new QComboBox),
      hidden_(new QComboBox),
      lambda_(new QSlider(Qt::Horizontal)),
      lambda_label_(new QLabel),
      grid_(new QSpinBox),
      unit_(new QSpinBox),
      runs_(new QSpinBox),
      basins_(new QPushButton(tr("Run basins"))),
      cancel_(new QPushButton(tr("Cancel"))),
      progress_(new QProgressBar),
      message_(new QLabel),
      plot_(new MinimaFitPlot),
      table_(new MinimaTable),
      slice_(new MinimaSliceView(MinimaSliceView::Mode::Loss)),
      basin_(new MinimaSliceView(MinimaSliceView::Mode::Basin)),
      caption_(new QLabel),
      figure_(new QSplitter(Qt::Vertical)) {
  data_->addItems({QStringLiteral("tiny"), QStringLiteral("tiny-kink"), tr("Open CSV...")});
  hidden_->addItems({QStringLiteral("1"), QStringLiteral("2")});
  lambda_->setRange(0, 400);
  lambda_->setToolTip(tr("Ridge weight lambda, log scale from 1e-4 to 1"));
  grid_->setRange(0, 160);
  grid_->setValue(session_->mapPoints());
  grid_->setToolTip(tr("Grid points per axis of the slice and the basin map (0: none)"));
  unit_->setRange(1, 1);
  runs_->setRange(10, 100000);
  runs_->setValue(200);
  runs_->setSingleStep(100);
  progress_->setRange(0, 1);
  progress_->setValue(1);
  progress_->setTextVisible(true);
  message_->setWordWrap(true);
  message_->setStyleSheet(QStringLiteral("QLabel { color: #b00020; }"));
  auto* recomputeButton = new QPushButton(tr("Recompute"));
  recomputeButton->setToolTip(tr("Ctrl+Return"));
  cancel_->setToolTip(tr("Esc"));
  basins_->setToolTip(
      tr("Train that many random starts, each with L-BFGS, Adam, SGD and ANMIN (Ctrl+B)"));

  auto* form = new QFormLayout;
  form->addRow(tr("Data"), data_);
  form->addRow(tr("Hidden units h"), hidden_);
  form->addRow(tr("lambda"), lambda_);
  form->addRow(QString(), lambda_label_);
  form->addRow(tr("Map grid"), grid_);
  form->addRow(tr("Slice unit"), unit_);
  form->addRow(tr("Basin runs"), runs_);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(recomputeButton);
  buttons->addWidget(cancel_);
  auto* controls = new QWidget;
  auto* left = new QVBoxLayout(controls);
  left->setContentsMargins(0, 0, 0, 0);
  left->addLayout(form);
  left->addLayout(buttons);
  left->addWidget(basins_);
  left->addWidget(progress_);
  left->addWidget(message_);
  auto* help =
      new QLabel(tr("Drag a sample in the plot: the minima are enumerated again as it "
                    "moves. Sets of minima (one unit split in two) are dashed, on a "
                    "band. The dashed white lines of the maps are the region borders "
                    "c = -w x_i."));
  help->setWordWrap(true);
  help->setStyleSheet(QStringLiteral("QLabel { color: #555; }"));
  left->addWidget(help);
  left->addStretch(1);
  controls->setFixedWidth(250);

  auto* top = new QSplitter(Qt::Horizontal);
  top->addWidget(plot_);
  top->addWidget(table_);
  top->setStretchFactor(0, 1);
  top->setStretchFactor(1, 1);
  top->setSizes({520, 560});  // the table wide enough for five trainers' basin shares
  auto* maps = new QSplitter(Qt::Horizontal);
  maps->addWidget(slice_);
  maps->addWidget(basin_);
  caption_->setWordWrap(true);
  caption_->setStyleSheet(QStringLiteral("QLabel { background: #f6f8fa; padding: 3px; }"));
  auto* middle = new QWidget;
  auto* mid = new QVBoxLayout(middle);
  mid->setContentsMargins(0, 0, 0, 0);
  mid->addWidget(top, 1);
  mid->addWidget(caption_);
  figure_->addWidget(middle);
  figure_->addWidget(maps);
  figure_->setStretchFactor(0, 1);
  figure_->setStretchFactor(1, 1);
  figure_->setChildrenCollapsible(false);
  figure_->setAutoFillBackground(true);  // exported figures get the window colour, not black

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(8, 8, 8, 6);
  layout->addWidget(controls);
  layout->addWidget(figure_, 1);

  connect(data_, &QComboBox::activated, this, &MinimaPanel::chooseData);
  connect(hidden_, &QComboBox::currentIndexChanged, this, [this](int i) {
    if (!syncing_) session_->setHidden(i + 1);
  });
  connect(lambda_, &QSlider::valueChanged, this, [this](int v) {
    lambda_label_->setText(QStringLiteral("lambda = %1").arg(lambdaOfSlider(v), 0, 'g', 3));
    if (!syncing_) session_->setLambda(lambdaOfSlider(v));
  });
  connect(grid_, &QSpinBox::valueChanged, this, [this](int v) {
    if (!syncing_) session_->setMapPoints(v);
  });
  connect(unit_, &QSpinBox::valueChanged, this, [this](int v) {
    if (!syncing_) session_->setSliceUnit(v - 1);
  });
  connect(recomputeButton, &QPushButton::clicked, this, &MinimaPanel::recompute);
  connect(cancel_, &QPushButton::clicked, this, &MinimaPanel::cancel);
  connect(basins_, &QPushButton::clicked, this, &MinimaPanel::runBasins);
  connect(plot_, &MinimaFitPlot::pointDragged, this, [this](int i, double x, double y) {
    dragged_ = true;
    session_->movePoint(i, x, y);
  });
  connect(session_, &MinimaSession::problemChanged, this, &MinimaPanel::syncControls);
  connect(session_, &MinimaSession::changed, this, &MinimaPanel::showFrame);
  connect(session_, &MinimaSession::mapChanged, this, &MinimaPanel::showMap);
  connect(session_, &MinimaSession::progress, this, [this](const QString& what, int s, int n) {
    progress_->setRange(0, std::max(1, n));
    progress_->setValue(std::min(s, std::max(1, n)));
    progress_->setFormat(what + QStringLiteral(": %p%"));
  });
  connect(session_, &MinimaSession::busyChanged, this, [this](bool busy) {
    cancel_->setEnabled(busy);
    if (!busy) {
      progress_->setRange(0, 1);
      progress_->setValue(1);
      progress_->setFormat(tr("Idle"));
      // A tracker is not running for a moment between an enumeration and the map it starts.
      QTimer::singleShot(0, this, [this] {
        if (!session_->isBusy()) finishDemo();
      });
    }
  });
  connect(session_, &MinimaSession::failed, this, [this](const QString& m) {
    error_ = m;
    message_->setText(m);
    Q_EMIT statusMessage(m);
  });
  connect(session_, &MinimaSession::cancelled, this,
          [this] { Q_EMIT statusMessage(tr("Cancelled; the figures show the last result.")); });

  // Window-wide, but Qt only fires the shortcuts of the visible tab.
  const auto shortcut = [this](const QKeySequence& keys, auto slot) {
    connect(new QShortcut(keys, this), &QShortcut::activated, this, slot);
  };
  shortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), [this] { recompute(); });
  shortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter), [this] { recompute(); });
  shortcut(QKeySequence(Qt::Key_Escape), [this] { cancel(); });
  shortcut(QKeySequence(Qt::CTRL | Qt::Key_B), [this] { runBasins(); });
  syncControls();
  cancel_->setEnabled(false);
  session_->setProblem(session_->problem());  // the built-in tiny set, shown at once
}

void MinimaPanel::recompute() {
  error_.clear();
  message_->clear();
  session_->setProblem(session_->problem());
}

void MinimaPanel::cancel() { session_->cancel(); }

void MinimaPanel::runBasins() { session_->runBasins(runs_->value()); }

void MinimaPanel::chooseData(int index) {
  QString data = data_->itemText(index);
  if (index == kOpenCsv) {
    data = QFileDialog::getOpenFileName(this, tr("Open x,y samples"), QString(),
                                        tr("CSV files (*.csv *.txt);;All files (*)"));
    if (data.isEmpty()) {
      syncControls();  // back to the data shown
      return;
    }
  } else if (index > kOpenCsv) {
    data = data_->itemData(index).toString();
  }
  error_.clear();
  message_->clear();
  dragged_ = false;
  session_->load(data);
}

void MinimaPanel::syncControls() {
  const MinimaProblem& p = session_->problem();
  syncing_ = true;
  int i = data_->findText(p.data);
  if (i < 0) i = data_->findData(p.data);
  if (i < 0) {
    data_->addItem(QFileInfo(p.data).fileName(), p.data);
    i = data_->count() - 1;
  }
  data_->setCurrentIndex(i);
  hidden_->setCurrentIndex(p.hidden - 1);
  lambda_->setValue(sliderOfLambda(p.lambda));
  lambda_label_->setText(QStringLiteral("lambda = %1").arg(p.lambda, 0, 'g', 3));
  unit_->setRange(1, p.hidden);
  unit_->setValue(session_->sliceUnit() + 1);
  grid_->setValue(session_->mapPoints());
  syncing_ = false;
  plot_->setProblem(p);
}

void MinimaPanel::showFrame(const MinimaFramePtr& frame) {
  plot_->setFrame(frame);
  table_->setFrame(frame);
  slice_->setFrame(frame);
  basin_->setFrame(frame);
  const minima::MinimaReport& r = frame->report;
  caption_->setText(frame->caption + tr("  (h = %1, lambda = %2: %3 regions, %4 candidates, %5 s)")
                                         .arg(frame->problem.hidden)
                                         .arg(frame->problem.lambda, 0, 'g', 3)
                                         .arg(r.regions)
                                         .arg(r.candidates)
                                         .arg(r.seconds, 0, 'f', 3));
  if (!frame->basins.empty()) {
    QStringList per;
    for (const auto& b : frame->basins)
      per << tr("%1 %2% global, %3 unmatched")
                 .arg(QString::fromStdString(b.trainer))
                 .arg(100.0 * b.global_share, 0, 'f', 1)
                 .arg(b.unmatched);
    caption_->setText(caption_->text() + QLatin1Char('\n') +
                      tr("Basins of %1 starts: ").arg(frame->basins.front().runs) +
                      per.join(QStringLiteral("; ")));
  }
  Q_EMIT statusMessage(frame->caption);
  // The demo's picture includes every trainer's basin shares: started once the minima are known.
  if (demo_pending_ && frame->basins.empty()) session_->runBasins(kDemoBasinRuns);
  if (session_->mapPoints() == 0) finishDemo();
}

void MinimaPanel::showMap(const MinimaMapPtr& map) {
  slice_->setMap(map);
  basin_->setMap(map);
}

QString MinimaPanel::caption() const { return caption_->text(); }

void MinimaPanel::startDemo(int steps) {
  Q_UNUSED(steps);  // one enumeration and its maps: nothing to step
  MinimaProblem p;
  p.data = QStringLiteral("tiny-kink");
  loadMinimaData(p.data, p.x, p.y);
  p.hidden = 2;
  p.lambda = 1e-2;
  dragged_ = false;
  demo_pending_ = true;
  session_->setMapPoints(48);  // the same picture whatever the settings were
  session_->setSliceUnit(0);
  session_->setProblem(p);
}

void MinimaPanel::finishDemo() {
  if (!demo_pending_ || session_->isBusy()) return;
  demo_pending_ = false;
  Q_EMIT demoFinished();
}

QWidget* MinimaPanel::figureWidget() { return figure_; }

QString MinimaPanel::exportData(const QString& path) { return table_->writeCsv(path); }

QString MinimaPanel::commandLine() const {
  if (dragged_) return {};
  const MinimaProblem& p = session_->problem();
  return QStringLiteral("lreg minima --hidden %1 --data %2 --lambda %3 --json")
      .arg(p.hidden)
      .arg(p.data)
      .arg(p.lambda, 0, 'g', 6);
}

void MinimaPanel::saveSettings(QSettings& s) const {
  const MinimaProblem& p = session_->problem();
  s.setValue(QStringLiteral("data"), p.data);
  s.setValue(QStringLiteral("hidden"), p.hidden);
  s.setValue(QStringLiteral("lambda"), p.lambda);
  s.setValue(QStringLiteral("mapPoints"), session_->mapPoints());
  s.setValue(QStringLiteral("sliceUnit"), session_->sliceUnit());
  s.setValue(QStringLiteral("basinRuns"), runs_->value());
  s.setValue(QStringLiteral("figure"), figure_->saveState());
}

void MinimaPanel::loadSettings(QSettings& s) {
  MinimaProblem p = session_->problem();
  const QString data = s.value(QStringLiteral("data"), p.data).toString();
  try {
    loadMinimaData(data, p.x, p.y);
    p.data = data;
  } catch (const std::exception&) {
    // A file that has gone since: keep the built-in set.
  }
  p.hidden = std::clamp(s.value(QStringLiteral("hidden"), p.hidden).toInt(), 1, 2);
  const double lambda = s.value(QStringLiteral("lambda"), p.lambda).toDouble();
  if (lambda > 0 && std::isfinite(lambda)) p.lambda = lambda;
  runs_->setValue(s.value(QStringLiteral("basinRuns"), runs_->value()).toInt());
  figure_->restoreState(s.value(QStringLiteral("figure")).toByteArray());
  session_->setMapPoints(s.value(QStringLiteral("mapPoints"), session_->mapPoints()).toInt());
  session_->setSliceUnit(s.value(QStringLiteral("sliceUnit"), 0).toInt());
  session_->setProblem(p);  // supersedes any map the two lines above started
}

}  // namespace lreg::views
