#pragma once
// The "Mesh 1D" tab: the MRC loop of the LReg paper on a 1D data set, step by step. Controls on
// the left; on the right the live Figure 1 (Mesh1DPlot), the loss chart, a replay scrubber and a
// status line.
#include "panels/panel.h"
#include "session/mesh1d_replay.h"
#include "session/mesh1d_session.h"

class QSplitter;

namespace lreg::views {

class LossChart;
class Mesh1DControls;
class Mesh1DPlot;
class MrcStatusLine;
class StepScrubber;

class Mesh1DPanel : public Panel {
  Q_OBJECT

 public:
  explicit Mesh1DPanel(QWidget* parent = nullptr);

  QString title() const override { return tr("Mesh 1D"); }
  QString demoName() const override { return QStringLiteral("mrc1d"); }
  // Loads the embedded sin-inv demo (seed 1) and plays `steps` steps. With steps > 0 the MRC
  // options are figure1Options(), so scripted runs are reproducible; with 0 (the studio opening)
  // the user's saved options are kept.
  void startDemo(int steps) override;
  // The demo's options: library defaults with removal coarsening (Figure 1 b and c).
  static Mrc1DOptions figure1Options();
  QWidget* figureWidget() override;
  // Writes the nodes and coefficients to `path` and the history to <path stem>_history.csv.
  QString exportData(const QString& path) override;
  nlohmann::json sessionState() const override;
  QString openSessionState(const nlohmann::json& state) override;
  // `lreg fit ...` with the run's source and options, up to the step shown.
  QString commandLine() const override;
  void saveSettings(QSettings& settings) const override;
  void loadSettings(QSettings& settings) override;

  Mesh1DSession* session() const { return session_; }
  Mesh1DReplay* replay() const { return replay_; }
  StepScrubber* scrubber() const { return scrubber_; }
  Mesh1DPlot* plot() const { return plot_; }
  LossChart* lossChart() const { return chart_; }
  QString statusText() const;
  QString errorText() const { return error_; }

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void applySetup();
  void showFrame(const Mesh1DFramePtr& frame);
  void showFailure(const QString& message);
  void finishDemo();

  Mesh1DSession* session_ = nullptr;
  Mesh1DReplay* replay_ = nullptr;
  StepScrubber* scrubber_ = nullptr;
  Mesh1DControls* controls_ = nullptr;
  Mesh1DPlot* plot_ = nullptr;
  LossChart* chart_ = nullptr;
  QSplitter* splitter_ = nullptr;
  MrcStatusLine* status_ = nullptr;
  QString error_;
  bool demo_pending_ = false;
  History restoring_;  // an opened session's history, until the replay reaches its last step
};

}  // namespace lreg::views
