#pragma once
// Play / pause / step for a computation on a worker thread. The worker calls pass() before each
// step (an Adam epoch, an MRC step); the GUI thread plays, pauses, lets single steps through
// while paused, or slows playing down to a least interval between steps, so a run that takes a
// tenth of a second can be watched. Trainers' clocks stop between steps, so waiting here never
// counts as training time. Thread-safe.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>

namespace lreg::views {

class StepGate {
 public:
  void play();
  void pause();
  void step();                   // while paused: one more step may pass
  void setInterval(int millis);  // while playing: at least this long between steps (0: none)
  bool paused() const;
  // Blocks until a step may run; false once cancelled() (polled every 50 ms).
  bool pass(const std::function<bool()>& cancelled);

 private:
  using Clock = std::chrono::steady_clock;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool paused_ = false;
  int tokens_ = 0;
  int interval_ms_ = 0;
  Clock::time_point last_{};
};

}  // namespace lreg::views
