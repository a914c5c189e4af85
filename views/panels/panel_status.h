#pragma once
// Routes the panels' statusMessage() to the window's status bar so that the bar only ever shows
// the message of the panel on screen: a background panel's message is kept for it and shown when
// its tab comes back; switching tabs replaces (or clears) the text.
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

class QStatusBar;
class QTabWidget;

namespace lreg::views {

class Panel;

class PanelStatusRouter : public QObject {
  Q_OBJECT

 public:
  PanelStatusRouter(QTabWidget* tabs, QStatusBar* bar, QObject* parent = nullptr);

  // Call for each panel added to `tabs`.
  void addPanel(Panel* panel);
  // The last message `panel` sent (empty if none).
  QString lastMessage(const Panel* panel) const { return last_.value(panel); }

 private:
  void show(Panel* panel, const QString& text);
  void currentChanged();

  QPointer<QTabWidget> tabs_;
  QPointer<QStatusBar> bar_;
  QHash<const Panel*, QString> last_;
};

}  // namespace lreg::views
