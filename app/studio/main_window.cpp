#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QFileDialog>
#include <QKeySequence>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

#include "panels/anmin_panel.h"
#include "panels/experiments_panel.h"
#include "panels/jobs_panel.h"
#include "panels/local_global_panel.h"
#include "panels/mesh1d_panel.h"
#include "panels/mesh2d_panel.h"
#include "panels/minima_panel.h"
#include "panels/panel.h"
#include "panels/panel_status.h"
#include "session/session_file.h"
#include "util/figure_export.h"

using lreg::views::Panel;

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      tabs_(new QTabWidget(this)),
      status_(new lreg::views::PanelStatusRouter(tabs_, statusBar(), this)) {
  setWindowTitle(QStringLiteral("LReg Studio"));
  setWindowIcon(QIcon(QStringLiteral(":/icons/lreg-studio.svg")));
  tabs_->setDocumentMode(true);
  setCentralWidget(tabs_);
  createMenus();
  addPanel(new lreg::views::Mesh1DPanel);
  addPanel(new lreg::views::Mesh2DPanel);
  addPanel(new lreg::views::AnminPanel);
  addPanel(new lreg::views::MinimaPanel);
  addPanel(new lreg::views::LocalGlobalPanel);
  addPanel(new lreg::views::JobsPanel);
  addPanel(new lreg::views::ExperimentsPanel);
  restoreSettings();
  statusBar()->showMessage(tr("Ready"));
}

MainWindow::~MainWindow() = default;

void MainWindow::addPanel(Panel* panel) {
  panels_.push_back(panel);
  tabs_->addTab(panel, panel->title());
  status_->addPanel(panel);  // the bar shows only the message of the panel on screen
  connect(panel, &Panel::demoFinished, this, &MainWindow::demoFinished);
}

Panel* MainWindow::currentPanel() const { return qobject_cast<Panel*>(tabs_->currentWidget()); }

QStringList MainWindow::demoNames() const {
  QStringList names;
  for (const Panel* p : panels_) names << p->demoName();
  return names;
}

bool MainWindow::startDemo(const QString& name, int steps) {
  for (Panel* p : panels_) {
    if (p->demoName() != name) continue;
    tabs_->setCurrentWidget(p);
    p->startDemo(steps);
    return true;
  }
  return false;
}

QString MainWindow::saveScreenshot(const QString& path) {
  return lreg::views::saveWidgetFigure(this, path);
}

QString MainWindow::save3DView(const QString& path) {
  Panel* p = currentPanel();
  return p ? p->save3DView(path) : tr("No panel is shown.");
}

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* figure =
      file->addAction(tr("Export &figure (PNG/SVG)..."), this, &MainWindow::exportFigure);
  figure->setShortcut(QKeySequence(tr("Ctrl+E")));
  QAction* data = file->addAction(tr("Export &data (CSV)..."), this, &MainWindow::exportData);
  data->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
  QAction* shot =
      file->addAction(tr("Save &screenshot..."), this, &MainWindow::saveScreenshotInteractive);
  shot->setShortcut(QKeySequence(tr("Ctrl+Shift+S")));
  file->addSeparator();
  QAction* open =
      file->addAction(tr("&Open session..."), this, &MainWindow::openSessionInteractive);
  open->setShortcut(QKeySequence::Open);
  QAction* save =
      file->addAction(tr("Sa&ve session..."), this, &MainWindow::saveSessionInteractive);
  save->setShortcut(QKeySequence::Save);
  file->addAction(tr("Copy as &command"), this, &MainWindow::copyCommand);
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  QAction* next = view->addAction(tr("&Next panel"), this, [this] {
    tabs_->setCurrentIndex((tabs_->currentIndex() + 1) % qMax(1, tabs_->count()));
  });
  next->setShortcut(QKeySequence(tr("Ctrl+Tab")));

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About LReg Studio"), this, [this] {
    QMessageBox::about(
        this, tr("About LReg Studio"),
        tr("<b>LReg Studio</b><p>Why gradient-trained networks stop in local minima, "
           "and how discrete (mesh refinement-coarsening) and analytic (ANMIN) "
           "training reach deeper ones.</p>"));
  });
}

void MainWindow::exportFigure() {
  Panel* p = currentPanel();
  if (!p) return;
  const QString path = QFileDialog::getSaveFileName(this, tr("Export figure"), QString(),
                                                    tr("PNG image (*.png);;SVG drawing (*.svg)"));
  if (path.isEmpty()) return;
  const QString error = lreg::views::saveWidgetFigure(p->figureWidget(), path);
  if (!error.isEmpty())
    QMessageBox::warning(this, tr("Export figure"), error);
  else
    statusBar()->showMessage(tr("Saved %1").arg(path));
}

void MainWindow::exportData() {
  Panel* p = currentPanel();
  if (!p) return;
  const QString path =
      QFileDialog::getSaveFileName(this, tr("Export data"), QString(), tr("CSV (*.csv)"));
  if (path.isEmpty()) return;
  const QString error = p->exportData(path);
  if (!error.isEmpty())
    QMessageBox::warning(this, tr("Export data"), error);
  else
    statusBar()->showMessage(tr("Saved %1").arg(path));
}

void MainWindow::saveScreenshotInteractive() {
  const QString path =
      QFileDialog::getSaveFileName(this, tr("Save screenshot"), QString(), tr("PNG image (*.png)"));
  if (path.isEmpty()) return;
  const QString error = saveScreenshot(path);
  if (!error.isEmpty()) QMessageBox::warning(this, tr("Save screenshot"), error);
}

QString MainWindow::saveSession(const QString& path) {
  Panel* p = currentPanel();
  if (!p) return tr("No panel is shown.");
  const nlohmann::json state = p->sessionState();
  if (state.is_null()) return tr("%1 has no run to save yet.").arg(p->title());
  try {
    lreg::views::writeSessionFile(path, {p->demoName(), state});
  } catch (const std::exception& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

QString MainWindow::openSession(const QString& path) {
  lreg::views::SessionDocument d;
  try {
    d = lreg::views::readSessionFile(path);
  } catch (const std::exception& e) {
    return QString::fromStdString(e.what());
  }
  for (Panel* p : panels_) {
    if (p->demoName() != d.panel) continue;
    const QString error = p->openSessionState(d.state);
    if (!error.isEmpty()) return tr("%1: %2").arg(path, error);
    tabs_->setCurrentWidget(p);
    return {};
  }
  return tr("%1: no panel '%2' in this build").arg(path, d.panel);
}

void MainWindow::saveSessionInteractive() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Save session"), QString(),
                                                    tr("LReg session (*.lreg.json *.json)"));
  if (path.isEmpty()) return;
  const QString error = saveSession(path);
  if (!error.isEmpty())
    QMessageBox::warning(this, tr("Save session"), error);
  else
    statusBar()->showMessage(tr("Saved %1").arg(path));
}

void MainWindow::openSessionInteractive() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open session"), QString(),
                                                    tr("LReg session (*.lreg.json *.json)"));
  if (path.isEmpty()) return;
  const QString error = openSession(path);
  if (!error.isEmpty()) QMessageBox::warning(this, tr("Open session"), error);
}

void MainWindow::copyCommand() {
  Panel* p = currentPanel();
  const QString command = p ? p->commandLine() : QString();
  if (command.isEmpty()) {
    statusBar()->showMessage(tr("This panel has no run to copy as a command."));
    return;
  }
  QApplication::clipboard()->setText(command);
  statusBar()->showMessage(tr("Copied: %1").arg(command));
}

void MainWindow::restoreSettings() {
  QSettings s;
  restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
  for (Panel* p : panels_) {
    s.beginGroup(p->demoName());
    p->loadSettings(s);
    s.endGroup();
  }
  tabs_->setCurrentIndex(s.value(QStringLiteral("window/tab"), 0).toInt());
}

void MainWindow::closeEvent(QCloseEvent* event) {
  for (Panel* p : panels_) {
    auto* jobs = qobject_cast<lreg::views::JobsPanel*>(p);
    auto* experiments = qobject_cast<lreg::views::ExperimentsPanel*>(p);
    // Local jobs or an experiment running: the user decides.
    if ((jobs && !jobs->confirmClose(this)) || (experiments && !experiments->confirmClose(this))) {
      event->ignore();
      return;
    }
  }
  QSettings s;
  s.setValue(QStringLiteral("window/geometry"), saveGeometry());
  s.setValue(QStringLiteral("window/tab"), tabs_->currentIndex());
  for (Panel* p : panels_) {
    s.beginGroup(p->demoName());
    p->saveSettings(s);
    s.endGroup();
  }
  event->accept();
}
