#include "session/mesh1d_replay.h"

#include <algorithm>

namespace lreg::views {

Mesh1DReplay::Mesh1DReplay(Mesh1DSession* session, QObject* parent) : QObject(parent) {
  connect(session, &Mesh1DSession::changed, this, &Mesh1DReplay::record);
}

Mesh1DFramePtr Mesh1DReplay::frameAt(int step) const {
  if (step < 0 || step >= count()) return {};
  return frames_[static_cast<size_t>(step)];
}

void Mesh1DReplay::record(const Mesh1DFramePtr& frame) {
  if (!frame) return;
  const bool new_run = frames_.empty() || frames_.front()->setup != frame->setup;
  const bool follow = new_run || following();
  if (new_run) {
    frames_.clear();
    shown_ = -1;
  }
  const int step = frame->snapshot.step;
  if (step > count()) return;  // the session publishes every step; a gap cannot be replayed
  frames_.resize(static_cast<size_t>(step));
  frames_.push_back(frame);
  if (shown_ >= count()) shown_ = count() - 1;
  Q_EMIT recorded(count());
  if (follow) show(count() - 1);
}

void Mesh1DReplay::show(int step) {
  if (frames_.empty()) return;
  shown_ = std::clamp(step, 0, count() - 1);
  Q_EMIT shown(shown_, frames_[static_cast<size_t>(shown_)]);
}

}  // namespace lreg::views
