#pragma once
// An experiment's figure (lreg::ReproFigure, data only) drawn with Qt Charts: a line, point or
// line-and-point series per ReproSeries, log axes (QLogValueAxis, decades) where the figure asks
// for them, error bars as I-shaped marks in the series' colour, and a legend of the series only.
// Points a log axis cannot show (<= 0) and NaNs are left out and counted.
#include <QChartView>
#include <QString>
#include <QStringList>

#include "lreg/experiments/repro.h"

class QChart;
class QXYSeries;

namespace lreg::views {

// Property set on the series that draw error bars (not data, no legend entry).
inline constexpr const char* kErrorBarProperty = "lregErrorBar";

// A new chart of f; dropped, when given, gets the count of points left out.
QChart* buildReproChart(const ReproFigure& f, int* dropped = nullptr);

// The data series of a chart built above, in the figure's order (error bars skipped).
QList<QXYSeries*> dataSeries(const QChart* chart);

// Renders f offscreen at size and saves it as PNG or SVG (by suffix); returns an error or empty.
QString saveReproFigure(const ReproFigure& f, const QString& path, QSize size = {900, 600});

// A chart view that shows one figure at a time.
class ReproChartView : public QChartView {
  Q_OBJECT

 public:
  explicit ReproChartView(QWidget* parent = nullptr);
  void setFigure(const ReproFigure* f);  // nullptr: an empty chart with a hint
  int droppedPoints() const { return dropped_; }

 private:
  int dropped_ = 0;
};

}  // namespace lreg::views
