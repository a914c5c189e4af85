#pragma once
// The "Minima" tab: every local minimum of a one-input ReLU net with h = 1 or 2 units on a few
// samples, enumerated exactly (lreg minima). The fitted function of each minimum over the data
// with the table of minima beside it; below, the reduced loss over one unit's (w, c) and the basin
// map. Dragging a sample, the lambda slider and h recompute everything live on workers; a caption
// says what changed. Where local minima come from, shown.
#include "panels/panel.h"
#include "session/minima_session.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;
class QSplitter;

namespace lreg::views {

class MinimaFitPlot;
class MinimaSliceView;
class MinimaTable;

class MinimaPanel : public Panel {
  Q_OBJECT

 public:
  explicit MinimaPanel(QWidget* parent = nullptr);

  QString title() const override { return tr("Minima"); }
  QString demoName() const override { return QStringLiteral("minima"); }
  // tiny-kink, h = 2, lambda = 0.01: the global minimum is a set; demoFinished() once the basin
  // map is drawn and kDemoBasinRuns starts per trainer are matched.
  void startDemo(int steps) override;
  QWidget* figureWidget() override;
  QString exportData(const QString& path) override;  // the minima table
  // `lreg minima ...` for the problem shown; empty once a sample was dragged (no file has it).
  QString commandLine() const override;
  void saveSettings(QSettings& settings) const override;
  void loadSettings(QSettings& settings) override;

  MinimaSession* session() const { return session_; }
  MinimaFitPlot* plot() const { return plot_; }
  MinimaTable* table() const { return table_; }
  MinimaSliceView* sliceView() const { return slice_; }
  MinimaSliceView* basinView() const { return basin_; }
  QString caption() const;
  QString errorText() const { return error_; }
  static double lambdaOfSlider(int position);  // 100 positions a decade, 1e-4 .. 1
  static int sliderOfLambda(double lambda);

  void recompute();
  void cancel();
  void runBasins();

 private:
  void chooseData(int index);
  void syncControls();
  void showFrame(const MinimaFramePtr& frame);
  void showMap(const MinimaMapPtr& map);
  void finishDemo();

  MinimaSession* session_;
  QComboBox* data_;
  QComboBox* hidden_;
  QSlider* lambda_;
  QLabel* lambda_label_;
  QSpinBox* grid_;
  QSpinBox* unit_;
  QSpinBox* runs_;
  QPushButton* basins_;
  QPushButton* cancel_;
  QProgressBar* progress_;
  QLabel* message_;
  MinimaFitPlot* plot_;
  MinimaTable* table_;
  MinimaSliceView* slice_;
  MinimaSliceView* basin_;
  QLabel* caption_;
  QSplitter* figure_;
  QString error_;
  bool dragged_ = false;  // a sample moved since the data was loaded
  bool demo_pending_ = false;
  static constexpr long kDemoBasinRuns = 200;
  bool syncing_ = false;
};

}  // namespace lreg::views
