#pragma once
// An experiment's report, as the Experiments panel shows it: a header (status, runs done and
// reused, time, the command that makes it), the claims with the paper's number beside ours and a
// coloured verdict with its reason, the figure (a selector when there are several), the table
// (the same) and the notes (sizes run, readings of the paper, deviations).
#include <QByteArray>
#include <QWidget>

#include "session/experiments_session.h"

class QComboBox;
class QLabel;
class QScrollArea;
class QSplitter;
class QTableWidget;

namespace lreg::views {

class ReproChartView;

class ExperimentsReportView : public QWidget {
  Q_OBJECT

 public:
  explicit ExperimentsReportView(QWidget* parent = nullptr);

  // Shows report; with nullptr, clears and says empty_text (default "No report.") instead.
  void setReport(ReproReportPtr report, const QString& empty_text = {});
  ReproReportPtr report() const { return report_; }

  void setFigure(int index);
  void setTable(int index);
  int figureIndex() const;
  int tableIndex() const;

  QTableWidget* claimsTable() const { return claims_; }
  QTableWidget* dataTable() const { return table_; }
  ReproChartView* chartView() const { return chart_; }
  QComboBox* figureSelector() const { return figures_; }
  QComboBox* tableSelector() const { return tables_; }
  QString headerText() const;
  QString notesText() const;

  QByteArray saveState() const;
  void restoreState(const QByteArray& state);

  // Background and text colours of a verdict (also used by the list's summary).
  static QColor verdictBackground(Verdict v);
  static QColor verdictText(Verdict v);

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void showClaims();

  ReproReportPtr report_;
  QLabel* header_;
  QTableWidget* claims_;
  QComboBox* figures_;
  ReproChartView* chart_;
  QLabel* dropped_;
  QComboBox* tables_;
  QTableWidget* table_;
  QLabel* notes_;
  QScrollArea* notes_box_;
  QSplitter* outer_;
  QSplitter* inner_;
  bool sized_ = false;  // the splitters were restored or given their first sizes
};

}  // namespace lreg::views
