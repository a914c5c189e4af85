#include "lreg/jobs/slurm_batch_script.h"

#include <regex>
#include <sstream>

#include "lreg/common/status.h"

namespace lreg {

namespace {

// A value of a #SBATCH line: sbatch reads these lines without a shell, so a blank would end the
// value and a '%' would be taken for a file name pattern (%j, ...).
void checkSbatchValue(const std::string& field, const std::string& value, bool path) {
  if (value.find_first_of("\n\r") != std::string::npos)
    throw InputError("slurm: " + field + " must not contain a line break");
  if (path && value.empty()) throw InputError("slurm: " + field + " is empty");
  if (path && value.front() != '/')
    throw InputError("slurm: " + field + " must be an absolute path on a shared file system ('" +
                     value + "')");
  if (value.find_first_of(" \t%") != std::string::npos)
    throw InputError("slurm: " + field + " must not contain blanks or '%' ('" + value + "')");
}

}  // namespace

std::string shellQuote(const std::string& word) {
  std::string q = "'";
  for (const char c : word) {
    if (c == '\'')
      q += "'\\''";
    else
      q += c;
  }
  return q + "'";
}

std::string slurmBatchScript(const SlurmBatchJob& job) {
  const SlurmResources& r = job.resources;
  if (job.name.empty()) throw InputError("slurm: the job name is empty");
  checkSbatchValue("job name", job.name, false);
  checkSbatchValue("run folder", job.run_dir, true);
  checkSbatchValue("partition", r.partition, false);
  if (job.worker.empty()) throw InputError("slurm: the worker path is empty");
  if (job.spec.empty()) throw InputError("slurm: the spec path is empty");
  if (job.worker.find_first_of("\n\r") != std::string::npos ||
      job.spec.find_first_of("\n\r") != std::string::npos)
    throw InputError("slurm: the worker and spec paths must not contain a line break");
  static const std::regex kTime(R"(^(\d+-)?\d+(:\d+){0,2}$|^(UNLIMITED|INFINITE)$)");
  if (!r.time_limit.empty() && !std::regex_match(r.time_limit, kTime))
    throw InputError("slurm: time limit '" + r.time_limit +
                     "' is not minutes, [H:]M:S or D-H[:M[:S]]");
  if (r.cpus < 1) throw InputError("slurm: cpus must be >= 1 (got " + std::to_string(r.cpus) + ")");
  if (r.mem_mb < 0) throw InputError("slurm: memory must be >= 0 MB");

  std::ostringstream s;
  const std::string& dir = job.run_dir;
  s << "#!/bin/bash\n"
    << "#SBATCH --job-name=" << job.name << "\n"
    << "#SBATCH --chdir=" << dir << "\n"
    << "#SBATCH --output=" << dir << "/" << kSlurmEventsFile << "\n"
    << "#SBATCH --error=" << dir << "/" << kSlurmStderrFile << "\n"
    << "#SBATCH --cpus-per-task=" << r.cpus << "\n";
  if (!r.partition.empty()) s << "#SBATCH --partition=" << r.partition << "\n";
  if (!r.time_limit.empty()) s << "#SBATCH --time=" << r.time_limit << "\n";
  if (r.mem_mb > 0) s << "#SBATCH --mem=" << r.mem_mb << "M\n";
  if (r.gpu) s << "#SBATCH --gres=gpu:1\n";
  // The worker runs in the background so that the shell can pass a SIGTERM on and still write
  // the exit status; `wait` returns early when a trap ran, hence the loop.
  s << "# Written by LReg Studio: runs the job worker, then records its exit code.\n"
    << "out=" << shellQuote(dir) << "\n"
    << "rm -f \"$out/" << kSlurmExitFile << "\"\n"
    << shellQuote(job.worker) << " job run " << shellQuote(job.spec) << " --out \"$out\" &\n"
    << "pid=$!\n"
    << "trap 'kill -TERM \"$pid\" 2>/dev/null' TERM INT\n"
    << "while :; do\n"
    << "  wait \"$pid\"; rc=$?\n"
    << "  kill -0 \"$pid\" 2>/dev/null || break\n"
    << "done\n"
    << "printf '%s\\n' \"$rc\" > \"$out/" << kSlurmExitFile << ".tmp\" && mv -f \"$out/"
    << kSlurmExitFile << ".tmp\" \"$out/" << kSlurmExitFile << "\"\n"
    << "exit \"$rc\"\n";
  return s.str();
}

}  // namespace lreg
