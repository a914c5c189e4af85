#include "panels/data_warnings.h"

#include <QStringList>

namespace lreg::views {

DataWarningsLabel::DataWarningsLabel(QWidget* parent) : QLabel(parent) {
  setObjectName(QStringLiteral("dataWarnings"));
  setWordWrap(true);
  setTextFormat(Qt::PlainText);
  setTextInteractionFlags(Qt::TextSelectableByMouse);
  setStyleSheet(QStringLiteral("QLabel { color: #7a4b00; background: #fff4e0; padding: 4px; }"));
  hide();
}

void DataWarningsLabel::setWarnings(const std::vector<std::string>& warnings) {
  QStringList lines;
  for (const std::string& w : warnings) lines << tr("Warning: %1").arg(QString::fromStdString(w));
  setText(lines.join(QLatin1Char('\n')));
  setVisible(!lines.isEmpty());
}

}  // namespace lreg::views
