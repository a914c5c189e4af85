#pragma once
#include <QString>

class QWidget;

namespace lreg::views {

// Saves a widget as PNG (raster, device pixel ratio kept) or SVG (vector, through QSvgGenerator),
// chosen by the file suffix. Returns an error message, or an empty string on success.
QString saveWidgetFigure(QWidget* widget, const QString& path);

}  // namespace lreg::views
