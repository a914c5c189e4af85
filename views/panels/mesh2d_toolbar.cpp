#include "panels/mesh2d_toolbar.h"

#include <QActionGroup>
#include <QComboBox>
#include <QUndoStack>

#include "scene/mesh2d_edit_tool.h"
#include "scene/mesh2d_view.h"

namespace lreg::views {

Mesh2DToolBar::Mesh2DToolBar(Mesh2DView* view, QUndoStack* undo, QWidget* shortcutScope) {
  setToolButtonStyle(Qt::ToolButtonTextOnly);
  setStyleSheet(QStringLiteral("QToolBar { border: none; spacing: 4px; }"));
  Mesh2DEditTool* tool = view->editTool();
  auto* modes = new QActionGroup(this);
  QAction* select = addAction(tr("Select"));
  QAction* insert = addAction(tr("Insert"));
  select->setToolTip(
      tr("Click a vertex or triangle to inspect it, drag a vertex to move it, drag the background "
         "to pan; Shift+click inserts, right-click or Del deletes a vertex (S)"));
  insert->setToolTip(tr("Every click inserts a vertex and refits (I)"));
  select->setShortcut(QKeySequence(Qt::Key_S));
  insert->setShortcut(QKeySequence(Qt::Key_I));
  for (QAction* a : {select, insert}) {
    a->setCheckable(true);
    modes->addAction(a);
  }
  select->setChecked(true);
  connect(select, &QAction::triggered, tool,
          [tool] { tool->setMode(Mesh2DEditTool::Mode::Select); });
  connect(insert, &QAction::triggered, tool,
          [tool] { tool->setMode(Mesh2DEditTool::Mode::Insert); });
  addSeparator();
  QAction* undoAction = undo->createUndoAction(this, tr("Undo"));
  QAction* redoAction = undo->createRedoAction(this, tr("Redo"));
  undoAction->setShortcut(QKeySequence::Undo);
  redoAction->setShortcut(QKeySequence::Redo);
  for (QAction* a : {undoAction, redoAction}) {
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(a);
    shortcutScope->addAction(a);
  }
  addSeparator();
  points_ = addAction(tr("Data points"));
  circles_ = addAction(tr("Circumcircles"));
  voronoi_ = addAction(tr("Voronoi"));
  points_->setToolTip(tr("The training inputs, one dot each"));
  circles_->setToolTip(
      tr("The circumcircle of every triangle: empty of vertices (the Delaunay property)"));
  voronoi_->setToolTip(
      tr("The Voronoi diagram, dual of the triangulation: its vertices are the circumcentres"));
  for (QAction* a : {points_, circles_, voronoi_}) a->setCheckable(true);
  points_->setChecked(view->showPoints());
  connect(points_, &QAction::toggled, view, &Mesh2DView::setShowPoints);
  connect(circles_, &QAction::toggled, view, &Mesh2DView::setShowCircumcircles);
  connect(voronoi_, &QAction::toggled, view, &Mesh2DView::setShowVoronoi);
  addSeparator();
  addAction(tr("Fit view"), view, &Mesh2DView::resetView)
      ->setToolTip(tr("Show the whole domain (double-click)"));
  output_ = new QComboBox;
  output_->setToolTip(tr("The output that colours the mesh and the 3D surface"));
  output_action_ = addWidget(output_);
  output_action_->setVisible(false);
  connect(output_, &QComboBox::currentIndexChanged, this, [this](int i) {
    if (i >= 0) Q_EMIT outputChanged(i);
  });
}

void Mesh2DToolBar::setOutputs(const QStringList& names) {
  output_action_->setVisible(names.size() > 1);
  QStringList current;
  for (int i = 0; i < output_->count(); ++i) current << output_->itemText(i);
  if (current == names) return;  // the same set of outputs: keep the user's choice
  const QSignalBlocker block(output_);
  output_->clear();
  output_->addItems(names);
  output_->setCurrentIndex(0);
  Q_EMIT outputChanged(0);
}

}  // namespace lreg::views
