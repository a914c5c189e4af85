#include "panels/jobs_history.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <cmath>

#include "jobs/run_files.h"

namespace lreg::views {

namespace {
const QColor kPalette[] = {{31, 119, 180},  {255, 127, 14}, {44, 160, 44},   {214, 39, 40},
                           {148, 103, 189}, {140, 86, 75},  {227, 119, 194}, {127, 127, 127}};
constexpr int kPaletteSize = 8;

QVariant metric(const QJsonObject& final, const char* key) {
  const QJsonValue v = final.value(QLatin1String(key));
  return v.isDouble() ? QVariant(v.toDouble()) : QVariant();
}
}  // namespace

RunsTableModel::RunsTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void RunsTableModel::setManager(const JobManager* manager) {
  beginResetModel();
  manager_ = manager;
  ids_.clear();
  if (manager_)
    for (const RunRecord& r : manager_->store().runs()) ids_ << r.id;
  endResetModel();
}

void RunsTableModel::refreshRun(const QString& id) {
  const int row = rowOf(id);
  if (row >= 0) {
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    return;
  }
  beginInsertRows({}, int(ids_.size()), int(ids_.size()));
  ids_ << id;
  endInsertRows();
}

QString RunsTableModel::runId(int row) const { return ids_.value(row); }
int RunsTableModel::rowOf(const QString& id) const { return int(ids_.indexOf(id)); }
int RunsTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : int(ids_.size());
}

QString RunsTableModel::optionText(const RunRecord& r, int column) {
  const QJsonObject o = r.spec.value(QStringLiteral("options")).toObject();
  const auto opt = [&](const char* k) { return o.value(QLatin1String(k)).toVariant().toString(); };
  switch (column) {
    case Backend:
      return r.backend;
    case Device:
      return r.device;
    case D:
      return opt("components");
    case N:
      return opt("nodes");
    case Lr:
      return opt("lr");
    case Epochs:
      return opt("epochs");
    case TopK:
      return opt("topk");
    default:
      return {};
  }
}

QVariant RunsTableModel::data(const QModelIndex& index, int role) const {
  const RunRecord* r = manager_ ? manager_->run(ids_.value(index.row())) : nullptr;
  if (!r) return {};
  const int c = index.column();
  if (role == Qt::ToolTipRole && (c == Message || c == State)) return r->message;
  if (role == Qt::ForegroundRole && c == State) {
    if (r->state == JobState::Failed) return QColor(176, 0, 32);
    if (r->state == JobState::Finished) return QColor(30, 120, 50);
    return {};
  }
  if (role != Qt::DisplayRole && role != Qt::EditRole) return {};
  const bool sort = role == Qt::EditRole;  // the proxy sorts by EditRole: numbers, not text
  switch (c) {
    case Name:
      return r->name;
    case State:
      return r->slurm_state.isEmpty() || !isActive(r->state)
                 ? toString(r->state)
                 : toString(r->state) + QStringLiteral(" (") + r->slurm_state + QLatin1Char(')');
    case D:
    case N:
    case Epochs:
    case TopK:
      return sort ? QVariant(optionText(*r, c).toInt()) : QVariant(optionText(*r, c));
    case Lr:
      return sort ? QVariant(optionText(*r, c).toDouble()) : QVariant(optionText(*r, c));
    case ValAcc: {
      const QVariant v = metric(r->final, "val_acc");
      return sort || !v.isValid() ? v : QVariant(QString::number(v.toDouble(), 'f', 4));
    }
    case ValLoss: {
      const QVariant v = metric(r->final, "val_loss");
      return sort || !v.isValid() ? v : QVariant(QString::number(v.toDouble(), 'g', 5));
    }
    case Duration: {
      const double s = r->durationSeconds();
      return sort ? QVariant(s) : QVariant(QString::number(s, 'f', 1));
    }
    case Started:
      return r->created.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case Message:
      return r->message.section(QLatin1Char('\n'), 0, 0);
    default:
      return optionText(*r, c);
  }
}

QVariant RunsTableModel::headerData(int section, Qt::Orientation o, int role) const {
  if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
  static const char* const kNames[] = {"run",      "state",   "backend", "device", "d",
                                       "n",        "lr",      "epochs",  "top-k",  "val acc",
                                       "val loss", "seconds", "created", "message"};
  return tr(kNames[section]);
}

JobsHistory::JobsHistory(QWidget* parent)
    : QWidget(parent),
      model_(new RunsTableModel(this)),
      proxy_(new QSortFilterProxyModel(this)),
      table_(new QTableView),
      filter_(new QLineEdit),
      differing_(new QCheckBox(tr("Differing options only"))),
      smoothing_(new QSlider(Qt::Horizontal)),
      log_(new QCheckBox(tr("Log loss"))),
      outliers_(new QCheckBox(tr("Ignore outliers"))),
      x_(new QComboBox),
      colour_by_(new QComboBox),
      curves_(new RunCurves) {
  proxy_->setSourceModel(model_);
  proxy_->setFilterKeyColumn(-1);
  proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
  proxy_->setSortRole(Qt::EditRole);
  table_->setModel(proxy_);
  table_->setSortingEnabled(true);
  table_->sortByColumn(RunsTableModel::Started, Qt::DescendingOrder);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setAlternatingRowColors(true);
  filter_->setPlaceholderText(tr("Filter runs (any column)"));
  filter_->setClearButtonEnabled(true);
  smoothing_->setRange(0, 99);
  smoothing_->setValue(60);
  smoothing_->setToolTip(tr("Smoothing: debiased exponential moving average (0 = raw)"));
  x_->addItems({tr("epoch"), tr("training time"), tr("wall time")});
  colour_by_->addItem(tr("colour by run"), -1);
  for (int c : {RunsTableModel::Lr, RunsTableModel::D, RunsTableModel::N, RunsTableModel::Device,
                RunsTableModel::Backend})
    colour_by_->addItem(
        tr("colour by %1").arg(model_->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString()),
        c);

  auto* top = new QHBoxLayout;
  top->addWidget(filter_, 1);
  top->addWidget(differing_);
  auto* left = new QWidget;
  auto* l = new QVBoxLayout(left);
  l->setContentsMargins(0, 0, 0, 0);
  l->addLayout(top);
  l->addWidget(table_, 1);
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(tr("Smoothing")));
  controls->addWidget(smoothing_, 1);
  controls->addWidget(log_);
  controls->addWidget(outliers_);
  controls->addWidget(x_);
  controls->addWidget(colour_by_);
  auto* right = new QWidget;
  auto* r = new QVBoxLayout(right);
  r->setContentsMargins(0, 0, 0, 0);
  r->addLayout(controls);
  r->addWidget(curves_, 1);
  auto* split = new QSplitter(Qt::Horizontal);
  split->addWidget(left);
  split->addWidget(right);
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(split);

  connect(filter_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);
  connect(differing_, &QCheckBox::toggled, this, &JobsHistory::hideSameColumns);
  connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
    redraw();
    const QStringList ids = selectedRuns();
    if (ids.size() == 1) Q_EMIT runActivated(ids.front());
  });
  for (QCheckBox* c : {log_, outliers_})
    connect(c, &QCheckBox::toggled, this, &JobsHistory::redraw);
  connect(smoothing_, &QSlider::valueChanged, this, &JobsHistory::redraw);
  connect(x_, &QComboBox::currentIndexChanged, this, &JobsHistory::redraw);
  connect(colour_by_, &QComboBox::currentIndexChanged, this, &JobsHistory::redraw);
}

void JobsHistory::setManager(const JobManager* manager) {
  manager_ = manager;
  model_->setManager(manager);
  table_->resizeColumnsToContents();
  hideSameColumns();
  redraw();
}

void JobsHistory::refreshRun(const QString& id) {
  model_->refreshRun(id);
  table_->resizeColumnsToContents();
  hideSameColumns();
  if (selectedRuns().contains(id)) redraw();
}

QStringList JobsHistory::selectedRuns() const {
  QStringList ids;
  for (const QModelIndex& i : table_->selectionModel()->selectedRows())
    ids << model_->runId(proxy_->mapToSource(i).row());
  return ids;
}

void JobsHistory::selectRuns(const QStringList& ids) {
  QItemSelection s;
  for (const QString& id : ids) {
    const QModelIndex i = proxy_->mapFromSource(model_->index(model_->rowOf(id), 0));
    if (i.isValid()) s.select(i, i.siblingAtColumn(RunsTableModel::ColumnCount - 1));
  }
  table_->selectionModel()->select(s, QItemSelectionModel::ClearAndSelect);
}

void JobsHistory::setFilter(const QString& text) { filter_->setText(text); }
void JobsHistory::setSmoothing(double beta) { smoothing_->setValue(int(std::lround(beta * 100))); }
int JobsHistory::visibleRows() const { return proxy_->rowCount(); }

QString JobsHistory::exportCsv(const QString& path) const {
  QVector<RunRecord> runs;
  for (const QString& id : selectedRuns())
    if (const RunRecord* r = manager_->run(id)) runs << *r;
  return exportRunsCsv(path, runs);
}

void JobsHistory::hideSameColumns() {
  for (int c :
       {RunsTableModel::Backend, RunsTableModel::Device, RunsTableModel::D, RunsTableModel::N,
        RunsTableModel::Lr, RunsTableModel::Epochs, RunsTableModel::TopK}) {
    QSet<QString> values;
    if (manager_)
      for (const RunRecord& r : manager_->store().runs())
        values.insert(RunsTableModel::optionText(r, c));
    table_->setColumnHidden(c, differing_->isChecked() && values.size() <= 1);
  }
}

void JobsHistory::redraw() {
  if (!manager_) return;
  QVector<CurveRun> runs;
  const int by = colour_by_->currentData().toInt();
  QStringList keys;  // the option values in order of appearance: one colour each
  for (const QString& id : selectedRuns()) {
    const RunRecord* r = manager_->run(id);
    if (!r) continue;
    const QString key = by < 0 ? r->id : RunsTableModel::optionText(*r, by);
    if (!keys.contains(key)) keys << key;
    const QString label =
        by < 0 ? r->name : r->name + QStringLiteral(" (") + key + QLatin1Char(')');
    runs.push_back(
        {label, kPalette[keys.indexOf(key) % kPaletteSize], readRunMetrics(r->dir), r->started});
  }
  CurveOptions o;
  o.smoothing = smoothing_->value() / 100.0;
  o.log_loss = log_->isChecked();
  o.ignore_outliers = outliers_->isChecked();
  o.x = static_cast<CurveOptions::X>(x_->currentIndex());
  curves_->setRuns(runs, o);
}

}  // namespace lreg::views
