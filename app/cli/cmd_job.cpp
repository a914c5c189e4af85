// lreg job run SPEC.json --out DIR: the job worker. JSON-line events on stdout (the last line is
// "finished" or "failed"), results in DIR, SIGTERM/SIGINT stop at the next step boundary with a
// checkpoint that the same command resumes from. Exit codes: 0 finished, 2 usage, 3 bad spec or
// data (every problem named before any work), 4 numerical failure, 5 stopped by a signal.
#include <csignal>
#include <iostream>

#include "commands.h"
#include "lreg/common/status.h"
#include "lreg/jobs/job_runner.h"

namespace lreg::cli {

namespace {
std::atomic<bool> g_stop{false};
extern "C" void onStopSignal(int) { g_stop.store(true); }
}  // namespace

void addJobCommand(CLI::App& app) {
  struct Args {
    std::string spec, out;
    bool check = false;
  };
  auto args = std::make_shared<Args>();
  auto* job = app.add_subcommand("job", "Run training jobs from a JSON spec (the studio's Jobs panel and Slurm use this)");
  job->require_subcommand(1);
  auto* run = job->add_subcommand("run", "Run SPEC.json into --out DIR, writing JSON-line events on stdout");
  run->add_option("spec", args->spec, "Job spec (JSON, format lreg-job version 1)")->required();
  run->add_option("--out", args->out, "Results folder (created; a checkpoint there is resumed)")->required();
  run->add_flag("--check", args->check, "Only validate the spec and its data paths, then print it with defaults");
  run->callback([args] {
    const JobSpec spec = loadJobSpec(args->spec);  // InputError (exit 3) names every bad field
    if (args->check) {
      std::cout << spec.toJson().dump(2) << std::endl;
      return;
    }
    std::signal(SIGTERM, onStopSignal);
    std::signal(SIGINT, onStopSignal);
    JobEvents events(std::cout);
    const JobExit code = runJob(spec, args->out, events, g_stop);
    // The "failed" event already carries the message; stderr gets it too, with the exit code.
    switch (code) {
      case JobExit::Finished: return;
      case JobExit::Stopped: throw Error(StatusCode::Cancelled, "job stopped by a signal; checkpoint in " + args->out);
      case JobExit::Numerical: throw NumericalError("job failed (see the last event)");
      default: throw InputError("job failed (see the last event)");
    }
  });
}

}  // namespace lreg::cli
