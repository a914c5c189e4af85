#pragma once
// Barbu's multi-split statistics (lreg::compareMethods: repeated random 80/20 splits, mean and
// std of train/test MSE and R^2, paired t-tests, seconds) for the studio, run on the job tracker.
// Cancel reaches the trainer loop (it lands within one trainer step); the finished runs are kept
// and shown, the interrupted one is dropped.
#include <QObject>
#include <QString>
#include <memory>

#include "lreg/train/compare.h"
#include "session/job_tracker.h"
#include "session/race_session.h"

namespace lreg::views {

struct CompareRequest {
  RaceSource source;  // all rows of it are re-split per split (the source's seed is the first)
  std::vector<std::string> methods;
  TrainerConfig config;
  int splits = 10;
};

using CompareReportPtr = std::shared_ptr<const CompareReport>;

class CompareSession : public QObject {
  Q_OBJECT

 public:
  explicit CompareSession(QObject* parent = nullptr);

  // Replaces a table being computed (its worker is told to stop, its results are dropped).
  void start(const CompareRequest& request);
  void cancel();
  bool isRunning() const { return jobs_.isRunning(); }
  CompareReportPtr report() const { return report_; }
  bool wasCancelled() const { return cancelled_; }
  const CompareRequest& request() const { return request_; }
  void waitForIdle();  // tests

 Q_SIGNALS:
  void progress(int done, int total, const QString& message);
  // Also after a cancel: then `cancelled` and the report holds the runs that finished.
  void finished(lreg::views::CompareReportPtr report, bool cancelled);
  void failed(const QString& message);
  void runningChanged(bool running);

 private:
  void deliver(CompareReportPtr report, bool cancelled);

  CompareRequest request_;
  CompareReportPtr report_;
  bool cancelled_ = false;
  JobTracker jobs_;  // last: destroyed (cancelled and joined) first
};

}  // namespace lreg::views

Q_DECLARE_METATYPE(lreg::views::CompareReportPtr)
