#include "lreg/jobs/job_events.h"

namespace lreg {

void JobEvents::emit(const std::string& event, nlohmann::json fields) {
  nlohmann::json j = nlohmann::json::object();
  j["event"] = event;
  for (auto& [k, v] : fields.items()) j[k] = std::move(v);
  // One line, flushed: a killed worker leaves every event it wrote readable.
  (*out_) << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n' << std::flush;
}

}  // namespace lreg
