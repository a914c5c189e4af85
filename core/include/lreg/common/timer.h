#pragma once
#include <chrono>

namespace lreg {

// Wall-clock stopwatch that can pause, so that "seconds" counts only the fitting work.
class Stopwatch {
 public:
  Stopwatch() : start_(Clock::now()) {}
  void pause() {
    if (running_) {
      accumulated_ += Clock::now() - start_;
      running_ = false;
    }
  }
  void resume() {
    if (!running_) {
      start_ = Clock::now();
      running_ = true;
    }
  }
  double seconds() const {
    auto total = accumulated_;
    if (running_) total += Clock::now() - start_;
    return std::chrono::duration<double>(total).count();
  }

 private:
  using Clock = std::chrono::steady_clock;
  Clock::time_point start_;
  Clock::duration accumulated_{};
  bool running_ = true;
};

}  // namespace lreg
