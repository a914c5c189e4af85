#pragma once
#include <QMainWindow>
#include <QVector>

class QTabWidget;

namespace lreg::views {
class Panel;
class PanelStatusRouter;
}  // namespace lreg::views

// Wires the panels into tabs, menus and the status bar. No computation lives here.
class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  QStringList demoNames() const;
  // Shows the panel whose demo this is and plays it; emits demoFinished() when done.
  bool startDemo(const QString& name, int steps);
  QString saveScreenshot(const QString& path);
  // The current panel's 3D view, rendered offscreen (a grab of a GL window is blank).
  QString save3DView(const QString& path);
  // File > Save session / Open session on the current panel (open: the panel the file names);
  // return an error message or empty. A bad file changes nothing.
  QString saveSession(const QString& path);
  QString openSession(const QString& path);

 Q_SIGNALS:
  void demoFinished();

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void addPanel(lreg::views::Panel* panel);
  void createMenus();
  lreg::views::Panel* currentPanel() const;
  void exportFigure();
  void exportData();
  void saveScreenshotInteractive();
  void saveSessionInteractive();
  void openSessionInteractive();
  void copyCommand();
  void restoreSettings();

  QTabWidget* tabs_ = nullptr;
  lreg::views::PanelStatusRouter* status_ = nullptr;
  QVector<lreg::views::Panel*> panels_;
};
