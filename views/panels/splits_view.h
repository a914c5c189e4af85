#pragma once
// The multi-split statistics of Barbu's Tables 3 and 4 (lreg::compareMethods) as two tables:
// per method mean ± std of train/test MSE and R^2 and seconds, and the paired t-tests between
// methods, and every run. Observes a CompareSession; runs on a worker with a progress bar and
// cancel; exports CSV (one row per run, plus a _summary.csv) and Markdown (the paper's layout).
#include <QWidget>

#include "session/compare_session.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace lreg::views {

class SplitsView : public QWidget {
  Q_OBJECT

 public:
  explicit SplitsView(CompareSession* session, QWidget* parent = nullptr);

  int splits() const;
  void setSplits(int splits);
  QTableWidget* summaryTable() const { return summary_; }
  QTableWidget* testsTable() const { return tests_; }
  QTableWidget* runsTable() const { return runs_; }  // one row per (split, method)

  // Return an error message, or empty on success.
  QString exportCsv(const QString& path) const;
  QString exportMarkdown(const QString& path) const;

 Q_SIGNALS:
  void runRequested(int splits);  // the panel fills in data, methods and options

 private:
  void showReport(const CompareReportPtr& report, bool cancelled);
  void setRunning(bool running);

  CompareSession* session_ = nullptr;
  QSpinBox* splits_ = nullptr;
  QPushButton* run_ = nullptr;
  QPushButton* cancel_ = nullptr;
  QPushButton* csv_ = nullptr;
  QPushButton* markdown_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* caption_ = nullptr;
  QTableWidget* summary_ = nullptr;
  QTableWidget* tests_ = nullptr;
  QTableWidget* runs_ = nullptr;
};

}  // namespace lreg::views
