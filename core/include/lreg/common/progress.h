#pragma once
// Progress reporting shared by every long computation. The callback returns false to cancel;
// the GUI adapts it to signals, the CLI to JSON lines, tests to assertions.
#include <functional>
#include <string>

namespace lreg {

struct Progress {
  int step = 0;        // completed units of work
  int total = 0;       // 0 when unknown
  double seconds = 0;  // elapsed time of the computation
  std::string message;
};

using ProgressFn = std::function<bool(const Progress&)>;

inline bool report(const ProgressFn& fn, const Progress& p) { return !fn || fn(p); }

}  // namespace lreg
