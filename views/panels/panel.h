#pragma once
// A top-level page of the studio (one tab). MainWindow only wires panels together; each panel
// owns its session (the core model and its worker) and its views.
#include <QSettings>
#include <QString>
#include <QWidget>
#include <nlohmann/json.hpp>

namespace lreg::views {

class Panel : public QWidget {
  Q_OBJECT

 public:
  using QWidget::QWidget;

  virtual QString title() const = 0;
  // Name used by `lreg-studio --demo NAME` (e.g. "mrc1d").
  virtual QString demoName() const = 0;
  // Plays `steps` steps of the embedded demo without user input, then emits demoFinished().
  virtual void startDemo(int steps) = 0;
  // The widget that File > Export figure saves (PNG or SVG).
  virtual QWidget* figureWidget() { return this; }
  // Writes the data behind the current figure as CSV; returns an error message or empty.
  virtual QString exportData(const QString& path) {
    Q_UNUSED(path);
    return tr("This panel has no data to export.");
  }
  // Saves the panel's 3D view as PNG, rendered offscreen by OpenGL; returns an error or empty.
  virtual QString save3DView(const QString& path) {
    Q_UNUSED(path);
    return tr("This panel has no 3D view.");
  }
  // Reproducible sessions (File > Save session / Open session, Copy as command). The state as a
  // session document's "state" (session/session_file.h); null when there is nothing to save.
  virtual nlohmann::json sessionState() const { return nullptr; }
  // Restores a state written by sessionState() and replays its run; on a bad state returns the
  // error and changes nothing.
  virtual QString openSessionState(const nlohmann::json& state) {
    Q_UNUSED(state);
    return tr("This panel has no session to open.");
  }
  // The `lreg` command line that reproduces the current run; empty when there is none.
  virtual QString commandLine() const { return {}; }
  virtual void saveSettings(QSettings& settings) const { Q_UNUSED(settings); }
  virtual void loadSettings(QSettings& settings) { Q_UNUSED(settings); }

 Q_SIGNALS:
  void demoFinished();
  void statusMessage(const QString& text);
};

}  // namespace lreg::views
