// lreg-studio: the LReg Studio desktop application.
#include <QApplication>
#include <QGuiApplication>
#include <QTimer>
#include <cstdio>
#include <cstdlib>

#include "main_window.h"
#include "studio_options.h"

namespace {

// Qt aborts when no platform can be opened; say what to do instead.
bool displayAvailable() {
  if (qEnvironmentVariableIsSet("QT_QPA_PLATFORM")) return true;
  return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
}

}  // namespace

int main(int argc, char** argv) {
  if (!displayAvailable()) {
    std::fprintf(
        stderr,
        "lreg-studio: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
        "Run it under a virtual X server, e.g.\n"
        "  xvfb-run -a -s '-screen 0 1600x1000x24' lreg-studio --demo mrc1d --steps 20 "
        "--screenshot studio.png\n"
        "or headless with QT_QPA_PLATFORM=offscreen (no window, screenshots still work).\n");
    return 2;
  }
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("LRegStudio"));
  QApplication::setApplicationName(QStringLiteral("lreg-studio"));
  QApplication::setApplicationVersion(QStringLiteral("0.1.0"));

  MainWindow window;
  const StudioOptions opt = parseStudioOptions(QApplication::arguments(), window.demoNames());
  if (!opt.error.isEmpty()) {
    std::fprintf(stderr, "lreg-studio: %s\n", qPrintable(opt.error));
    return 2;
  }
  window.resize(opt.size);
  window.show();

  // With a screenshot requested: play the demo (or nothing), save the PNG, exit.
  if (!opt.screenshot.isEmpty()) {
    QObject::connect(&window, &MainWindow::demoFinished, &app, [&] {
      QTimer::singleShot(300, &app, [&] {  // let the last repaint land
        QString error = window.saveScreenshot(opt.screenshot);
        if (error.isEmpty() && !opt.screenshot3d.isEmpty())
          error = window.save3DView(opt.screenshot3d);
        if (!error.isEmpty()) {
          std::fprintf(stderr, "lreg-studio: %s\n", qPrintable(error));
          QApplication::exit(1);
        } else {
          std::fprintf(stderr, "lreg-studio: saved %s\n", qPrintable(opt.screenshot));
          QApplication::exit(0);
        }
      });
    });
    QTimer::singleShot(opt.timeout_s * 1000, &app, [] {
      std::fprintf(stderr, "lreg-studio: the demo did not finish in time\n");
      QApplication::exit(1);
    });
  }
  const QString demo =
      opt.demo.isEmpty() && !window.demoNames().isEmpty() ? window.demoNames().first() : opt.demo;
  QTimer::singleShot(0, &window, [&window, demo, opt] {
    if (demo.isEmpty() ||
        !window.startDemo(demo, opt.demo.isEmpty() && opt.screenshot.isEmpty() ? 0 : opt.steps)) {
      Q_EMIT window.demoFinished();
    }
  });
  return QApplication::exec();
}
