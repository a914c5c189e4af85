#include "panels/minima_table.h"

#include <QFile>
#include <QHeaderView>
#include <QTextStream>

#include "util/minima_style.h"

namespace lreg::views {

namespace {

QString params(const minima::TinyNet& n) {
  QStringList units;
  for (int j = 0; j < n.hidden(); ++j)
    units << QStringLiteral("(%1, %2, %3)")
                 .arg(n.a[j], 0, 'g', 4)
                 .arg(n.w[j], 0, 'g', 4)
                 .arg(n.c[j], 0, 'g', 4);
  return units.join(QLatin1Char(' ')) + QStringLiteral(" m %1").arg(n.m, 0, 'g', 4);
}

}  // namespace

MinimaTable::MinimaTable(QWidget* parent) : QTableWidget(parent) {
  setEditTriggers(QAbstractItemView::NoEditTriggers);
  setSelectionBehavior(QAbstractItemView::SelectRows);
  verticalHeader()->setVisible(false);
  horizontalHeader()->setStretchLastSection(true);
}

void MinimaTable::setFrame(const MinimaFramePtr& frame) {
  frame_ = frame;
  // The basin shares come before the long columns, so every trainer's is in view.
  QStringList head{tr("#"), tr("loss"), tr("kind"), tr("dim")};
  if (frame)
    for (const auto& b : frame->basins) head << QString::fromStdString(b.trainer);
  head << tr("certificate") << tr("(a, w, c) per unit, m");
  clear();
  setColumnCount(head.size());
  setHorizontalHeaderLabels(head);
  const int n = frame ? static_cast<int>(frame->report.minima.size()) : 0;
  setRowCount(n);
  for (int k = 0; k < n; ++k) {
    const minima::MinimumPoint& p = frame->report.minima[k];
    int col = 0;
    const auto put = [&](const QString& s) { setItem(k, col++, new QTableWidgetItem(s)); };
    put(k == 0 ? tr("%1 global").arg(k + 1) : QString::number(k + 1));
    item(k, 0)->setForeground(minimumColor(k));
    item(k, 0)->setBackground(
        QColor(minimumColor(k).red(), minimumColor(k).green(), minimumColor(k).blue(), 40));
    put(QString::number(p.loss, 'g', 8));
    put(QString::fromUtf8(minima::toString(p.kind)));
    put(QString::number(p.dimension));
    for (const auto& b : frame->basins)
      put(b.runs ? QString::number(100.0 * b.minima[k] / b.runs, 'f', 1) + QLatin1Char('%')
                 : QString());
    put(QString::fromStdString(p.certificate));
    put(params(p.net));
  }
  if (frame)
    for (int b = 0; b < static_cast<int>(frame->basins.size()); ++b)
      horizontalHeaderItem(4 + b)->setToolTip(
          tr("Share of the random starts that %1 took to this minimum")
              .arg(QString::fromStdString(frame->basins[b].trainer)));
  resizeColumnsToContents();
}

QString MinimaTable::writeCsv(const QString& path) const {
  if (!frame_) return tr("There are no minima to export yet.");
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) return tr("Cannot write %1").arg(path);
  QTextStream out(&file);
  out.setRealNumberPrecision(17);
  const int h = frame_->problem.hidden;
  out << "rank,loss,kind,dimension,certificate";
  for (int j = 0; j < h; ++j) out << ",a" << j + 1 << ",w" << j + 1 << ",c" << j + 1;
  out << ",m";
  for (const auto& b : frame_->basins) out << "," << QString::fromStdString(b.trainer) << "_share";
  out << "\n";
  const auto& mins = frame_->report.minima;
  for (size_t k = 0; k < mins.size(); ++k) {
    const auto& p = mins[k];
    out << k + 1 << "," << p.loss << "," << minima::toString(p.kind) << "," << p.dimension << ","
        << QString::fromStdString(p.certificate);
    for (int j = 0; j < h; ++j) out << "," << p.net.a[j] << "," << p.net.w[j] << "," << p.net.c[j];
    out << "," << p.net.m;
    for (const auto& b : frame_->basins)
      out << "," << (b.runs ? double(b.minima[k]) / b.runs : 0.0);
    out << "\n";
  }
  return {};
}

}  // namespace lreg::views
