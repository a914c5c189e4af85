#include "panels/splits_view.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

#include "util/method_style.h"

namespace lreg::views {

namespace {

QString meanStd(const MeanStd& m, int precision) {
  if (m.n == 0) return QStringLiteral("–");
  return QStringLiteral("%1 ± %2").arg(m.mean, 0, 'g', precision).arg(m.std, 0, 'g', 2);
}

QString metricLabel(const std::string& metric) {
  if (metric == "train_mse") return SplitsView::tr("train MSE");
  if (metric == "test_mse") return SplitsView::tr("test MSE");
  if (metric == "train_r2") return SplitsView::tr("train R²");
  if (metric == "test_r2") return SplitsView::tr("test R²");
  return QString::fromStdString(metric);
}

// Tables as tall as their rows, so that the two read as one page.
void fitHeight(QTableWidget* t) {
  int h = t->horizontalHeader()->height() + 2 * t->frameWidth();
  for (int r = 0; r < t->rowCount(); ++r) h += t->rowHeight(r);
  t->setFixedHeight(h + 2);
}

QString writeText(const QString& path, const std::string& text) {
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly | QIODevice::Text))
    return SplitsView::tr("Cannot write %1").arg(path);
  f.write(text.data(), static_cast<qint64>(text.size()));
  return {};
}

}  // namespace

SplitsView::SplitsView(CompareSession* session, QWidget* parent)
    : QWidget(parent),
      session_(session),
      splits_(new QSpinBox),
      run_(new QPushButton(tr("Run splits"))),
      cancel_(new QPushButton(tr("Cancel"))),
      csv_(new QPushButton(tr("Export CSV…"))),
      markdown_(new QPushButton(tr("Export Markdown…"))),
      progress_(new QProgressBar),
      caption_(new QLabel),
      summary_(new QTableWidget(0, 7)),
      tests_(new QTableWidget(0, 6)),
      runs_(new QTableWidget(0, 9)) {
  splits_->setRange(1, 100);
  splits_->setValue(10);
  splits_->setPrefix(tr("splits: "));
  run_->setToolTip(
      tr("Ctrl+Shift+Return — uses the data set, methods and options of the controls"));
  cancel_->setToolTip(tr("Esc — stops after the run in progress; the finished runs are shown"));
  cancel_->setEnabled(false);
  csv_->setEnabled(false);
  markdown_->setEnabled(false);
  progress_->setTextVisible(true);
  progress_->setFormat(tr("%v / %m runs"));
  progress_->setValue(0);
  caption_->setWordWrap(true);
  caption_->setText(
      tr("Repeated random 80/20 splits, every method trained on the same split with the same "
         "seed (Barbu 2023, Tables 3 and 4). Bold: the best, and those not significantly "
         "worse (paired t-test, p > 0.01)."));
  summary_->setHorizontalHeaderLabels({tr("Method"), tr("Train MSE"), tr("Test MSE"),
                                       tr("Train R²"), tr("Test R²"), tr("Seconds"), tr("Runs")});
  tests_->setHorizontalHeaderLabels(
      {tr("Metric"), tr("A"), tr("B"), tr("mean(A − B)"), tr("t"), tr("p")});
  runs_->setHorizontalHeaderLabels({tr("Split"), tr("Seed"), tr("Method"), tr("Status"),
                                    tr("Train MSE"), tr("Test MSE"), tr("Train R²"), tr("Test R²"),
                                    tr("Seconds")});
  for (QTableWidget* t : {summary_, tests_, runs_}) {
    t->verticalHeader()->hide();
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setAlternatingRowColors(true);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  }

  auto* bar = new QHBoxLayout;
  bar->addWidget(splits_);
  bar->addWidget(run_);
  bar->addWidget(cancel_);
  bar->addWidget(progress_, 1);
  bar->addWidget(csv_);
  bar->addWidget(markdown_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(bar);
  layout->addWidget(caption_);
  layout->addWidget(summary_);
  layout->addSpacing(8);
  layout->addWidget(
      new QLabel(tr("<b>Paired t-tests</b> over the splits (two-sided; bold: p &lt; 0.01)")));
  layout->addWidget(tests_);
  layout->addSpacing(8);
  layout->addWidget(new QLabel(tr("<b>Runs</b>")));
  layout->addWidget(runs_, 1);
  fitHeight(summary_);
  fitHeight(tests_);

  connect(run_, &QPushButton::clicked, this, [this] { Q_EMIT runRequested(splits_->value()); });
  connect(cancel_, &QPushButton::clicked, session_, &CompareSession::cancel);
  connect(session_, &CompareSession::runningChanged, this, &SplitsView::setRunning);
  connect(session_, &CompareSession::progress, this,
          [this](int done, int total, const QString& message) {
            progress_->setMaximum(total);
            progress_->setValue(done);
            progress_->setFormat(tr("%v / %m runs · %1 done").arg(message));
          });
  connect(session_, &CompareSession::finished, this, &SplitsView::showReport);
  connect(session_, &CompareSession::failed, this, [this](const QString& message) {
    caption_->setText(
        QStringLiteral("<span style='color:#b00020'>%1</span>").arg(message.toHtmlEscaped()));
  });
  const auto exporter = [this](const QString& title, const QString& filter, auto write) {
    const QString path = QFileDialog::getSaveFileName(this, title, QString(), filter);
    if (path.isEmpty()) return;
    const QString error = (this->*write)(path);
    if (!error.isEmpty()) QMessageBox::warning(this, title, error);
  };
  connect(csv_, &QPushButton::clicked, this,
          [=] { exporter(tr("Export splits (CSV)"), tr("CSV (*.csv)"), &SplitsView::exportCsv); });
  connect(markdown_, &QPushButton::clicked, this, [=] {
    exporter(tr("Export splits (Markdown)"), tr("Markdown (*.md)"), &SplitsView::exportMarkdown);
  });
}

int SplitsView::splits() const { return splits_->value(); }
void SplitsView::setSplits(int splits) { splits_->setValue(splits); }

void SplitsView::setRunning(bool running) {
  run_->setEnabled(!running);
  cancel_->setEnabled(running);
  if (running) {
    const CompareRequest& r = session_->request();
    progress_->setMaximum(static_cast<int>(r.methods.size()) * r.splits);
    progress_->setValue(0);
    progress_->setFormat(tr("%v / %m runs"));
  }
}

void SplitsView::showReport(const CompareReportPtr& report, bool cancelled) {
  const bool has = report && !report->runs.empty();
  csv_->setEnabled(has);
  markdown_->setEnabled(has);
  if (!report) return;
  const CompareRequest& req = session_->request();
  caption_->setText(
      tr("<b>%1</b>: %2 of %3 runs over %4 splits%5, h = %6. Bold: the best, and those not "
         "significantly worse (paired t-test, p > 0.01).")
          .arg(req.source.label().toHtmlEscaped())
          .arg(report->runs.size())
          .arg(req.methods.size() * static_cast<size_t>(req.splits))
          .arg(req.splits)
          .arg(cancelled ? tr(" (cancelled)") : QString())
          .arg(req.config.anmin.net.hidden));
  summary_->setRowCount(static_cast<int>(report->summary.size()));
  // Best per column: least MSE and seconds, largest R^2; ties within a significance test are
  // not resolved here (the Markdown export has the paper's bold rule).
  const auto best = [&](auto get, bool larger) {
    int b = -1;
    for (int i = 0; i < static_cast<int>(report->summary.size()); ++i) {
      const MeanStd& m = get(report->summary[static_cast<size_t>(i)]);
      if (m.n == 0) continue;
      if (b < 0 || (larger ? m.mean > get(report->summary[static_cast<size_t>(b)]).mean
                           : m.mean < get(report->summary[static_cast<size_t>(b)]).mean))
        b = i;
    }
    return b;
  };
  const int bestCol[] = {-1,
                         best([](const MethodSummary& s) { return s.train_mse; }, false),
                         best([](const MethodSummary& s) { return s.test_mse; }, false),
                         best([](const MethodSummary& s) { return s.train_r2; }, true),
                         best([](const MethodSummary& s) { return s.test_r2; }, true),
                         best([](const MethodSummary& s) { return s.seconds; }, false),
                         -1};
  for (int i = 0; i < static_cast<int>(report->summary.size()); ++i) {
    const MethodSummary& s = report->summary[static_cast<size_t>(i)];
    const QString cells[] = {methodLabel(s.method),         meanStd(s.train_mse, 4),
                             meanStd(s.test_mse, 4),        meanStd(s.train_r2, 4),
                             meanStd(s.test_r2, 4),         meanStd(s.seconds, 3),
                             QString::number(s.train_mse.n)};
    for (int c = 0; c < 7; ++c) {
      auto* item = new QTableWidgetItem(cells[c]);
      item->setTextAlignment(c == 0 ? Qt::AlignLeft | Qt::AlignVCenter
                                    : Qt::AlignRight | Qt::AlignVCenter);
      if (c == 0) item->setForeground(methodColor(s.method));
      if (bestCol[c] == i || c == 0) {
        QFont f = item->font();
        f.setBold(true);
        item->setFont(f);
      }
      summary_->setItem(i, c, item);
    }
  }
  tests_->setRowCount(static_cast<int>(report->tests.size()));
  for (int i = 0; i < static_cast<int>(report->tests.size()); ++i) {
    const PairedTest& t = report->tests[static_cast<size_t>(i)];
    const QString cells[] = {metricLabel(t.metric),
                             methodLabel(t.a),
                             methodLabel(t.b),
                             QString::number(t.mean_diff, 'g', 4),
                             QString::number(t.t, 'g', 4),
                             t.n < 2 ? QStringLiteral("–") : QString::number(t.p, 'g', 3)};
    for (int c = 0; c < 6; ++c) {
      auto* item = new QTableWidgetItem(cells[c]);
      item->setTextAlignment(c < 3 ? Qt::AlignLeft | Qt::AlignVCenter
                                   : Qt::AlignRight | Qt::AlignVCenter);
      if (c == 5 && t.n >= 2 && t.p < 0.01) {
        QFont f = item->font();
        f.setBold(true);
        item->setFont(f);
      }
      tests_->setItem(i, c, item);
    }
  }
  fitHeight(summary_);
  fitHeight(tests_);
  runs_->setRowCount(static_cast<int>(report->runs.size()));
  for (int i = 0; i < static_cast<int>(report->runs.size()); ++i) {
    const SplitRun& r = report->runs[static_cast<size_t>(i)];
    const QString cells[] = {QString::number(r.split),
                             QString::number(r.seed),
                             methodLabel(r.method),
                             QString::fromLatin1(toString(r.status.code)),
                             QString::number(r.train_mse, 'g', 4),
                             QString::number(r.test_mse, 'g', 4),
                             QString::number(r.train_r2, 'g', 4),
                             QString::number(r.test_r2, 'g', 4),
                             QString::number(r.seconds, 'g', 3)};
    for (int c = 0; c < 9; ++c) {
      auto* item = new QTableWidgetItem(cells[c]);
      item->setTextAlignment(c == 2 || c == 3 ? Qt::AlignLeft | Qt::AlignVCenter
                                              : Qt::AlignRight | Qt::AlignVCenter);
      if (c == 2) item->setForeground(methodColor(r.method));
      if (c == 3 && !r.status.ok()) item->setToolTip(QString::fromStdString(r.status.message));
      runs_->setItem(i, c, item);
    }
  }
}

QString SplitsView::exportCsv(const QString& path) const {
  const CompareReportPtr r = session_->report();
  if (!r) return tr("There is no splits table to export yet.");
  if (QString e = writeText(path, runsCsv(*r)); !e.isEmpty()) return e;
  const QFileInfo info(path);
  return writeText(info.dir().filePath(info.completeBaseName() + QStringLiteral("_summary.csv")),
                   summaryCsv(*r));
}

QString SplitsView::exportMarkdown(const QString& path) const {
  const CompareReportPtr r = session_->report();
  if (!r) return tr("There is no splits table to export yet.");
  return writeText(path, toMarkdown(*r));
}

}  // namespace lreg::views
