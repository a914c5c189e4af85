#pragma once
// The job worker's core: runs a JobSpec into a results folder and reports JSON-line events
// (job_events.h). Qt-free, so `lreg job run` builds and runs on a cluster node without Qt.
//
// The folder after a run (each file written whole, to a temporary name and renamed, except the
// metrics CSV, which grows one flushed row per epoch so that it stays readable after a kill):
//   frozen-mlp.json    table jobs: the pretrained frozen classifier (pretrained_data.h)
//   spec.json          the spec as run (every option, defaults included)
//   metrics.csv        epoch, seconds, train_loss, val_loss, val_acc, train_acc, samples_per_s
//   checkpoint.safetensors  the trainer's state after the last checkpointed epoch
//   edges.json         the encoder's nodes after each mesh update so far (rewritten per update)
//   model.json         the trained connection (lreg predict reads it)
//   final.json         val_loss, val_acc, frozen {val_loss, val_acc}, parameters, device, seconds
// A folder that holds a checkpoint of the same spec resumes from it.
#include <atomic>
#include <filesystem>

#include "lreg/jobs/job_events.h"
#include "lreg/jobs/job_spec.h"

namespace lreg {

// Exit codes of `lreg job run`, documented in --help and docs/jobs.md.
enum class JobExit : int { Finished = 0, Usage = 2, BadInput = 3, Numerical = 4, Stopped = 5 };

// Runs until done, until `stop` turns true (then checkpoints at the next step boundary and
// returns Stopped), or until an error (a "failed" event, then the matching code).
JobExit runJob(const JobSpec& spec, const std::filesystem::path& out_dir, JobEvents& events,
               const std::atomic<bool>& stop);

}  // namespace lreg
