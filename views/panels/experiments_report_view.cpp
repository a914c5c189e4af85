#include "panels/experiments_report_view.h"

#include <QComboBox>
#include <QDataStream>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <utility>

#include "charts/repro_chart.h"

namespace lreg::views {

namespace {

enum ClaimColumn { kClaim, kPaper, kOurs, kVerdict, kReason, kClaimColumns };

QTableWidgetItem* cell(const std::string& text) {
  auto* item = new QTableWidgetItem(QString::fromStdString(text));
  item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
  item->setToolTip(item->text());
  return item;
}

QWidget* titled(const QString& title, QComboBox* selector, QWidget* body, QLabel* below = nullptr) {
  auto* box = new QWidget;
  auto* v = new QVBoxLayout(box);
  v->setContentsMargins(0, 0, 0, 0);
  v->setSpacing(3);
  auto* row = new QHBoxLayout;
  auto* label = new QLabel(QStringLiteral("<b>%1</b>").arg(title));
  row->addWidget(label);
  row->addWidget(selector, 1);
  v->addLayout(row);
  v->addWidget(body, 1);
  if (below) v->addWidget(below);
  return box;
}

}  // namespace

QColor ExperimentsReportView::verdictBackground(Verdict v) {
  switch (v) {
    case Verdict::Reproduced:
      return {212, 237, 218};
    case Verdict::NotReproduced:
      return {248, 215, 218};
    case Verdict::Differs:
      break;
  }
  return {255, 238, 186};
}

QColor ExperimentsReportView::verdictText(Verdict v) {
  switch (v) {
    case Verdict::Reproduced:
      return {21, 87, 36};
    case Verdict::NotReproduced:
      return {114, 28, 36};
    case Verdict::Differs:
      break;
  }
  return {133, 100, 4};
}

ExperimentsReportView::ExperimentsReportView(QWidget* parent)
    : QWidget(parent),
      header_(new QLabel),
      claims_(new QTableWidget(0, kClaimColumns)),
      figures_(new QComboBox),
      chart_(new ReproChartView),
      dropped_(new QLabel),
      tables_(new QComboBox),
      table_(new QTableWidget),
      notes_(new QLabel),
      notes_box_(new QScrollArea),
      outer_(new QSplitter(Qt::Vertical)),
      inner_(new QSplitter(Qt::Horizontal)) {
  header_->setTextFormat(Qt::RichText);
  header_->setWordWrap(true);
  header_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  header_->setStyleSheet(QStringLiteral("QLabel { background: #f6f8fa; padding: 4px; }"));
  claims_->setHorizontalHeaderLabels(
      {tr("Claim"), tr("Paper"), tr("Ours"), tr("Verdict"), tr("Reason")});
  claims_->verticalHeader()->hide();
  claims_->setWordWrap(true);
  claims_->setSelectionBehavior(QAbstractItemView::SelectRows);
  claims_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
  claims_->horizontalHeader()->setSectionResizeMode(kVerdict, QHeaderView::ResizeToContents);
  claims_->horizontalHeader()->setSectionResizeMode(kReason, QHeaderView::Stretch);
  table_->verticalHeader()->hide();
  table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 8);
  table_->setAlternatingRowColors(true);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  figures_->setToolTip(tr("The report's figures"));
  tables_->setToolTip(tr("The report's tables"));
  dropped_->setStyleSheet(QStringLiteral("QLabel { color: #856404; }"));
  dropped_->hide();
  notes_->setTextFormat(Qt::RichText);
  notes_->setWordWrap(true);
  notes_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  notes_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  notes_->setStyleSheet(QStringLiteral("QLabel { color: #444; }"));

  auto* top = new QWidget;
  auto* tv = new QVBoxLayout(top);
  tv->setContentsMargins(0, 0, 0, 0);
  tv->addWidget(header_);
  tv->addWidget(claims_, 1);
  inner_->addWidget(titled(tr("Figure"), figures_, chart_, dropped_));
  inner_->addWidget(titled(tr("Table"), tables_, table_));
  inner_->setStretchFactor(0, 3);
  inner_->setStretchFactor(1, 2);
  inner_->setChildrenCollapsible(false);
  outer_->addWidget(top);
  outer_->addWidget(inner_);
  outer_->setStretchFactor(0, 2);
  outer_->setStretchFactor(1, 5);
  outer_->setChildrenCollapsible(false);
  notes_box_->setWidget(notes_);
  notes_box_->setWidgetResizable(true);
  notes_box_->setFrameShape(QFrame::NoFrame);
  notes_box_->setMaximumHeight(110);  // about six lines; more scroll
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(outer_, 1);
  layout->addWidget(notes_box_);

  connect(figures_, &QComboBox::currentIndexChanged, this, &ExperimentsReportView::setFigure);
  connect(tables_, &QComboBox::currentIndexChanged, this, &ExperimentsReportView::setTable);
  setReport(nullptr);
}

void ExperimentsReportView::setReport(ReproReportPtr report, const QString& empty_text) {
  report_ = std::move(report);
  const QSignalBlocker bf(figures_), bt(tables_);
  figures_->clear();
  tables_->clear();
  if (!report_) {
    header_->setText(empty_text.isEmpty() ? tr("No report.") : empty_text);
    claims_->setRowCount(0);
    notes_->clear();
    notes_box_->hide();
    setFigure(-1);
    setTable(-1);
    inner_->widget(0)->show();
    inner_->widget(1)->show();
    return;
  }
  const ReproReport& r = *report_;
  QString status;
  if (r.status.code == StatusCode::Cancelled)
    status = tr("<span style='color:#856404'><b>Incomplete</b>: cancelled after %1 runs; Run "
                "resumes from the run log.</span>")
                 .arg(r.runs_done);
  else if (!r.status.ok())
    status = tr("<span style='color:#b00020'><b>%1</b>: %2</span>")
                 .arg(QString::fromLatin1(toString(r.status.code)),
                      QString::fromStdString(r.status.message).toHtmlEscaped());
  else
    status = tr("complete");
  QString text =
      tr("<b>%1</b> (%2): %3. %4 runs, %5 of them reused from the run log; %6 s.")
          .arg(QString::fromStdString(r.title.empty() ? r.name : r.title).toHtmlEscaped(),
               QString::fromStdString(r.name).toHtmlEscaped(), status)
          .arg(r.runs_done)
          .arg(r.runs_reused)
          .arg(r.seconds, 0, 'f', 1);
  if (!r.command.empty())
    text += QStringLiteral("<br><code>%1</code>")
                .arg(QString::fromStdString(r.command).toHtmlEscaped());
  header_->setText(text);
  showClaims();
  for (const ReproFigure& f : r.figures)
    figures_->addItem(QString::fromStdString(f.title.empty() ? f.id : f.title));
  for (const ReproTable& t : r.tables)
    tables_->addItem(QString::fromStdString(t.title.empty() ? t.id : t.title));
  figures_->setEnabled(figures_->count() > 1);
  tables_->setEnabled(tables_->count() > 1);
  setFigure(r.figures.empty() ? -1 : 0);
  setTable(r.tables.empty() ? -1 : 0);
  // A report of tables only (Table 1) gives the table the whole width, and the reverse.
  inner_->widget(0)->setVisible(!r.figures.empty() || r.tables.empty());
  inner_->widget(1)->setVisible(!r.tables.empty() || r.figures.empty());
  QStringList notes;
  for (const std::string& n : r.notes)
    notes << QStringLiteral("&bull; ") + QString::fromStdString(n).toHtmlEscaped();
  notes_->setText(notes.join(QStringLiteral("<br>")));
  notes_box_->setVisible(!notes.isEmpty());
}

void ExperimentsReportView::showClaims() {
  const auto& claims = report_->claims;
  claims_->setRowCount(static_cast<int>(claims.size()));
  for (int i = 0; i < claims_->rowCount(); ++i) {
    const ReproClaim& c = claims[static_cast<size_t>(i)];
    claims_->setItem(i, kClaim, cell(c.claim));
    claims_->setItem(i, kPaper, cell(c.paper));
    claims_->setItem(i, kOurs, cell(c.ours));
    QTableWidgetItem* v = cell(toString(c.verdict));
    v->setBackground(verdictBackground(c.verdict));
    v->setForeground(verdictText(c.verdict));
    QFont bold = v->font();
    bold.setBold(true);
    v->setFont(bold);
    v->setTextAlignment(Qt::AlignCenter);
    claims_->setItem(i, kVerdict, v);
    claims_->setItem(i, kReason, cell(c.reason));
  }
  // Capped, so that the reason (last, stretched) keeps room to be read.
  for (const auto& [c, cap] : {std::pair{kClaim, 220}, {kPaper, 170}, {kOurs, 200}}) {
    claims_->resizeColumnToContents(c);
    claims_->setColumnWidth(c, std::min(claims_->columnWidth(c), cap));
  }
  claims_->resizeRowsToContents();
}

void ExperimentsReportView::setFigure(int index) {
  const bool valid = report_ && index >= 0 && index < static_cast<int>(report_->figures.size());
  if (valid && figures_->currentIndex() != index) {
    figures_->setCurrentIndex(index);  // comes back here through the signal
    return;
  }
  chart_->setFigure(valid ? &report_->figures[static_cast<size_t>(index)] : nullptr);
  dropped_->setText(
      tr("%1 points not drawn (NaN, or <= 0 on a log axis).").arg(chart_->droppedPoints()));
  dropped_->setVisible(chart_->droppedPoints() > 0);
}

void ExperimentsReportView::setTable(int index) {
  const bool valid = report_ && index >= 0 && index < static_cast<int>(report_->tables.size());
  if (valid && tables_->currentIndex() != index) {
    tables_->setCurrentIndex(index);
    return;
  }
  table_->clear();
  if (!valid) {
    table_->setRowCount(0);
    table_->setColumnCount(0);
    return;
  }
  const ReproTable& t = report_->tables[static_cast<size_t>(index)];
  table_->setColumnCount(static_cast<int>(t.columns.size()));
  QStringList header;
  for (const std::string& c : t.columns) header << QString::fromStdString(c);
  table_->setHorizontalHeaderLabels(header);
  table_->setRowCount(static_cast<int>(t.rows.size()));
  for (int i = 0; i < table_->rowCount(); ++i) {
    const auto& row = t.rows[static_cast<size_t>(i)];
    for (int j = 0; j < table_->columnCount() && j < static_cast<int>(row.size()); ++j) {
      QTableWidgetItem* item = cell(row[static_cast<size_t>(j)]);
      if (j > 0) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      table_->setItem(i, j, item);
    }
  }
  table_->resizeColumnsToContents();
}

int ExperimentsReportView::figureIndex() const { return report_ ? figures_->currentIndex() : -1; }
int ExperimentsReportView::tableIndex() const { return report_ ? tables_->currentIndex() : -1; }

QString ExperimentsReportView::headerText() const { return header_->text(); }
QString ExperimentsReportView::notesText() const { return notes_->text(); }

QByteArray ExperimentsReportView::saveState() const {
  QByteArray state;
  QDataStream out(&state, QIODevice::WriteOnly);
  out << outer_->saveState() << inner_->saveState();
  return state;
}

void ExperimentsReportView::restoreState(const QByteArray& state) {
  QDataStream in(state);
  QByteArray outer, inner;
  in >> outer >> inner;
  if (in.status() != QDataStream::Ok) return;
  sized_ = outer_->restoreState(outer) && inner_->restoreState(inner);
}

void ExperimentsReportView::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  if (sized_) return;
  sized_ = true;  // the first time: the claims a third, the figure and the table the rest
  const QList<int> s = outer_->sizes();
  const int total = s.value(0) + s.value(1);
  if (total > 0) outer_->setSizes({total * 3 / 10, total - total * 3 / 10});
  const QList<int> t = inner_->sizes();
  const int width = t.value(0) + t.value(1);
  if (width > 0) inner_->setSizes({width * 3 / 5, width - width * 3 / 5});
}

}  // namespace lreg::views
