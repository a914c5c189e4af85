#pragma once
// The "Local vs global" tab (issue 10): contrast an MLP's local minimum with LReg's global fit.
// Figure 1 you can drag (the converted MLP polished to a minimum of the MAE: every drag raises
// it; one MRC step makes the discrete move gradient steps cannot), the escape race on one clock
// (1D and 2D), and the loss landscape with the optimiser's path and the barrier to the LReg.
// A presentation mode (F11) goes full screen with large fonts, driven by the keyboard alone.
#include <optional>

#include "panels/panel.h"
#include "session/local_global_session.h"

class QLabel;
class QTabWidget;

namespace lreg::views {

class LandscapeCurves;
class LandscapeMap;
class LandscapeSurface;
class LocalGlobalControls;
class LocalGlobalPlot;
class LocalGlobalRaceView;

class LocalGlobalPanel : public Panel {
  Q_OBJECT

 public:
  enum Tab { FigureTab = 0, RaceTab = 1, LandscapeTab = 2 };
  explicit LocalGlobalPanel(QWidget* parent = nullptr);

  QString title() const override { return tr("Local vs global"); }
  QString demoName() const override { return QStringLiteral("local-global"); }
  // sin-inv, seed 1, 64 units, one hidden layer: train, convert, polish, drag the middle node
  // up, run the race and the landscape; ends on Figure 1 (steps <= 1), the race (2), the
  // landscape (3), the race on 2D franke (4) or Figure 1 in presentation mode (5).
  void startDemo(int steps) override;
  QWidget* figureWidget() override;
  QString save3DView(const QString& path) override;  // the landscape's 3D surface
  // The data of the tab shown: the fit's nodes, the race's histories or the landscape grid.
  QString exportData(const QString& path) override;
  QString commandLine() const override;
  // {"options": {...}, "fit": {"nodes", "values"}}: opening trains again (deterministic) and
  // then shows the saved fit.
  nlohmann::json sessionState() const override;
  QString openSessionState(const nlohmann::json& state) override;
  void saveSettings(QSettings& settings) const override;
  void loadSettings(QSettings& settings) override;

  LocalGlobalSession* session() const { return session_; }
  LocalGlobalPlot* plot() const { return plot_; }
  LocalGlobalRaceView* raceView() const { return race_; }
  LandscapeMap* landscapeMap() const { return map_; }
  LandscapeCurves* landscapeCurves() const { return curves_; }
  LandscapeSurface* landscapeSurface() const { return surface_; }
  QTabWidget* tabs() const { return tabs_; }
  QString caption() const;
  QString errorText() const { return error_; }
  bool presenting() const { return presenting_; }

  void train();
  void setPresentation(bool on);

 protected:
  void showEvent(QShowEvent* e) override;  // trains on first show, not at start-up

 private:
  void showSetup(const LocalGlobalSetupPtr& setup);
  void showFit();
  void showLandscape(const LocalGlobalLandscapePtr& landscape);
  void advanceDemo();

  LocalGlobalSession* session_;
  LocalGlobalControls* controls_;
  LocalGlobalPlot* plot_;
  LocalGlobalRaceView* race_;
  LandscapeMap* map_;
  LandscapeCurves* curves_;
  LandscapeSurface* surface_;
  QLabel* barrier_note_;
  QTabWidget* tabs_;
  QLabel* caption_;
  QWidget* figure_;
  QString error_;
  QFont normal_font_;
  bool presenting_ = false;
  int demo_stage_ = 0;  // 0: none; 1 setup, 2 race, 3 landscape pending
  int demo_tab_ = 0;
  bool demo_present_ = false;
  std::optional<LagrangeRegressor1D> pending_fit_;  // of an opened session, after its setup
};

}  // namespace lreg::views
