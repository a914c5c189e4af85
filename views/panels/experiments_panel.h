#pragma once
// The "Experiments" tab (issue 14): the papers' experiments, one per row with its one-line
// claim; Run (Ctrl+R) with the options beside it, live progress with an ETA, Cancel (Esc), and
// the report when done: the claims with the paper's number beside ours and a verdict each, the
// figures drawn with Qt Charts and the tables. A cancelled run keeps its finished runs in the run
// log and the next Run resumes from them; reports in the output folder (an earlier session's or
// `lreg repro`'s) show at start. Export report (Ctrl+Shift+R) writes the Markdown with its SVG
// figures, the CSVs and PNGs of the charts into a folder; Save figure writes one chart.
#include <memory>
#include <vector>

#include "lreg/experiments/repro.h"
#include "panels/panel.h"
#include "session/experiments_session.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QSplitter;
class QTemporaryDir;

namespace lreg::views {

class ExperimentsList;
class ExperimentsOptions;
class ExperimentsReportView;

class ExperimentsPanel : public Panel {
  Q_OBJECT

 public:
  explicit ExperimentsPanel(QWidget* parent = nullptr);  // lreg::experiments()
  explicit ExperimentsPanel(std::vector<Experiment> experiments, QWidget* parent = nullptr);
  ~ExperimentsPanel() override;

  QString title() const override { return tr("Experiments"); }
  QString demoName() const override { return QStringLiteral("experiments"); }
  // Runs experiment number steps (1-based; else the one selected) with quick sizes into a new
  // temporary folder; demoFinished() when it ended (at once when there is none).
  void startDemo(int steps) override;
  QWidget* figureWidget() override;                  // the chart shown
  QString exportData(const QString& path) override;  // the table shown, as CSV
  QString commandLine() const override;              // `lreg repro NAME ...` of the selection
  void saveSettings(QSettings& settings) const override;
  void loadSettings(QSettings& settings) override;

  ExperimentsSession* session() const { return session_; }
  ExperimentsList* list() const { return list_; }
  ExperimentsOptions* options() const { return options_; }
  ExperimentsReportView* reportView() const { return view_; }
  QProgressBar* progressBar() const { return progress_; }
  QPushButton* runButton() const { return run_; }
  QPushButton* cancelButton() const { return cancel_; }
  QString errorText() const;

  // When an experiment runs: asks whether to stop it (after the run in progress; the finished
  // runs are kept) and close; true to close.
  bool confirmClose(QWidget* parent);

  void select(const QString& name);
  void run();
  void cancel();
  // Writes the report shown (writeReport) and a PNG of each of its figures into dir; returns
  // an error, or empty with files (when given) set to what was written.
  QString exportReport(const QString& dir, QStringList* files = nullptr);

 private:
  void exportReportInteractive();
  void saveFigureInteractive();
  void showSelected();
  void refreshSummaries();
  void showError(const QString& message);
  enum class Bar { Empty, Full, Keep };  // Keep: where the last progress left it (a cancel)
  void setProgressIdle(const QString& text, Bar bar = Bar::Full);
  void updateButtons();
  void endDemo();

  ExperimentsSession* session_;
  ExperimentsList* list_;
  ExperimentsOptions* options_;
  QPushButton* run_;
  QPushButton* cancel_;
  QPushButton* export_;
  QPushButton* save_figure_;
  QProgressBar* progress_;
  QLabel* message_;
  ExperimentsReportView* view_;
  QSplitter* split_;
  QString export_dir_;  // where the last export went (the next one's default)
  std::unique_ptr<QTemporaryDir> demo_dir_;
  bool demo_pending_ = false;
};

}  // namespace lreg::views
