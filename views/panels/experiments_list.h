#pragma once
// The Experiments panel's list: one row per experiment, its name, its one-line claim ("MAE ~
// N^(-1/d)") and where it is in the papers (tooltip), with a summary of its last report's
// verdicts ("2 of 3 reproduced") once there is one.
#include <QTableWidget>
#include <vector>

#include "lreg/experiments/repro.h"

namespace lreg::views {

class ExperimentsList : public QTableWidget {
  Q_OBJECT

 public:
  explicit ExperimentsList(QWidget* parent = nullptr);

  void setExperiments(const std::vector<Experiment>& experiments);
  int currentIndex() const;  // -1 when none
  void setCurrentIndex(int index);
  // The summary column of row index; a report of nullptr: not run yet.
  void setReport(int index, const ReproReport* report);
  QString summary(int index) const;
  QString claim(int index) const;
  QString toolTip(int index) const;  // name, claim and where it is in the papers

 Q_SIGNALS:
  void currentChanged(int index);

 protected:
  void resizeEvent(QResizeEvent* event) override;  // rows take the lines their claims need
};

// "2 of 3 reproduced, 1 differs" (and "(cancelled after 3 runs)" for a partial report).
QString verdictSummary(const ReproReport& r);

}  // namespace lreg::views
