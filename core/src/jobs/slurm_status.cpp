#include "lreg/jobs/slurm_status.h"

#include <cctype>
#include <sstream>

#include "lreg/common/status.h"

namespace lreg {

const char* toString(SlurmState s) {
  switch (s) {
    case SlurmState::Pending:
      return "pending";
    case SlurmState::Running:
      return "running";
    case SlurmState::Completed:
      return "completed";
    case SlurmState::Failed:
      return "failed";
    case SlurmState::Cancelled:
      return "cancelled";
    case SlurmState::Timeout:
      return "timeout";
    case SlurmState::NodeFail:
      return "node failure";
    case SlurmState::Unknown:
      break;
  }
  return "unknown";
}

SlurmState slurmStateFromText(const std::string& text) {
  std::string word;
  for (const char c : text) {
    if (!std::isupper(static_cast<unsigned char>(c)) && c != '_') break;
    word += c;
  }
  if (word == "PENDING" || word == "CONFIGURING" || word == "REQUEUED" || word == "REQUEUE_FED" ||
      word == "REQUEUE_HOLD" || word == "RESIZING" || word == "SUSPENDED" ||
      word == "RESV_DEL_HOLD")
    return SlurmState::Pending;
  if (word == "RUNNING" || word == "COMPLETING" || word == "STAGE_OUT" || word == "SIGNALING")
    return SlurmState::Running;
  if (word == "COMPLETED") return SlurmState::Completed;
  if (word == "FAILED" || word == "BOOT_FAIL" || word == "DEADLINE" || word == "OUT_OF_MEMORY" ||
      word == "PREEMPTED" || word == "SPECIAL_EXIT" || word == "REVOKED")
    return SlurmState::Failed;
  if (word == "CANCELLED") return SlurmState::Cancelled;
  if (word == "TIMEOUT") return SlurmState::Timeout;
  if (word == "NODE_FAIL") return SlurmState::NodeFail;
  return SlurmState::Unknown;
}

bool isTerminal(SlurmState s) {
  return s != SlurmState::Pending && s != SlurmState::Running && s != SlurmState::Unknown;
}

std::string parseSbatchJobId(const std::string& output) {
  std::istringstream in(output);
  for (std::string line; std::getline(in, line);) {
    const std::string id = line.substr(0, line.find(';'));  // "ID;CLUSTER" on federations
    size_t digits = 0;
    while (digits < id.size() && std::isdigit(static_cast<unsigned char>(id[digits]))) ++digits;
    if (digits > 0 && id.find_first_not_of(" \t\r", digits) == std::string::npos)
      return id.substr(0, digits);
  }
  std::string quoted = output;
  while (!quoted.empty() && std::isspace(static_cast<unsigned char>(quoted.back())))
    quoted.pop_back();
  throw InputError("sbatch printed no job id" + (quoted.empty() ? std::string() : ": " + quoted));
}

SlurmJobInfo parseScontrolShowJob(const std::string& output) {
  SlurmJobInfo info;
  std::istringstream in(output);
  std::string last_key;
  bool started = false;
  for (std::string line; std::getline(in, line);) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) {
      if (started) break;  // the first record only (arrays print one per task)
      continue;
    }
    std::istringstream words(line);
    for (std::string w; words >> w;) {
      const size_t eq = w.find('=');
      if (eq == std::string::npos || eq == 0) {
        // A value with blanks (Reason=launch failed ...): belongs to the key before it.
        if (!last_key.empty()) info.fields[last_key] += " " + w;
        continue;
      }
      last_key = w.substr(0, eq);
      info.fields[last_key] = w.substr(eq + 1);
      started = true;
    }
  }
  const auto get = [&](const char* key) {
    const auto it = info.fields.find(key);
    return it == info.fields.end() ? std::string() : it->second;
  };
  info.job_id = get("JobId");
  info.found = !info.job_id.empty();
  if (!info.found) return info;
  info.state_text = get("JobState");
  info.state = slurmStateFromText(info.state_text);
  info.reason = get("Reason");
  const std::string exit = get("ExitCode");
  const size_t colon = exit.find(':');
  try {
    if (!exit.empty()) info.exit_code = std::stoi(exit.substr(0, colon));
    if (colon != std::string::npos) info.exit_signal = std::stoi(exit.substr(colon + 1));
  } catch (const std::exception&) {
    info.exit_code = info.exit_signal = 0;  // a format this parser does not know: no code
  }
  return info;
}

}  // namespace lreg
