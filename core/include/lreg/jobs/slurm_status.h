#pragma once
// What Slurm's text output says about a job: the job id printed by `sbatch --parsable`, and the
// record printed by `scontrol show job ID` (which, unlike squeue, also holds the exit code and
// the reason of a job that just ended). Parsed from the text of Slurm 22.05 (Debian 12),
// tolerating fields that newer versions add or reorder; `--json` is avoided because its schema
// differs across versions.
#include <map>
#include <string>

namespace lreg {

enum class SlurmState {
  Pending,    // PENDING, CONFIGURING, REQUEUED, RESIZING, SUSPENDED
  Running,    // RUNNING, COMPLETING, STAGE_OUT
  Completed,  // COMPLETED
  Failed,     // FAILED, BOOT_FAIL, DEADLINE, OUT_OF_MEMORY, PREEMPTED
  Cancelled,  // CANCELLED
  Timeout,    // TIMEOUT
  NodeFail,   // NODE_FAIL
  Unknown,    // a state this parser does not know (kept as text)
};

struct SlurmJobInfo {
  bool found = false;  // false: the scheduler no longer (or never) knew the job
  std::string job_id;
  std::string state_text;  // e.g. "FAILED" as Slurm printed it
  SlurmState state = SlurmState::Unknown;
  std::string reason;  // e.g. "NonZeroExitCode", "None"
  int exit_code = 0;   // ExitCode=CODE:SIGNAL
  int exit_signal = 0;
  std::map<std::string, std::string> fields;  // every Key=Value of the record
};

const char* toString(SlurmState s);
SlurmState slurmStateFromText(const std::string& text);  // "CANCELLED+" and "CANCELLED by 0" too
bool isTerminal(SlurmState s);

// The job id of `sbatch --parsable`'s output ("123" or "123;cluster"). Throws InputError when
// the output holds no id (sbatch's message is quoted).
std::string parseSbatchJobId(const std::string& output);

// `scontrol show job ID` output (its first record). "Invalid job id specified" gives found=false.
SlurmJobInfo parseScontrolShowJob(const std::string& output);

}  // namespace lreg
