#pragma once
// The table of enumerated minima beside the fit plot: one row per minimum (global first) with its
// colour, loss, kind, dimension, once basins were run the share of random starts that reached it
// per trainer (a column each: lbfgs, adam, sgd, anmin, anmin+lbfgs), its certificate and
// parameters. writeCsv() exports the same rows.
#include <QTableWidget>

#include "session/minima_session.h"

namespace lreg::views {

class MinimaTable : public QTableWidget {
  Q_OBJECT

 public:
  explicit MinimaTable(QWidget* parent = nullptr);
  void setFrame(const MinimaFramePtr& frame);
  // Returns an error message, or empty on success.
  QString writeCsv(const QString& path) const;

 private:
  MinimaFramePtr frame_;
};

}  // namespace lreg::views
