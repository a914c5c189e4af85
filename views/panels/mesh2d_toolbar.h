#pragma once
// The tool bar above the Mesh 2D view: the edit tool's mode (select / insert), undo and redo of
// manual edits, the view's toggles (data points, circumcircles, Voronoi diagram), fit view and,
// for vector-valued sets, which output colours the figures.
#include <QStringList>
#include <QToolBar>

class QAction;
class QComboBox;
class QUndoStack;

namespace lreg::views {

class Mesh2DView;

class Mesh2DToolBar : public QToolBar {
  Q_OBJECT

 public:
  // Undo / redo shortcuts act within shortcutScope (the panel), so that other tabs keep theirs.
  Mesh2DToolBar(Mesh2DView* view, QUndoStack* undo, QWidget* shortcutScope);

  // One entry per output; the chooser shows only for two or more. Selects output 0.
  void setOutputs(const QStringList& names);
  QAction* pointsAction() const { return points_; }
  QAction* circlesAction() const { return circles_; }
  QAction* voronoiAction() const { return voronoi_; }

 Q_SIGNALS:
  void outputChanged(int output);

 private:
  QAction* points_ = nullptr;
  QAction* circles_ = nullptr;
  QAction* voronoi_ = nullptr;
  QComboBox* output_ = nullptr;
  QAction* output_action_ = nullptr;
};

}  // namespace lreg::views
