#pragma once
// The "Run" group of a stepping panel: play/pause, one step, reset and the play speed, with the
// keyboard shortcuts. It only reports what the user asked for; bindRunControls() ties it to a
// session that steps (Mesh1DSession, Mesh2DSession).
#include <QGroupBox>
#include <QObject>

class QLabel;
class QPushButton;
class QSlider;

namespace lreg::views {

class RunControls : public QGroupBox {
  Q_OBJECT

 public:
  explicit RunControls(int stepsPerSecond, QWidget* parent = nullptr);

  double stepsPerSecond() const;
  void setStepsPerSecond(double stepsPerSecond);
  void setPlaying(bool playing);
  void addHint(const QString& text);  // grey text under the speed
  // Space play/pause, Right or N step, R reset: window-wide, but Qt only fires the shortcuts of a
  // visible scope (the panel's tab).
  void addShortcuts(QWidget* scope);

 Q_SIGNALS:
  void playToggled();
  void stepRequested();
  void resetRequested();
  void speedChanged(double stepsPerSecond);

 private:
  QPushButton* play_ = nullptr;
  QSlider* speed_ = nullptr;
  QLabel* speed_label_ = nullptr;
};

// Drives session from run's buttons and shortcuts (scoped to `scope`) and shows its play state.
template <typename Session>
void bindRunControls(RunControls* run, Session* session, QWidget* scope) {
  session->setStepsPerSecond(run->stepsPerSecond());
  QObject::connect(session, &Session::playingChanged, run, &RunControls::setPlaying);
  QObject::connect(run, &RunControls::playToggled, session,
                   [session] { session->isPlaying() ? session->pause() : session->play(); });
  QObject::connect(run, &RunControls::stepRequested, session, &Session::step);
  QObject::connect(run, &RunControls::resetRequested, session, &Session::reset);
  QObject::connect(run, &RunControls::speedChanged, session, &Session::setStepsPerSecond);
  run->addShortcuts(scope);
}

}  // namespace lreg::views
