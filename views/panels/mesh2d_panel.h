#pragma once
// The "Mesh 2D" tab: the MRC loop on a 2D Delaunay mesh, step by step, inspectable and editable by
// hand. Controls and the inspector on the left; on the right a tool bar, the mesh view and the 3D
// surface (tabs) over the loss chart, and a status line.
#include "panels/panel.h"
#include "session/mesh2d_session.h"

class QSplitter;
class QTabWidget;

namespace lreg::views {

class LossChart;
class Mesh2DControls;
class Mesh2DInspector;
class Mesh2DSurface;
class Mesh2DToolBar;
class Mesh2DView;
class MrcStatusLine;

class Mesh2DPanel : public Panel {
  Q_OBJECT

 public:
  explicit Mesh2DPanel(QWidget* parent = nullptr);

  QString title() const override { return tr("Mesh 2D"); }
  QString demoName() const override { return QStringLiteral("mrc2d"); }
  // Loads sin-inv-2d (seed 1; its oscillations make the mesh visibly adapt) and plays `steps`
  // steps. With steps > 0 the MRC options are the library defaults, so scripted runs are
  // reproducible; with 0 (the studio opening) the user's saved options are kept.
  void startDemo(int steps) override;
  QWidget* figureWidget() override;
  // Vertices and coefficients to `path`, triangles to <stem>_triangles.csv, the history to
  // <stem>_history.csv.
  QString exportData(const QString& path) override;
  QString save3DView(const QString& path) override;
  void saveSettings(QSettings& settings) const override;
  void loadSettings(QSettings& settings) override;

  Mesh2DSession* session() const { return session_; }
  Mesh2DView* view() const { return view_; }
  Mesh2DSurface* surface() const { return surface_; }
  Mesh2DInspector* inspector() const { return inspector_; }
  LossChart* lossChart() const { return chart_; }
  QString statusText() const;
  QString errorText() const { return error_; }

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void applySetup();
  void showFrame(const Mesh2DFramePtr& frame);
  void showFailure(const QString& message);
  void updateInspector();
  void finishDemo();

  Mesh2DSession* session_ = nullptr;
  Mesh2DControls* controls_ = nullptr;
  Mesh2DInspector* inspector_ = nullptr;
  Mesh2DView* view_ = nullptr;
  Mesh2DSurface* surface_ = nullptr;
  LossChart* chart_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  QSplitter* splitter_ = nullptr;
  Mesh2DToolBar* toolbar_ = nullptr;
  MrcStatusLine* status_ = nullptr;
  QString error_;
  bool demo_pending_ = false;
};

}  // namespace lreg::views
