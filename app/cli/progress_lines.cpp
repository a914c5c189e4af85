#include "progress_lines.h"

#include <iostream>
#include <nlohmann/json.hpp>
#include <utility>

#include "lreg/common/json.h"

namespace lreg::cli {

namespace {
bool g_requested = false;  // set while parsing the one command that runs
}

void addProgressFlag(CLI::App& cmd, bool& progress) {
  // Noted at parse time, so that an error before the run (bad input) is an event too.
  cmd.add_flag_callback(
      "--progress",
      [&progress] {
        progress = true;
        g_requested = true;
      },
      "Write one JSON event per line on stderr (started, progress, warning, finished, failed; "
      "see docs/progress-events.md)");
}

ProgressLines::ProgressLines(bool enabled, std::string command, std::ostream& out)
    : enabled_(enabled), command_(std::move(command)), out_(&out) {}

ProgressLines::ProgressLines(bool enabled, std::string command)
    : ProgressLines(enabled, std::move(command), std::cerr) {}

void ProgressLines::write(const nlohmann::json& event) const {
  if (!enabled_) return;
  // One line per event, flushed so a reading parent sees it when it happens.
  *out_ << event.dump() << std::endl;
}

void ProgressLines::started() const { write({{"event", "started"}, {"command", command_}}); }

ProgressFn ProgressLines::fn(std::function<const History&()> history) const {
  if (!enabled_) return {};
  return [this, history = std::move(history)](const Progress& p) {
    nlohmann::json e{{"event", "progress"},
                     {"step", p.step},
                     {"of", p.total},
                     {"seconds", finiteOrNull(p.seconds)}};
    if (history) {
      const History& h = history();
      if (!h.empty()) {
        nlohmann::json point = toJson(h.last(), h.loss);
        point.erase("step");  // the loop's step and time are the event's
        point.erase("seconds");
        e.update(point);
      }
    }
    if (!p.message.empty()) e["message"] = p.message;
    write(e);
    return true;
  };
}

void ProgressLines::warning(const std::string& message) const {
  write({{"event", "warning"}, {"message", message}});
}

void ProgressLines::finished(const nlohmann::json& summary) const {
  nlohmann::json e{{"event", "finished"}, {"command", command_}};
  e.update(summary);
  write(e);
}

nlohmann::json runSummary(const Status& status, const History& history, const Metrics& train,
                          const Metrics& test) {
  return {{"status", toString(status.code)},
          {"steps", history.empty() ? 0 : history.last().step},
          {"train", toJson(train)},
          {"test", toJson(test)}};
}

bool progressRequested() { return g_requested; }

void writeFailedEvent(const std::string& message, int exit_code) {
  std::cerr
      << nlohmann::json{{"event", "failed"}, {"message", message}, {"exit_code", exit_code}}.dump()
      << std::endl;
}

}  // namespace lreg::cli
