#include "studio_options.h"

#include <QCommandLineParser>
#include <QSize>

StudioOptions parseStudioOptions(const QStringList& arguments, const QStringList& demoNames) {
  QCommandLineParser p;
  p.setApplicationDescription(QStringLiteral(
      "LReg Studio: watch meshes refine and coarsen, race ANMIN against Adam, launch GPU jobs."));
  p.addHelpOption();
  p.addVersionOption();
  const QCommandLineOption demo(
      QStringLiteral("demo"),
      QStringLiteral("Play a demo: ") + demoNames.join(QStringLiteral(", ")),
      QStringLiteral("name"));
  const QCommandLineOption steps(QStringLiteral("steps"),
                                 QStringLiteral("Demo steps (default 20)."), QStringLiteral("n"),
                                 QStringLiteral("20"));
  const QCommandLineOption shot(QStringLiteral("screenshot"),
                                QStringLiteral("Save a PNG of the main window, then exit."),
                                QStringLiteral("file.png"));
  const QCommandLineOption size(QStringLiteral("size"),
                                QStringLiteral("Window size WxH (default 1500x950)."),
                                QStringLiteral("WxH"), QStringLiteral("1500x950"));
  const QCommandLineOption timeout(
      QStringLiteral("timeout"),
      QStringLiteral("Seconds before a demo run gives up (default 300)."), QStringLiteral("s"),
      QStringLiteral("300"));
  const QCommandLineOption shot3d(
      QStringLiteral("screenshot-3d"),
      QStringLiteral("With --screenshot: also save the panel's 3D view as PNG."),
      QStringLiteral("file.png"));
  p.addOptions({demo, steps, shot, shot3d, size, timeout});
  p.process(arguments);  // --help / --version exit here

  StudioOptions o;
  o.demo = p.value(demo);
  o.screenshot = p.value(shot);
  o.screenshot3d = p.value(shot3d);
  if (!o.screenshot3d.isEmpty() && o.screenshot.isEmpty())
    o.error = QStringLiteral("--screenshot-3d needs --screenshot");
  bool ok = false;
  o.steps = p.value(steps).toInt(&ok);
  if (!ok || o.steps < 0) o.error = QStringLiteral("--steps needs a non-negative integer");
  o.timeout_s = p.value(timeout).toInt(&ok);
  if (!ok || o.timeout_s <= 0) o.error = QStringLiteral("--timeout needs a positive integer");
  const QStringList wh = p.value(size).split(QLatin1Char('x'));
  if (wh.size() == 2 && wh[0].toInt() > 200 && wh[1].toInt() > 200)
    o.size = QSize(wh[0].toInt(), wh[1].toInt());
  else
    o.error = QStringLiteral("--size needs WxH, e.g. 1500x950");
  if (!o.demo.isEmpty() && !demoNames.contains(o.demo))
    o.error = QStringLiteral("unknown demo '") + o.demo + QStringLiteral("' (known: ") +
              demoNames.join(QStringLiteral(", ")) + QStringLiteral(")");
  return o;
}
