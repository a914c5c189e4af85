#pragma once
// `--progress`: the machine-readable event stream of a long command, one JSON object per line on
// stderr (stdout keeps the command's own output). The schema is in docs/progress-events.md; the
// studio's out-of-process job backend parses it.
#include <CLI/CLI.hpp>
#include <functional>
#include <iosfwd>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "lreg/common/history.h"
#include "lreg/common/metrics.h"
#include "lreg/common/progress.h"
#include "lreg/common/status.h"

namespace lreg::cli {

// Adds the --progress flag to a subcommand.
void addProgressFlag(CLI::App& cmd, bool& progress);

class ProgressLines {
 public:
  // Disabled: every call does nothing and fn() returns an empty ProgressFn.
  ProgressLines(bool enabled, std::string command, std::ostream& out);
  explicit ProgressLines(bool enabled, std::string command = {});

  bool enabled() const { return enabled_; }
  // {"event":"started","command":...}
  void started() const;
  // A ProgressFn writing {"event":"progress","step","of","seconds", ...} per call; the losses
  // (train_<loss>, test_<loss> and the point's extras) come from history().last() when given.
  // It never cancels.
  ProgressFn fn(std::function<const History&()> history = {}) const;
  // {"event":"warning","message":...}
  void warning(const std::string& message) const;
  // {"event":"finished", ...summary}
  void finished(const nlohmann::json& summary) const;

 private:
  void write(const nlohmann::json& event) const;
  bool enabled_;
  std::string command_;
  std::ostream* out_;
};

// The "finished" event's members: {"status", "steps", "train": metrics, "test": metrics}.
nlohmann::json runSummary(const Status& status, const History& history, const Metrics& train,
                          const Metrics& test);

// Whether a command of this process enabled --progress: main() then reports an error as
// {"event":"failed","message":...,"exit_code":...} too.
bool progressRequested();
void writeFailedEvent(const std::string& message, int exit_code);

}  // namespace lreg::cli
