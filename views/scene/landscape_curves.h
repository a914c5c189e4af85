#pragma once
// The 1D cuts of the landscape on t in [0, 1]: the loss from the initial to the final parameters
// of the MLP, and (one hidden layer) from the MLP to its MRC-improved LReg written as a ReLU net
// of the same width, whose peak above the ends is the barrier between the two.
#include <QWidget>

#include "session/local_global_work.h"

namespace lreg::views {

class LandscapeCurves : public QWidget {
  Q_OBJECT

 public:
  explicit LandscapeCurves(QWidget* parent = nullptr);

  void setLandscape(const LocalGlobalLandscapePtr& landscape);
  int curveCount() const;
  QSize sizeHint() const override { return {420, 300}; }

 protected:
  void paintEvent(QPaintEvent*) override;

 private:
  LocalGlobalLandscapePtr landscape_;
};

}  // namespace lreg::views
