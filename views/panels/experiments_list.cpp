#include "panels/experiments_list.h"

#include <QHeaderView>

namespace lreg::views {

namespace {
enum Column { kName, kClaim, kLast, kColumns };
}

QString verdictSummary(const ReproReport& r) {
  int counts[3] = {0, 0, 0};
  for (const ReproClaim& c : r.claims) ++counts[static_cast<int>(c.verdict)];
  QStringList parts;
  const int n = static_cast<int>(r.claims.size());
  if (n == 0) parts << QObject::tr("no claims");
  if (counts[0]) parts << QObject::tr("%1 of %2 reproduced").arg(counts[0]).arg(n);
  if (counts[1]) parts << QObject::tr("%1 not reproduced").arg(counts[1]);
  if (counts[2]) parts << QObject::tr("%1 differs").arg(counts[2]);
  QString s = parts.join(QStringLiteral(", "));
  if (r.status.code == StatusCode::Cancelled)
    s += QObject::tr(" (cancelled after %1 runs)").arg(r.runs_done);
  return s;
}

ExperimentsList::ExperimentsList(QWidget* parent) : QTableWidget(0, kColumns, parent) {
  setHorizontalHeaderLabels({tr("Experiment"), tr("Claim"), tr("Last report")});
  verticalHeader()->hide();
  setWordWrap(true);  // a claim takes the lines it needs; the list never scrolls sideways
  setShowGrid(false);
  setAlternatingRowColors(true);
  setSelectionBehavior(QAbstractItemView::SelectRows);
  setSelectionMode(QAbstractItemView::SingleSelection);
  setEditTriggers(QAbstractItemView::NoEditTriggers);
  setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  horizontalHeader()->setHighlightSections(false);
  horizontalHeader()->setSectionResizeMode(kName, QHeaderView::ResizeToContents);
  horizontalHeader()->setSectionResizeMode(kClaim, QHeaderView::Stretch);
  horizontalHeader()->setSectionResizeMode(kLast, QHeaderView::Interactive);
  horizontalHeader()->resizeSection(kLast, 130);
  // Rows take the lines their claims need at the claim column's width of the moment.
  connect(horizontalHeader(), &QHeaderView::sectionResized, this, [this] {
    QMetaObject::invokeMethod(
        this, [this] { resizeRowsToContents(); }, Qt::QueuedConnection);
  });
  connect(this, &QTableWidget::currentCellChanged, this, [this](int row, int, int previous) {
    if (row != previous) Q_EMIT currentChanged(row);
  });
}

void ExperimentsList::setExperiments(const std::vector<Experiment>& experiments) {
  setRowCount(0);
  setRowCount(static_cast<int>(experiments.size()));
  for (int i = 0; i < rowCount(); ++i) {
    const Experiment& e = experiments[static_cast<size_t>(i)];
    const QString tip = QStringLiteral("<b>%1</b><br>%2<br><i>%3</i>")
                            .arg(QString::fromStdString(e.name).toHtmlEscaped(),
                                 QString::fromStdString(e.claim).toHtmlEscaped(),
                                 QString::fromStdString(e.paper).toHtmlEscaped());
    for (int c = 0; c < kColumns; ++c) {
      auto* item = new QTableWidgetItem;
      item->setToolTip(tip);
      item->setTextAlignment(Qt::AlignLeft | Qt::AlignTop);
      setItem(i, c, item);
    }
    item(i, kName)->setText(QString::fromStdString(e.name));
    QFont bold = item(i, kName)->font();
    bold.setBold(true);
    item(i, kName)->setFont(bold);
    item(i, kClaim)->setText(QString::fromStdString(e.claim));
    setReport(i, nullptr);
  }
  resizeRowsToContents();
}

int ExperimentsList::currentIndex() const { return currentRow(); }

void ExperimentsList::setCurrentIndex(int index) {
  if (index >= 0 && index < rowCount()) setCurrentCell(index, kName);
}

void ExperimentsList::setReport(int index, const ReproReport* report) {
  QTableWidgetItem* it = item(index, kLast);
  if (!it) return;
  it->setText(report ? verdictSummary(*report) : tr("not run yet"));
  it->setForeground(report ? palette().text() : QBrush(QColor(130, 130, 130)));
  resizeRowToContents(index);
}

QString ExperimentsList::summary(int index) const {
  const QTableWidgetItem* it = item(index, kLast);
  return it ? it->text() : QString();
}

QString ExperimentsList::claim(int index) const {
  const QTableWidgetItem* it = item(index, kClaim);
  return it ? it->text() : QString();
}

QString ExperimentsList::toolTip(int index) const {
  const QTableWidgetItem* it = item(index, kName);
  return it ? it->toolTip() : QString();
}

void ExperimentsList::resizeEvent(QResizeEvent* event) {
  QTableWidget::resizeEvent(event);
  resizeRowsToContents();
}

}  // namespace lreg::views
