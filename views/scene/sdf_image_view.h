#pragma once
// The SDF decoder as images: the true signed distance field on the left, then for each racing
// method its current prediction and its error (prediction - truth), with the zero level sets
// drawn (prediction solid black, truth dashed) and two colour bars (distance, error). Holds
// immutable fields from the session and repaints when given new ones.
#include <QImage>
#include <QMap>
#include <QWidget>
#include <string>
#include <vector>

#include "session/race_session.h"

namespace lreg::views {

class SdfImageView : public QWidget {
  Q_OBJECT

 public:
  explicit SdfImageView(QWidget* parent = nullptr);

  void setTruth(GridFieldPtr truth);  // null: nothing to show
  // Shows the run's latest prediction (runs without one are left out); the order of first
  // appearance is kept.
  void setRun(const RaceRunPtr& run);
  void setMethodOrder(std::vector<std::string> methods);  // row order; others go last
  void clear();

  GridFieldPtr truth() const { return truth_; }
  // The prediction as drawn (at grid resolution, colour-mapped), or a null image.
  QImage predictionImage(const std::string& method) const;
  int predictionStep(const std::string& method) const;  // -1 when none is shown

  QSize sizeHint() const override { return {1100, 360}; }
  QSize minimumSizeHint() const override { return {500, 240}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  struct Shown {
    std::string method;
    SdfPredictionPtr prediction;
    QImage field, error;  // caches for prediction, rendered with the ranges below
    double field_range = -1, error_range = -1;
  };
  double distanceRange() const;
  double errorRange() const;
  void refreshImages();
  void drawPanel(QPainter& p, const QRectF& box, const QString& title, const QImage& image,
                 const GridField* solid, const GridField* dashed) const;
  void drawBar(QPainter& p, const QRectF& box, const QImage& bar, double range,
               const QString& title) const;

  GridFieldPtr truth_;
  QImage truth_image_;
  std::vector<Shown> shown_;
  std::vector<std::string> order_;
  QImage distance_bar_, error_bar_;
};

}  // namespace lreg::views
