#include "scene/pan_zoom_tool.h"

#include <QMouseEvent>
#include <QWheelEvent>
#include <QWidget>
#include <cmath>

namespace lreg::views {

PanZoomTool::PanZoomTool(QWidget* target) : QObject(target) {
  target->setMouseTracking(true);
  target->installEventFilter(this);
}

bool PanZoomTool::eventFilter(QObject* watched, QEvent* event) {
  auto* widget = qobject_cast<QWidget*>(watched);
  switch (event->type()) {
    case QEvent::Wheel: {
      auto* e = static_cast<QWheelEvent*>(event);
      const double notches = e->angleDelta().y() / 120.0;
      if (notches == 0) return false;
      const double factor = std::pow(0.85, notches);
      const bool onlyX = e->modifiers() & Qt::ControlModifier;
      const bool onlyY = e->modifiers() & Qt::ShiftModifier;
      Q_EMIT zoomRequested(e->position(), onlyY ? 1.0 : factor, onlyX ? 1.0 : factor);
      return true;
    }
    case QEvent::MouseButtonPress: {
      auto* e = static_cast<QMouseEvent*>(event);
      if (e->button() != Qt::LeftButton) return false;
      dragging_ = true;
      last_ = e->position();
      if (widget) widget->setCursor(Qt::ClosedHandCursor);
      return true;
    }
    case QEvent::MouseMove: {
      auto* e = static_cast<QMouseEvent*>(event);
      if (dragging_) {
        Q_EMIT panRequested(e->position() - last_);
        last_ = e->position();
      }
      Q_EMIT hovered(e->position());
      return true;
    }
    case QEvent::MouseButtonRelease:
      if (dragging_ && widget) widget->unsetCursor();
      dragging_ = false;
      return false;
    case QEvent::MouseButtonDblClick:
      Q_EMIT resetRequested();
      return true;
    case QEvent::Leave:
      Q_EMIT left();
      return false;
    default:
      return false;
  }
}

}  // namespace lreg::views
