#pragma once
// Live loss chart (Qt Charts): train and test loss of one or more runs against the step, on a
// logarithmic y axis, plus dashed horizontal reference lines (e.g. an equal-DoF baseline).
// Any trainer's lreg::History fits, so runs of different methods can be raced on one chart.
// The x axis may show cumulative seconds instead of steps, either axis may be logarithmic, and
// the two curves per run may show other history quantities (an extra key such as "logdet").
#include <QChartView>
#include <QColor>
#include <QMap>
#include <QString>
#include <limits>

#include "lreg/common/history.h"

class QAbstractAxis;
class QLineSeries;
class QLogValueAxis;
class QValueAxis;

namespace lreg::views {

class LossChart : public QChartView {
  Q_OBJECT

 public:
  enum class XQuantity { Step, Seconds };
  // What one curve of a run plots: "train_loss", "test_loss" or a HistoryPoint::extra key, and
  // the suffix its legend entry gets after the run name.
  struct Quantity {
    QString key;
    QString suffix;
  };

  explicit LossChart(QWidget* parent = nullptr);

  void setTitle(const QString& title);
  void setLossName(const QString& name);  // y axis title, e.g. "MAE" (" (log)" added on log axes)
  // Step (default) or cumulative training seconds on x, linear (default) or logarithmic. On a
  // log axis points at x <= 0 (the initial model) are left out. Resets the axis title.
  void setXAxis(XQuantity quantity, bool log = false);
  void setXTitle(const QString& title);  // instead of "step" / "seconds"
  void setLogY(bool log);                // default true; on a log axis losses are floored at 1e-12
  // Restricts a linear y axis to at most [lo, hi] (NaN: free); e.g. R^2 below 0 is off the chart.
  void setYClamp(double lo, double hi);
  // The two curves of every run (default train loss solid, test loss). Set before adding runs.
  // An empty second key draws one curve per run.
  void setQuantities(const Quantity& first, const Quantity& second);
  void setSecondPenStyle(Qt::PenStyle style);  // default solid, in the second palette colour

  // Adds or replaces the curves of one run: "<run> train" (solid) and "<run> test" (omitted when
  // the history has no test loss). Invalid colours pick the next pair of the palette.
  void setHistory(const QString& run, const lreg::History& history, QColor trainColor = {},
                  QColor testColor = {});
  void removeRun(const QString& run);
  // A dashed horizontal line across the whole x range; a non-finite value removes it.
  void setReference(const QString& label, double value, QColor color = QColor(110, 110, 110));
  void clear();

  int runCount() const { return static_cast<int>(runs_.size()); }
  int pointCount(const QString& run) const;  // points of the run's first (train) curve

 private:
  struct Run {
    QLineSeries* train = nullptr;
    QLineSeries* test = nullptr;
    lreg::History history;  // kept so that a change of axis can re-plot it
  };
  QLineSeries* addSeries(const QString& name, const QPen& pen);
  QList<QPointF> toPoints(const lreg::History& h, const QString& key) const;
  void replot(Run& run);
  void rebuildAxes();
  void updateAxes();

  QAbstractAxis* x_ = nullptr;
  QAbstractAxis* y_ = nullptr;
  XQuantity x_quantity_ = XQuantity::Step;
  bool log_x_ = false, log_y_ = true;
  double clamp_lo_ = std::numeric_limits<double>::quiet_NaN();
  double clamp_hi_ = std::numeric_limits<double>::quiet_NaN();
  QString x_title_, loss_name_;
  Quantity first_, second_;
  Qt::PenStyle second_style_ = Qt::SolidLine;
  QMap<QString, Run> runs_;
  QMap<QString, QLineSeries*> references_;
  QMap<QString, double> reference_values_;
  int palette_next_ = 0;
};

}  // namespace lreg::views
