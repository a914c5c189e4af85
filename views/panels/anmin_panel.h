#pragma once
// The "ANMIN vs Adam" tab: Barbu's analytic trainer raced against Adam, SGD and L-BFGS. Controls
// on the left; on the right the race (RaceCharts, and for the SDF decoder the SdfImageView) and
// the multi-split statistics (SplitsView), with a status line that reads off the race.
#include <QTimer>
#include <set>
#include <string>

#include "panels/panel.h"
#include "session/compare_session.h"
#include "session/race_session.h"

class QLabel;
class QSplitter;
class QTabWidget;

namespace lreg::views {

class RaceCharts;
class RaceControls;
class SdfImageView;
class SplitsView;

class AnminPanel : public Panel {
  Q_OBJECT

 public:
  explicit AnminPanel(QWidget* parent = nullptr);

  QString title() const override { return tr("ANMIN vs Adam"); }
  QString demoName() const override { return QStringLiteral("anmin"); }
  // Races ANMIN (`steps` iterations) and Adam (10 epochs per iteration, the paper's 300 : 30)
  // on the SDF decoder, seed 1, h = 64, one method at a time; demoFinished() when both are done.
  void startDemo(int steps) override;
  QWidget* figureWidget() override;
  // The histories of every run, long format: method,step,seconds,train_mse,test_mse,<extras>.
  QString exportData(const QString& path) override;
  // One `lreg <method> ...` line per method of the race shown.
  QString commandLine() const override;
  void saveSettings(QSettings& settings) const override;
  void loadSettings(QSettings& settings) override;

  RaceSession* session() const { return session_; }
  CompareSession* compareSession() const { return compare_; }
  RaceControls* controls() const { return controls_; }
  RaceCharts* charts() const { return charts_; }
  SdfImageView* images() const { return images_; }
  SplitsView* splits() const { return splits_; }
  QString statusText() const;
  QString errorText() const { return error_; }

  void startRace();
  void cancel();
  void runSplits(int splits);

 private:
  void showStarted(const RaceDataPtr& data);
  void queueRefresh(const RaceRunPtr& run);
  void refresh();
  void updateStatus();
  void showFailure(const QString& message);
  void finishDemo();

  RaceSession* session_ = nullptr;
  CompareSession* compare_ = nullptr;
  RaceControls* controls_ = nullptr;
  RaceCharts* charts_ = nullptr;
  SdfImageView* images_ = nullptr;
  SplitsView* splits_ = nullptr;
  QSplitter* splitter_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  QLabel* status_ = nullptr;
  QTimer refresh_;
  std::set<std::string> pending_;  // runs changed since the last repaint
  QString error_;
  bool demo_pending_ = false;
};

}  // namespace lreg::views
