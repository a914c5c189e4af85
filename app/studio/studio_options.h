#pragma once
#include <QSize>
#include <QString>
#include <QStringList>

// Command line of lreg-studio, parsed before the window exists.
struct StudioOptions {
  QString demo;          // panel demo to play: mrc1d, ...
  int steps = 20;        // demo steps before the screenshot
  QString screenshot;    // save a PNG of the main window and exit
  QString screenshot3d;  // with --screenshot: also the current panel's 3D view
  QString tab;           // open on this panel
  QSize size{1500, 950};
  int timeout_s = 300;  // give up a demo/screenshot run after this long
  QString error;        // non-empty when the command line is wrong
};

StudioOptions parseStudioOptions(const QStringList& arguments, const QStringList& demoNames);
