#include "panels/local_global_panel.h"

#include <QApplication>
#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QShortcut>
#include <QTabWidget>
#include <QTextStream>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "panels/local_global_controls.h"
#include "panels/local_global_race_view.h"
#include "scene/landscape_curves.h"
#include "scene/landscape_map.h"
#include "scene/landscape_surface.h"
#include "scene/local_global_plot.h"

namespace lreg::views {

namespace {
constexpr double kPresentationScale = 1.7;
}

LocalGlobalPanel::LocalGlobalPanel(QWidget* parent)
    : Panel(parent),
      session_(new LocalGlobalSession(this)),
      controls_(new LocalGlobalControls),
      plot_(new LocalGlobalPlot),
      race_(new LocalGlobalRaceView),
      map_(new LandscapeMap),
      curves_(new LandscapeCurves),
      surface_(new LandscapeSurface),
      barrier_note_(new QLabel),
      tabs_(new QTabWidget),
      caption_(new QLabel),
      figure_(new QWidget) {
  controls_->setFixedWidth(270);
  auto* land = new QWidget;
  auto* landLayout = new QHBoxLayout(land);
  landLayout->setContentsMargins(0, 0, 0, 0);
  auto* views = new QTabWidget;
  views->addTab(map_, tr("Heat map"));
  views->addTab(surface_, tr("3D surface"));
  landLayout->addWidget(views, 3);
  auto* right = new QVBoxLayout;
  right->addWidget(curves_, 1);
  barrier_note_->setWordWrap(true);
  right->addWidget(barrier_note_);
  landLayout->addLayout(right, 2);
  tabs_->addTab(plot_, tr("1 Figure 1: drag a node"));
  tabs_->addTab(race_, tr("2 Escape race"));
  tabs_->addTab(land, tr("3 Landscape"));
  caption_->setWordWrap(true);
  caption_->setStyleSheet(QStringLiteral("QLabel { background: #f6f8fa; padding: 4px; }"));
  caption_->setText(tr("Train the MLP (Ctrl+Return)."));
  auto* fig = new QVBoxLayout(figure_);
  fig->setContentsMargins(0, 0, 0, 0);
  fig->addWidget(tabs_, 1);
  fig->addWidget(caption_);
  figure_->setAutoFillBackground(true);  // exported figures get the window colour, not black
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(8, 8, 8, 6);
  layout->addWidget(controls_);
  layout->addWidget(figure_, 1);
  normal_font_ = font();

  connect(controls_, &LocalGlobalControls::trainRequested, this, &LocalGlobalPanel::train);
  connect(controls_, &LocalGlobalControls::polishRequested, session_, &LocalGlobalSession::polish);
  connect(controls_, &LocalGlobalControls::stepRequested, session_, &LocalGlobalSession::mrcStep);
  connect(controls_, &LocalGlobalControls::undoRequested, session_, &LocalGlobalSession::undo);
  connect(controls_, &LocalGlobalControls::raceRequested, this, [this] {
    tabs_->setCurrentIndex(RaceTab);
    session_->runRace();
    race_->setPlaying(!session_->racePaused());
  });
  const auto syncPlay = [this] {
    race_->setPlaying(session_->raceRunning() && !session_->racePaused());
  };
  connect(race_, &LocalGlobalRaceView::playPauseRequested, this, [this, syncPlay] {
    if (session_->raceRunning() && !session_->racePaused())
      session_->pauseRace();
    else
      session_->playRace();
    syncPlay();
  });
  connect(race_, &LocalGlobalRaceView::stepRequested, this, [this, syncPlay] {
    session_->stepRace();
    syncPlay();
  });
  connect(race_, &LocalGlobalRaceView::intervalChanged, session_,
          &LocalGlobalSession::setRaceInterval);
  connect(session_, &LocalGlobalSession::busyChanged, this, syncPlay);
  connect(controls_, &LocalGlobalControls::landscapeRequested, this, [this] {
    tabs_->setCurrentIndex(LandscapeTab);
    const LocalGlobalOptions o = controls_->options();
    session_->setLandscapeOptions(o.grid, o.random_plane);
    session_->computeLandscape();
  });
  connect(controls_, &LocalGlobalControls::cancelRequested, session_, &LocalGlobalSession::cancel);
  connect(controls_, &LocalGlobalControls::presentationRequested, this,
          [this] { setPresentation(!presenting_); });
  connect(plot_, &LocalGlobalPlot::dragStarted, session_, [this] { session_->beginDrag(); });
  connect(plot_, &LocalGlobalPlot::nodeDragged, session_, &LocalGlobalSession::moveNode);
  connect(session_, &LocalGlobalSession::setupChanged, this, &LocalGlobalPanel::showSetup);
  connect(session_, &LocalGlobalSession::fitChanged, this, &LocalGlobalPanel::showFit);
  connect(session_, &LocalGlobalSession::raceChanged, this, [this](const LocalGlobalRacePtr& r) {
    race_->setRace(r);
    race_->setPlaying(!r->done && session_->raceRunning() && !session_->racePaused());
    if (demo_stage_ == 2 && r->done) advanceDemo();
  });
  connect(session_, &LocalGlobalSession::landscapeChanged, this, &LocalGlobalPanel::showLandscape);
  connect(session_, &LocalGlobalSession::progress, controls_, &LocalGlobalControls::setProgress);
  connect(session_, &LocalGlobalSession::busyChanged, controls_, &LocalGlobalControls::setBusy);
  connect(session_, &LocalGlobalSession::failed, this, [this](const QString& m) {
    error_ = m;
    controls_->setError(m);
    Q_EMIT statusMessage(m);
    if (demo_stage_) {
      demo_stage_ = 0;
      Q_EMIT demoFinished();
    }
  });

  // Window-wide, but Qt only fires the shortcuts of the visible tab.
  const auto shortcut = [this](const QKeySequence& keys, auto slot) {
    connect(new QShortcut(keys, this), &QShortcut::activated, this, slot);
  };
  shortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), [this] { train(); });
  shortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter), [this] { train(); });
  shortcut(QKeySequence(Qt::Key_P), [this] { session_->polish(); });
  shortcut(QKeySequence(Qt::Key_M), [this] { session_->mrcStep(); });
  shortcut(QKeySequence(Qt::CTRL | Qt::Key_Z), [this] { session_->undo(); });
  shortcut(QKeySequence(Qt::Key_R), [this] { Q_EMIT controls_->raceRequested(); });
  shortcut(QKeySequence(Qt::Key_L), [this] { Q_EMIT controls_->landscapeRequested(); });
  shortcut(QKeySequence(Qt::Key_Escape), [this] {
    if (presenting_) setPresentation(false);
    session_->cancel();
  });
  shortcut(QKeySequence(Qt::Key_F11), [this] { setPresentation(!presenting_); });
  shortcut(QKeySequence(Qt::Key_Space), [this] {
    tabs_->setCurrentIndex(RaceTab);
    Q_EMIT race_->playPauseRequested();
  });
  shortcut(QKeySequence(Qt::Key_N), [this] {
    tabs_->setCurrentIndex(RaceTab);
    Q_EMIT race_->stepRequested();
  });
  for (int t = 0; t < 3; ++t)
    shortcut(QKeySequence(Qt::Key_1 + t), [this, t] {
      tabs_->setCurrentIndex(t);
      if (t == FigureTab) plot_->setFocus();
    });
  setToolTip(LocalGlobalControls::shortcutHelp());
}

void LocalGlobalPanel::showEvent(QShowEvent* e) {
  Panel::showEvent(e);
  if (!session_->setupResult() && !session_->isBusy() && demo_stage_ == 0) train();
}

void LocalGlobalPanel::train() {
  error_.clear();
  controls_->setError({});
  race_->clear();
  session_->setup(controls_->options());
}

void LocalGlobalPanel::showSetup(const LocalGlobalSetupPtr& setup) {
  plot_->setSetup(setup);
  race_->clear();
  map_->setLandscape(nullptr);
  curves_->setLandscape(nullptr);
  barrier_note_->clear();
  if (!session_->hasFit()) {
    caption_->setText(tr("Adam stopped after %1 epochs (train MAE %2); the MLP has %3 linear "
                         "regions, triangulated exactly. Figure 1 is 1D: run the race (R).")
                          .arg(setup->plateau.step)
                          .arg(setup->plateau.train_mae, 0, 'f', 4)
                          .arg(setup->regions));
    tabs_->setCurrentIndex(RaceTab);
  } else {
    tabs_->setCurrentIndex(FigureTab);
    plot_->setFocus();
  }
  if (pending_fit_) {
    if (!session_->restoreFit(*pending_fit_))
      controls_->setError(
          tr("The saved fit does not match the data's domain; showing the new one."));
    pending_fit_.reset();
  }
  if (demo_stage_ == 1) advanceDemo();
}

void LocalGlobalPanel::showFit() {
  const LocalGlobalFit& f = session_->fit();
  plot_->setFit(f);
  caption_->setText(f.caption);
  Q_EMIT statusMessage(tr("train MAE %1, train MSE %2, R^2 %3, %4 nodes")
                           .arg(f.train.mae, 0, 'f', 4)
                           .arg(f.train.mse, 0, 'g', 4)
                           .arg(f.train.r2, 0, 'f', 4)
                           .arg(f.model.mesh().size()));
}

void LocalGlobalPanel::showLandscape(const LocalGlobalLandscapePtr& l) {
  map_->setLandscape(l);
  curves_->setLandscape(l);
  surface_->setLandscape(l);
  barrier_note_->setText(l ? l->barrier_note : QString());
  if (demo_stage_ == 3) advanceDemo();
}

QString LocalGlobalPanel::caption() const { return caption_->text(); }

void LocalGlobalPanel::setPresentation(bool on) {
  presenting_ = on;
  QFont f = normal_font_;
  if (on) f.setPointSizeF(normal_font_.pointSizeF() * kPresentationScale);
  setFont(f);
  QFont c = f;
  c.setPointSizeF(f.pointSizeF() * (on ? 1.35 : 1.0));
  c.setBold(on);
  caption_->setFont(c);
  controls_->setVisible(!on);  // the keys drive it; the list is in the tooltip and the caption
  QWidget* w = window();
  if (on)
    w->showFullScreen();
  else if (w->isFullScreen())
    w->showNormal();
  if (on) Q_EMIT statusMessage(LocalGlobalControls::shortcutHelp());
}

void LocalGlobalPanel::startDemo(int steps) {
  demo_tab_ = steps == 4 ? RaceTab : steps == 5 ? FigureTab : std::clamp(steps - 1, 0, 2);
  demo_present_ = steps == 5;
  demo_stage_ = 1;
  LocalGlobalOptions o;
  if (steps == 4) o.data = QStringLiteral("franke");
  controls_->setOptions(o);
  train();
}

void LocalGlobalPanel::advanceDemo() {
  if (demo_stage_ == 1) {
    // Drag the middle node up by a tenth of the data's range: the MAE rises.
    if (session_->hasFit()) {
      const auto& m = session_->fit().model;
      const int i = m.mesh().size() / 2;
      const Dataset& d = *session_->setupResult()->data;
      const double dy = 0.1 * (d.y_train.maxCoeff() - d.y_train.minCoeff());
      plot_->selectNode(i);
      session_->beginDrag();
      session_->moveNode(i, m.mesh().node(i), m.coeffs()(i, 0) + dy);
    }
    demo_stage_ = 2;
    session_->runRace();
  } else if (demo_stage_ == 2) {
    demo_stage_ = 3;
    session_->computeLandscape();
  } else if (demo_stage_ == 3) {
    demo_stage_ = 0;
    tabs_->setCurrentIndex(demo_tab_);
    if (demo_present_) setPresentation(true);
    QTimer::singleShot(0, this, [this] { Q_EMIT demoFinished(); });
  }
}

QWidget* LocalGlobalPanel::figureWidget() { return figure_; }

QString LocalGlobalPanel::save3DView(const QString& path) {
  if (!session_->landscape()) return tr("Compute the landscape first (L).");
  return surface_->saveImage(path);
}

QString LocalGlobalPanel::exportData(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Text | QIODevice::Truncate))
    return tr("Cannot write %1").arg(path);
  QTextStream out(&file);
  out.setRealNumberPrecision(17);
  const int tab = tabs_->currentIndex();
  if (tab == FigureTab && session_->hasFit()) {
    const auto& m = session_->fit().model;
    out << "node,x,value\n";
    for (int i = 0; i < m.mesh().size(); ++i)
      out << i << ',' << m.mesh().node(i) << ',' << m.coeffs()(i, 0) << '\n';
  } else if (tab == RaceTab && session_->race()) {
    const LocalGlobalRacePtr r = session_->race();
    out << "run,step,seconds,train_mse,test_mse\n";
    for (const auto* h : {&r->mlp, &r->converted, &r->scratch})
      for (const auto& p : h->points)
        out << QString::fromStdString(h->method) << ',' << p.step << ',' << p.seconds << ','
            << p.train_loss << ',' << p.test_loss << '\n';
  } else if (tab == LandscapeTab && session_->landscape()) {
    const LossSlice& s = session_->landscape()->slice;
    out << "alpha,beta,loss\n";
    for (Eigen::Index i = 0; i < s.alpha.size(); ++i)
      for (Eigen::Index j = 0; j < s.beta.size(); ++j)
        out << s.alpha[i] << ',' << s.beta[j] << ',' << s.loss(i, j) << '\n';
  } else {
    return tr("The tab shown has no data yet.");
  }
  return file.error() == QFile::NoError ? QString() : file.errorString();
}

QString LocalGlobalPanel::commandLine() const {
  const LocalGlobalOptions& o = session_->options();
  const LocalGlobalSetupPtr s = session_->setupResult();
  const bool two = s && s->data->inputs() == 2;
  return QStringLiteral("lreg escape --data %1%2 --hidden %3 --layers %4 --seed %5 --json")
      .arg(o.data, two ? QStringLiteral(" --dim 2") : QString())
      .arg(o.hidden)
      .arg(o.layers)
      .arg(o.seed);
}

nlohmann::json LocalGlobalPanel::sessionState() const {
  if (!session_->setupResult()) return nullptr;
  const LocalGlobalOptions& o = session_->options();
  nlohmann::json j = {{"options",
                       {{"data", o.data.toStdString()},
                        {"seed", o.seed},
                        {"hidden", o.hidden},
                        {"layers", o.layers},
                        {"grid", o.grid},
                        {"random_plane", o.random_plane}}}};
  if (session_->hasFit()) {
    const auto& m = session_->fit().model;
    std::vector<double> values(static_cast<size_t>(m.mesh().size()));
    for (int i = 0; i < m.mesh().size(); ++i) values[static_cast<size_t>(i)] = m.coeffs()(i, 0);
    j["fit"] = {{"nodes", m.mesh().nodes()}, {"values", values}};
  }
  return j;
}

QString LocalGlobalPanel::openSessionState(const nlohmann::json& state) {
  LocalGlobalOptions o;
  std::optional<LagrangeRegressor1D> fit;
  try {
    const nlohmann::json& j = state.at("options");
    o.data = QString::fromStdString(j.at("data").get<std::string>());
    o.seed = j.at("seed").get<std::uint64_t>();
    o.hidden = std::clamp(j.at("hidden").get<int>(), 2, 512);
    o.layers = std::clamp(j.at("layers").get<int>(), 1, 4);
    o.grid = std::clamp(j.value("grid", o.grid), 11, 201);
    o.random_plane = j.value("random_plane", false);
    if (state.contains("fit")) {
      const auto nodes = state["fit"].at("nodes").get<std::vector<double>>();
      const auto values = state["fit"].at("values").get<std::vector<double>>();
      if (nodes.size() != values.size())
        return tr("fit: %1 nodes but %2 values").arg(nodes.size()).arg(values.size());
      fit = LagrangeRegressor1D(Mesh1D(nodes),
                                Eigen::Map<const Eigen::VectorXd>(
                                    values.data(), static_cast<Eigen::Index>(values.size())));
    }
  } catch (const std::exception& e) {
    return tr("Local vs global session: %1").arg(QString::fromUtf8(e.what()));
  }
  pending_fit_ = fit;
  controls_->setOptions(o);
  train();
  return {};
}

void LocalGlobalPanel::saveSettings(QSettings& s) const {
  const LocalGlobalOptions o = controls_->options();
  s.setValue(QStringLiteral("data"), o.data);
  s.setValue(QStringLiteral("seed"), static_cast<qulonglong>(o.seed));
  s.setValue(QStringLiteral("hidden"), o.hidden);
  s.setValue(QStringLiteral("layers"), o.layers);
  s.setValue(QStringLiteral("grid"), o.grid);
  s.setValue(QStringLiteral("randomPlane"), o.random_plane);
  s.setValue(QStringLiteral("tab"), tabs_->currentIndex());
}

void LocalGlobalPanel::loadSettings(QSettings& s) {
  LocalGlobalOptions o;
  o.data = s.value(QStringLiteral("data"), o.data).toString();
  o.seed = s.value(QStringLiteral("seed"), 1).toULongLong();
  o.hidden = s.value(QStringLiteral("hidden"), o.hidden).toInt();
  o.layers = s.value(QStringLiteral("layers"), o.layers).toInt();
  o.grid = s.value(QStringLiteral("grid"), o.grid).toInt();
  o.random_plane = s.value(QStringLiteral("randomPlane"), false).toBool();
  controls_->setOptions(o);
  tabs_->setCurrentIndex(s.value(QStringLiteral("tab"), 0).toInt());
}

}  // namespace lreg::views
