#include "session/step_gate.h"

#include <algorithm>

namespace lreg::views {

namespace {
constexpr std::chrono::milliseconds kPoll(50);
}

void StepGate::play() {
  {
    std::lock_guard lock(mutex_);
    paused_ = false;
  }
  wake_.notify_all();
}

void StepGate::pause() {
  std::lock_guard lock(mutex_);
  paused_ = true;
  tokens_ = 0;
}

void StepGate::step() {
  {
    std::lock_guard lock(mutex_);
    paused_ = true;
    ++tokens_;
  }
  wake_.notify_all();
}

void StepGate::setInterval(int millis) {
  {
    std::lock_guard lock(mutex_);
    interval_ms_ = std::max(0, millis);
  }
  wake_.notify_all();
}

bool StepGate::paused() const {
  std::lock_guard lock(mutex_);
  return paused_;
}

bool StepGate::pass(const std::function<bool()>& cancelled) {
  std::unique_lock lock(mutex_);
  while (true) {
    if (cancelled()) return false;
    if (paused_) {
      if (tokens_ > 0) {
        --tokens_;
        last_ = Clock::now();
        return true;
      }
      wake_.wait_for(lock, kPoll);
      continue;
    }
    const Clock::time_point due = last_ + std::chrono::milliseconds(interval_ms_);
    const Clock::time_point now = Clock::now();
    if (now >= due) {
      last_ = now;
      return true;
    }
    wake_.wait_until(lock, std::min(due, now + kPoll));
  }
}

}  // namespace lreg::views
