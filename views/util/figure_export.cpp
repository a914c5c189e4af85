#include "util/figure_export.h"

#include <QFileInfo>
#include <QPainter>
#include <QPixmap>
#include <QSvgGenerator>
#include <QWidget>

namespace lreg::views {

QString saveWidgetFigure(QWidget* widget, const QString& path) {
  if (!widget) return QStringLiteral("nothing to save");
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == QLatin1String("svg")) {
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(widget->size());
    svg.setViewBox(widget->rect());
    svg.setTitle(widget->windowTitle());
    QPainter painter;
    if (!painter.begin(&svg)) return QStringLiteral("cannot write ") + path;
    widget->render(&painter);
    painter.end();
    return {};
  }
  const QPixmap pixmap = widget->grab();
  if (pixmap.isNull()) return QStringLiteral("the widget could not be grabbed");
  if (!pixmap.save(path)) return QStringLiteral("cannot write ") + path;
  return {};
}

}  // namespace lreg::views
