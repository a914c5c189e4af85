#include "panels/mrc_status.h"

#include <QTextDocument>

namespace lreg::views {

MrcStatusLine::MrcStatusLine(const QString& baselineTip, QWidget* parent) : QLabel(parent) {
  setTextFormat(Qt::RichText);
  setWordWrap(true);
  setToolTip(tr("Noise ceiling: 1 - E[noise variance] / Var(y), the best R² the noise allows.\n"
                "Oracle: the noiseless truth scored on the same test set.\n") +
             baselineTip);
  setContentsMargins(6, 2, 6, 2);
  setStyleSheet(QStringLiteral("QLabel { background: #f6f8fa; border-top: 1px solid #dde; }"));
  setText(tr("Fitting..."));
}

QString MrcStatusLine::plainText() const {
  QTextDocument doc;
  doc.setHtml(text());
  return doc.toPlainText();
}

}  // namespace lreg::views
