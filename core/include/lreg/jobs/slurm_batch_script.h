#pragma once
// The batch script the studio hands to `sbatch --parsable` for one job: it runs the worker
// (`lreg job run SPEC --out RUN_DIR`), its JSON-line events going to RUN_DIR/events.jsonl and its
// stderr to RUN_DIR/worker.stderr, and writes the worker's exit code to RUN_DIR/exit_status once
// it ends. Without accounting a finished job soon drops out of the scheduler's view; the final
// event and that file are then what says how it ended. A SIGTERM (scancel, a time limit) is passed
// on to the worker, which stops at the next step boundary with a checkpoint and exits 5.
#include <string>

namespace lreg {

struct SlurmResources {
  std::string partition;   // empty: the cluster's default partition
  std::string time_limit;  // sbatch --time (e.g. "30", "1:00:00", "2-00:00:00"); empty: the default
  int cpus = 1;            // --cpus-per-task, >= 1
  int mem_mb = 0;          // --mem in MB; 0: the partition's default
  bool gpu = false;        // --gres=gpu:1 (the job's device is cuda)
};

struct SlurmBatchJob {
  std::string name;     // --job-name
  std::string worker;   // the `lreg` executable as the compute node sees it
  std::string spec;     // the spec file (absolute, on a shared path)
  std::string run_dir;  // the results folder (absolute, on a shared path)
  SlurmResources resources;
};

// File names inside run_dir.
inline constexpr const char* kSlurmEventsFile = "events.jsonl";
inline constexpr const char* kSlurmStderrFile = "worker.stderr";
inline constexpr const char* kSlurmExitFile = "exit_status";
inline constexpr const char* kSlurmScriptFile = "job.sbatch";

// The script text. Throws InputError naming the field when a value cannot go into a #SBATCH line
// (a newline, an empty path, cpus < 1, a malformed time limit).
std::string slurmBatchScript(const SlurmBatchJob& job);

// Quotes a word for a POSIX shell ('...' with embedded quotes escaped).
std::string shellQuote(const std::string& word);

}  // namespace lreg
