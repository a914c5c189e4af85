#pragma once
// The Jobs panel's history: a sortable, filterable table of every run (state, backend, device,
// key options, final metrics, duration) with a "differing options only" switch, and the overlay
// of the selected runs' curves (smoothing, log loss, x by epoch / training time / wall time,
// ignore outliers, colour by an option); the selected runs' metrics export to one CSV.
#include <QAbstractTableModel>
#include <QWidget>

#include "charts/run_curves.h"
#include "jobs/job_manager.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSlider;
class QSortFilterProxyModel;
class QTableView;

namespace lreg::views {

class RunsTableModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column {
    Name,
    State,
    Backend,
    Device,
    D,
    N,
    Lr,
    Epochs,
    TopK,
    ValAcc,
    ValLoss,
    Duration,
    Started,
    Message,
    ColumnCount
  };
  explicit RunsTableModel(QObject* parent = nullptr);
  void setManager(const JobManager* manager);  // resets
  void refreshRun(const QString& id);
  QString runId(int row) const;
  int rowOf(const QString& id) const;
  // The option of a run shown in column c, as text (also for "colour by").
  static QString optionText(const RunRecord& r, int column);

  int rowCount(const QModelIndex& = {}) const override;
  int columnCount(const QModelIndex& = {}) const override { return ColumnCount; }
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation o, int role) const override;

 private:
  const JobManager* manager_ = nullptr;
  QStringList ids_;
};

class JobsHistory : public QWidget {
  Q_OBJECT

 public:
  explicit JobsHistory(QWidget* parent = nullptr);
  void setManager(const JobManager* manager);
  void refreshRun(const QString& id);  // a run was added or changed

  QStringList selectedRuns() const;
  void selectRuns(const QStringList& ids);
  void setFilter(const QString& text);
  void setSmoothing(double beta);
  QString exportCsv(const QString& path) const;  // the selected runs; error or empty
  RunCurves* overlay() const { return curves_; }
  QTableView* table() const { return table_; }
  int visibleRows() const;

 Q_SIGNALS:
  void runActivated(const QString& id);  // a single run was chosen: show it live

 private:
  void redraw();
  void hideSameColumns();

  const JobManager* manager_ = nullptr;
  RunsTableModel* model_;
  QSortFilterProxyModel* proxy_;
  QTableView* table_;
  QLineEdit* filter_;
  QCheckBox* differing_;
  QSlider* smoothing_;
  QCheckBox* log_;
  QCheckBox* outliers_;
  QComboBox* x_;
  QComboBox* colour_by_;
  RunCurves* curves_;
};

}  // namespace lreg::views
