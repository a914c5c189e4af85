#include "lreg/jobs/slurm_outcome.h"

namespace lreg {

SlurmEnd slurmEndFromScheduler(const SlurmJobInfo& info, bool cancel_requested,
                               bool worker_finished, const std::string& run_dir) {
  const std::string job = "Slurm job " + info.job_id;
  switch (info.state) {
    case SlurmState::Completed:
      if (worker_finished) return {SlurmOutcome::Finished, {}};
      return {SlurmOutcome::Failed, job + " COMPLETED, but the worker wrote no final event"};
    case SlurmState::Cancelled:
      if (cancel_requested) return {SlurmOutcome::Cancelled, {}};
      return {SlurmOutcome::Failed,
              job + " was CANCELLED outside the studio (reason " + info.reason + ")"};
    case SlurmState::Timeout:
      return {SlurmOutcome::Failed, job + " reached its time limit (TIMEOUT); the checkpoint in " +
                                        run_dir + " resumes it"};
    case SlurmState::NodeFail:
      return {SlurmOutcome::Failed,
              job + ": its node " +
                  (info.fields.count("NodeList") ? info.fields.at("NodeList") : std::string("?")) +
                  " failed (NODE_FAIL, reason " + info.reason + ")"};
    default:
      return {SlurmOutcome::Failed, job + " " + info.state_text + " (reason " + info.reason +
                                        ", exit code " + std::to_string(info.exit_code) + ":" +
                                        std::to_string(info.exit_signal) + ")"};
  }
}

SlurmEnd slurmEndFromFiles(const std::string& job_id, std::optional<int> exit_status,
                           bool cancel_requested, bool worker_finished) {
  if (exit_status == 0 && worker_finished) return {SlurmOutcome::Finished, {}};
  if (cancel_requested) return {SlurmOutcome::Cancelled, {}};
  if (!exit_status)
    return {SlurmOutcome::Failed, "Slurm job " + job_id +
                                      " left the scheduler without an exit status (cancelled "
                                      "before it started, killed, or its node failed)"};
  return {SlurmOutcome::Failed, "the worker of Slurm job " + job_id + " exited with code " +
                                    std::to_string(*exit_status) +
                                    (*exit_status == 0 ? " but wrote no final event" : "")};
}

}  // namespace lreg
