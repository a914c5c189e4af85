#pragma once
// Live loss chart (Qt Charts): train and test loss of one or more runs against the step, on a
// logarithmic y axis, plus dashed horizontal reference lines (e.g. an equal-DoF baseline).
// Any trainer's lreg::History fits, so runs of different methods can be raced on one chart.
#include <QChartView>
#include <QColor>
#include <QMap>
#include <QString>

#include "lreg/common/history.h"

class QLineSeries;
class QLogValueAxis;
class QValueAxis;

namespace lreg::views {

class LossChart : public QChartView {
  Q_OBJECT

 public:
  explicit LossChart(QWidget* parent = nullptr);

  void setTitle(const QString& title);
  void setLossName(const QString& name);  // y axis title, e.g. "MAE"

  // Adds or replaces the curves of one run: "<run> train" (solid) and "<run> test" (dashed;
  // omitted when the history has no test loss). Invalid colours pick the next pair of the palette.
  void setHistory(const QString& run, const lreg::History& history, QColor trainColor = {},
                  QColor testColor = {});
  void removeRun(const QString& run);
  // A dashed horizontal line across the whole step range; a non-finite value removes it.
  void setReference(const QString& label, double value, QColor color = QColor(110, 110, 110));
  void clear();

  int runCount() const { return static_cast<int>(runs_.size()); }
  int pointCount(const QString& run) const;  // points of the run's train curve

 private:
  struct Run {
    QLineSeries* train = nullptr;
    QLineSeries* test = nullptr;
  };
  QLineSeries* addSeries(const QString& name, const QPen& pen);
  void updateAxes();

  QLogValueAxis* y_ = nullptr;
  QValueAxis* x_ = nullptr;
  QMap<QString, Run> runs_;
  QMap<QString, QLineSeries*> references_;
  QMap<QString, double> reference_values_;
  int palette_next_ = 0;
};

}  // namespace lreg::views
