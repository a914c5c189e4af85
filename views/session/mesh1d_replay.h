#pragma once
// The steps of the current Mesh 1D run, kept for replay: every frame the session publishes is
// recorded by its step, so a scrubber can show step k's mesh, fit and marks again. A new run
// (a new setup) starts a new recording. While the latest step is shown the replay follows the
// live run; after scrubbing back it holds the chosen step until moved to the end again.
#include <QObject>
#include <vector>

#include "session/mesh1d_session.h"

namespace lreg::views {

class Mesh1DReplay : public QObject {
  Q_OBJECT

 public:
  explicit Mesh1DReplay(Mesh1DSession* session, QObject* parent = nullptr);

  // Frames recorded for the current run: steps 0 .. count() - 1.
  int count() const { return static_cast<int>(frames_.size()); }
  Mesh1DFramePtr frameAt(int step) const;
  int shownStep() const { return shown_; }
  bool following() const { return shown_ == count() - 1; }
  // Shows step `step` (clamped to the recorded range).
  void show(int step);

 Q_SIGNALS:
  void recorded(int count);                                 // the recording grew or restarted
  void shown(int step, lreg::views::Mesh1DFramePtr frame);  // the frame to draw

 private:
  void record(const Mesh1DFramePtr& frame);

  std::vector<Mesh1DFramePtr> frames_;  // index = step
  int shown_ = -1;
};

}  // namespace lreg::views
