#include "scene/mesh2d_edit_tool.h"

#include <QKeyEvent>
#include <QLineF>
#include <QMouseEvent>

#include "scene/mesh2d_view.h"

namespace lreg::views {

namespace {
constexpr double kClickSlop = 4.0;  // pixels a press may wander and still count as a click
}

Mesh2DEditTool::Mesh2DEditTool(Mesh2DView* view) : QObject(view), view_(view) {
  view->installEventFilter(this);
}

void Mesh2DEditTool::setMode(Mode mode) {
  if (mode_ == mode) return;
  mode_ = mode;
  view_->setCursor(mode_ == Mode::Insert ? Qt::CrossCursor : Qt::ArrowCursor);
  Q_EMIT modeChanged(mode_);
}

bool Mesh2DEditTool::eventFilter(QObject* watched, QEvent* event) {
  Q_UNUSED(watched);
  switch (event->type()) {
    case QEvent::MouseButtonPress: {
      auto* e = static_cast<QMouseEvent*>(event);
      if (e->button() == Qt::RightButton) {
        const int v = view_->vertexAt(e->position());
        if (v >= 0 && editable_ && !view_->isCorner(v)) Q_EMIT removeRequested(v);
        return true;
      }
      if (e->button() != Qt::LeftButton) return false;
      press_ = e->position();
      pressed_ = true;
      drag_moved_ = false;
      drag_vertex_ = -1;
      if (mode_ == Mode::Select && editable_ && !(e->modifiers() & Qt::ShiftModifier)) {
        const int v = view_->vertexAt(press_);
        if (v >= 0 && !view_->isCorner(v)) {
          drag_vertex_ = v;  // a vertex under the press: this gesture moves it, not the view
          return true;
        }
      }
      return false;  // the pan tool may drag the view
    }
    case QEvent::MouseMove: {
      auto* e = static_cast<QMouseEvent*>(event);
      if (drag_vertex_ < 0) return false;
      if (!drag_moved_ && QLineF(press_, e->position()).length() < kClickSlop) return true;
      drag_moved_ = true;
      Q_EMIT dragging(drag_vertex_, view_->toModel(e->position()));
      return true;
    }
    case QEvent::MouseButtonRelease: {
      auto* e = static_cast<QMouseEvent*>(event);
      if (e->button() != Qt::LeftButton || !pressed_) return false;
      pressed_ = false;
      if (drag_vertex_ >= 0) {
        const int v = drag_vertex_;
        drag_vertex_ = -1;
        if (drag_moved_) {
          Q_EMIT dragEnded();
          Q_EMIT moveRequested(v, view_->toModel(e->position()));
        } else {
          Q_EMIT vertexClicked(v);
        }
        return true;
      }
      if (QLineF(press_, e->position()).length() < kClickSlop) click(e->position(), e->modifiers());
      return false;  // the pan tool ends its drag
    }
    case QEvent::MouseButtonDblClick:
      // In insert mode a double-click is two insertions, not a view reset.
      return mode_ == Mode::Insert;
    case QEvent::KeyPress: {
      auto* e = static_cast<QKeyEvent*>(event);
      if (e->key() == Qt::Key_Escape && drag_vertex_ >= 0) {
        drag_vertex_ = -1;
        pressed_ = false;
        Q_EMIT dragEnded();
        return true;
      }
      if ((e->key() == Qt::Key_Delete || e->key() == Qt::Key_Backspace) && editable_) {
        const int v = view_->selectedVertex();
        if (v >= 0 && !view_->isCorner(v)) Q_EMIT removeRequested(v);
        return true;
      }
      return false;
    }
    default:
      return false;
  }
}

void Mesh2DEditTool::click(QPointF pixel, Qt::KeyboardModifiers modifiers) {
  const bool insert = mode_ == Mode::Insert || (modifiers & Qt::ShiftModifier);
  if (insert && editable_) {
    if (view_->insideDomain(pixel)) Q_EMIT insertRequested(view_->toModel(pixel));
    return;
  }
  const int v = view_->vertexAt(pixel);
  if (v >= 0) {
    Q_EMIT vertexClicked(v);
    return;
  }
  const int t = view_->triangleAt(pixel);
  if (t >= 0)
    Q_EMIT triangleClicked(t);
  else
    Q_EMIT backgroundClicked();
}

}  // namespace lreg::views
