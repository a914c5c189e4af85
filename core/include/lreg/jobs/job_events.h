#pragma once
// The JSON-lines events a job writes on stdout, one object per line (docs/progress-events.md):
//   {"event": "pretrained", "epochs": E, "val_loss": L, ...}  (table jobs: the frozen classifier)
//   {"event": "started", "job": NAME, "kind": KIND, "device": "cpu", "resumed_from": EPOCH|null}
//   {"event": "progress", "step": S, "of": TOTAL, "epoch": E, "seconds": T, "eta_s": R, ...losses}
//   {"event": "mesh-update", "epoch": E, "update": U}
//   {"event": "checkpoint", "epoch": E, "path": FILE}
//   {"event": "warning", "message": TEXT}
//   {"event": "finished", ...final metrics}  or  {"event": "failed", "message": TEXT, "code": EXIT}
// The last line of a run is always "finished" or "failed". Lines are flushed as written so that a
// reader following the output (the studio, a Slurm output file) sees them at once.
#include <functional>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

namespace lreg {

class JobEvents {
 public:
  explicit JobEvents(std::ostream& out) : out_(&out) {}
  void emit(const std::string& event, nlohmann::json fields = nlohmann::json::object());

 private:
  std::ostream* out_;
};

}  // namespace lreg
