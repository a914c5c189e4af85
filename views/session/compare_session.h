#pragma once
// Barbu's multi-split statistics (lreg::compareMethods: repeated random 80/20 splits, mean and
// std of train/test MSE and R^2, paired t-tests, seconds) for the studio, run on a worker. Cancel
// takes effect between two runs (split, method); the finished runs are kept and shown.
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

#include "lreg/train/compare.h"
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
  ~CompareSession() override;  // cancels and waits for the worker

  // Replaces a table being computed (its worker is told to stop, its results are dropped).
  void start(const CompareRequest& request);
  void cancel();
  bool isRunning() const { return running_; }
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
  quint64 generation_ = 0;
  std::shared_ptr<std::atomic<bool>> cancel_;
  CompareRequest request_;
  CompareReportPtr report_;
  bool running_ = false;
  bool cancelled_ = false;
};

}  // namespace lreg::views

Q_DECLARE_METATYPE(lreg::views::CompareReportPtr)
