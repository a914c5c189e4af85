#include "panels/panel_status.h"

#include <QStatusBar>
#include <QTabWidget>

#include "panels/panel.h"

namespace lreg::views {

PanelStatusRouter::PanelStatusRouter(QTabWidget* tabs, QStatusBar* bar, QObject* parent)
    : QObject(parent), tabs_(tabs), bar_(bar) {
  connect(tabs, &QTabWidget::currentChanged, this, &PanelStatusRouter::currentChanged);
}

void PanelStatusRouter::addPanel(Panel* panel) {
  connect(panel, &Panel::statusMessage, this,
          [this, panel](const QString& text) { show(panel, text); });
  connect(panel, &QObject::destroyed, this, [this, panel] { last_.remove(panel); });
}

void PanelStatusRouter::show(Panel* panel, const QString& text) {
  last_.insert(panel, text);
  if (tabs_ && bar_ && tabs_->currentWidget() == panel) bar_->showMessage(text);
}

void PanelStatusRouter::currentChanged() {
  if (!tabs_ || !bar_) return;
  const auto* panel = qobject_cast<const Panel*>(tabs_->currentWidget());
  const QString text = panel ? last_.value(panel) : QString();
  if (text.isEmpty())
    bar_->clearMessage();
  else
    bar_->showMessage(text);
}

}  // namespace lreg::views
