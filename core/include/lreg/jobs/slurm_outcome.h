#pragma once
// How a Slurm job of the Jobs panel ended, and the sentence that says so: from the scheduler's
// record when it still knows the job (scontrol), else from the exit-status file the batch script
// writes (slurm_batch_script.h). The caller appends the worker's own story (its failed event
// and stderr tail).
#include <optional>
#include <string>

#include "lreg/jobs/slurm_status.h"

namespace lreg {

enum class SlurmOutcome { Finished, Failed, Cancelled };

struct SlurmEnd {
  SlurmOutcome outcome = SlurmOutcome::Failed;
  std::string message;  // empty when finished or cancelled as asked
};

// info.state is terminal. cancel_requested: the studio ran scancel; worker_finished: the worker's
// "finished" event was read.
SlurmEnd slurmEndFromScheduler(const SlurmJobInfo& info, bool cancel_requested,
                               bool worker_finished, const std::string& run_dir);

// The scheduler no longer knows the job; exit_status: the file's code (nullopt: no file).
SlurmEnd slurmEndFromFiles(const std::string& job_id, std::optional<int> exit_status,
                           bool cancel_requested, bool worker_finished);

}  // namespace lreg
