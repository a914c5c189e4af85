#pragma once
// The "Jobs" tab: launch, watch, cancel and compare fine-tuning runs of the LReg connection, on
// this computer or on a Slurm cluster (jobs/job_manager.h). The form builds the spec; the live
// view follows the newest (or the chosen) run; the history lists every run of the runs folder,
// across restarts, and overlays the selected ones.
#include "jobs/job_manager.h"
#include "panels/panel.h"

class QLabel;
class QPushButton;

namespace lreg::views {

class JobsForm;
class JobsHistory;
class JobsLive;

class JobsPanel : public Panel {
  Q_OBJECT

 public:
  explicit JobsPanel(QWidget* parent = nullptr);  // settings: QSettings group "jobs"
  explicit JobsPanel(JobSettings settings, QWidget* parent = nullptr);

  QString title() const override { return tr("Jobs"); }
  QString demoName() const override { return QStringLiteral("jobs"); }
  // Two tiny local CPU jobs of `steps` epochs on the synthetic features (resources/jobs), at two
  // learning rates; the live view follows the second, the history overlays both.
  void startDemo(int steps) override;
  QWidget* figureWidget() override;
  QString exportData(const QString& path) override;  // the selected runs' metrics
  QString commandLine() const override;
  void saveSettings(QSettings& settings) const override;
  void loadSettings(QSettings& settings) override;

  // Asks (when local jobs run) whether to stop them and close; true: close.
  bool confirmClose(QWidget* parent);

  QString submit();                    // the form's spec; returns the error shown, or empty
  bool openSpec(const QString& path);  // fills the form from a spec file; false: error shown
  // The shipped digits job (resources/jobs/digits-connection.json with its table), copied from
  // the studio's resources into the runs folder's demo-data/ so its relative data path holds.
  QString digitsSpec();
  void cancelCurrent();
  JobManager* manager() const { return manager_; }
  JobsForm* form() const { return form_; }
  JobsLive* live() const { return live_; }
  JobsHistory* history() const { return history_; }
  QString errorText() const;

 private:
  void setManager(const JobSettings& settings);
  void openSettings();
  QString demoDataDir();

  JobManager* manager_ = nullptr;
  JobsForm* form_;
  JobsLive* live_;
  JobsHistory* history_;
  QLabel* error_;
  QPushButton* cancel_;
  QWidget* figure_;
  QStringList demo_runs_;
};

}  // namespace lreg::views
