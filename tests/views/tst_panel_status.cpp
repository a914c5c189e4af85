// The window's status bar shows only the message of the panel on screen (PanelStatusRouter).
#include <QStatusBar>
#include <QTabWidget>
#include <QTest>

#include "panels/panel.h"
#include "panels/panel_status.h"

using namespace lreg::views;

namespace {

class FakePanel : public Panel {
 public:
  using Panel::Panel;
  QString title() const override { return QStringLiteral("fake"); }
  QString demoName() const override { return QStringLiteral("fake"); }
  void startDemo(int) override {}
  void say(const QString& text) { Q_EMIT statusMessage(text); }
};

}  // namespace

class TestPanelStatus : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void statusBarClearsOnPanelSwitch() {
    QTabWidget tabs;
    QStatusBar bar;
    auto* mesh = new FakePanel;
    auto* anmin = new FakePanel;
    tabs.addTab(mesh, QStringLiteral("mesh"));
    tabs.addTab(anmin, QStringLiteral("anmin"));
    PanelStatusRouter router(&tabs, &bar);
    router.addPanel(mesh);
    router.addPanel(anmin);

    mesh->say(QStringLiteral("MRC step 30 of 30"));
    QCOMPARE(bar.currentMessage(), QStringLiteral("MRC step 30 of 30"));
    tabs.setCurrentWidget(anmin);
    QCOMPARE(bar.currentMessage(), QString());       // the other panel's message is gone
    mesh->say(QStringLiteral("MRC step 31 of 30"));  // from the background: not shown
    QCOMPARE(bar.currentMessage(), QString());
    anmin->say(QStringLiteral("Racing on b1"));
    QCOMPARE(bar.currentMessage(), QStringLiteral("Racing on b1"));
    tabs.setCurrentWidget(mesh);  // back: its own latest message
    QCOMPARE(bar.currentMessage(), QStringLiteral("MRC step 31 of 30"));
    QCOMPARE(router.lastMessage(anmin), QStringLiteral("Racing on b1"));
  }
};

QTEST_MAIN(TestPanelStatus)
#include "tst_panel_status.moc"
