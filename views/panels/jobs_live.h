#pragma once
// One job as it runs (or as it ended): its state, a progress bar with the ETA, samples/s, its
// loss / validation loss / validation accuracy curves from metrics.csv, the encoder meshes of
// edges.json as small multiples, and, when it failed, the message with the worker's stderr tail.
#include <QWidget>

#include "jobs/job_manager.h"

class QLabel;
class QProgressBar;
class QPlainTextEdit;

namespace lreg::views {

class EncoderMeshesView;
class RunCurves;

class JobsLive : public QWidget {
  Q_OBJECT

 public:
  explicit JobsLive(QWidget* parent = nullptr);

  void setManager(const JobManager* manager);
  void showRun(const QString& id);  // empty: none
  const QString& runId() const { return id_; }
  void runChanged(const QString& id);
  void runProgress(const QString& id, const JobProgress& p);
  void meshUpdated(const QString& id);
  // A warning of the run (its worker's, e.g. cuda asked for but no usable GPU, or the backend's).
  void runWarning(const QString& id, const QString& message);
  QString warningText() const;

  QString stateText() const;
  QString messageText() const;
  int progressValue() const;
  int progressMaximum() const;
  int curvePoints() const { return curve_points_; }
  RunCurves* curves() const { return curves_; }
  EncoderMeshesView* meshes() const { return meshes_; }

 private:
  void reloadFiles();
  void reloadSoon();  // at most a few reloads a second, however fast the epochs end

  const JobManager* manager_ = nullptr;
  QString id_;
  QLabel* title_;
  QLabel* state_;
  QProgressBar* progress_;
  QLabel* rate_;
  QPlainTextEdit* message_;
  QLabel* warning_;
  RunCurves* curves_;
  EncoderMeshesView* meshes_;
  int curve_points_ = 0;
  bool reload_pending_ = false;
};

}  // namespace lreg::views
