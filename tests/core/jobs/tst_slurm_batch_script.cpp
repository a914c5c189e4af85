// The batch script: the resources become #SBATCH lines (a GPU only for cuda), values that sbatch
// would misread are refused by name, and the script itself, run by bash as slurmd would, runs the
// worker with the spec and records the worker's exit code, also when a SIGTERM stops it.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "lreg/common/status.h"
#include "lreg/jobs/slurm_batch_script.h"

using namespace lreg;
namespace fs = std::filesystem;

namespace {

SlurmBatchJob job(const fs::path& dir) {
  SlurmBatchJob j;
  j.name = "digits";
  j.worker = (dir / "fake worker").string();  // a blank in a path the shell quotes
  j.spec = (dir / "spec.json").string();
  j.run_dir = dir.string();
  return j;
}

std::string read(const fs::path& p) {
  std::ifstream f(p);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

struct TempDir {
  fs::path path = fs::temp_directory_path() /
                  ("lreg-sbatch-" + std::to_string(::getpid()) + "-" +
                   std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

// Writes an executable fake worker that records its arguments and runs `body`.
void fakeWorker(const SlurmBatchJob& j, const std::string& body) {
  std::ofstream(j.worker) << "#!/bin/bash\necho \"$@\" > \"" << j.run_dir << "/args\"\n"
                          << body << "\n";
  fs::permissions(j.worker, fs::perms::owner_all);
}

}  // namespace

TEST(SlurmBatchScript, ResourcesBecomeSbatchLines) {
  SlurmBatchJob j = job("/shared/runs/r1");
  j.resources = {"gpu", "1:30:00", 4, 8000, true};
  const std::string s = slurmBatchScript(j);
  EXPECT_EQ(s.rfind("#!/bin/bash\n", 0), 0u);
  for (const char* line :
       {"#SBATCH --job-name=digits\n", "#SBATCH --output=/shared/runs/r1/events.jsonl\n",
        "#SBATCH --error=/shared/runs/r1/worker.stderr\n", "#SBATCH --partition=gpu\n",
        "#SBATCH --time=1:30:00\n", "#SBATCH --cpus-per-task=4\n", "#SBATCH --mem=8000M\n",
        "#SBATCH --gres=gpu:1\n"})
    EXPECT_NE(s.find(line), std::string::npos) << line << "\n" << s;
  j.resources = {};
  const std::string cpu = slurmBatchScript(j);
  EXPECT_EQ(cpu.find("--gres"), std::string::npos);
  EXPECT_EQ(cpu.find("--partition"), std::string::npos);
  EXPECT_EQ(cpu.find("--mem"), std::string::npos);
}

TEST(SlurmBatchScript, RefusesWhatSbatchWouldMisread) {
  const auto refused = [](SlurmBatchJob j, const std::string& field) {
    try {
      slurmBatchScript(j);
    } catch (const InputError& e) {
      return std::string(e.what()).find(field) != std::string::npos;
    }
    return false;
  };
  SlurmBatchJob j = job("/shared/r");
  j.name = "a\nb";
  EXPECT_TRUE(refused(j, "job name"));
  j = job("relative/dir");
  EXPECT_TRUE(refused(j, "run folder"));
  j = job("/shared/with space");
  EXPECT_TRUE(refused(j, "run folder"));
  j = job("/shared/r");
  j.resources.time_limit = "soon";
  EXPECT_TRUE(refused(j, "time limit"));
  j.resources.time_limit = "2-00:00:00";
  EXPECT_NO_THROW(slurmBatchScript(j));
  j.resources.cpus = 0;
  EXPECT_TRUE(refused(j, "cpus"));
}

TEST(SlurmBatchScript, RunsTheWorkerAndRecordsItsExitCode) {
  TempDir dir;
  const SlurmBatchJob j = job(dir.path);
  fakeWorker(j, "echo '{\"event\":\"failed\"}'; exit 3");
  std::ofstream(dir.path / kSlurmScriptFile) << slurmBatchScript(j);
  const std::string cmd = "bash " + (dir.path / kSlurmScriptFile).string() + " > /dev/null";
  const int rc = std::system(cmd.c_str());
  EXPECT_TRUE(WIFEXITED(rc));
  EXPECT_EQ(WEXITSTATUS(rc), 3);
  EXPECT_EQ(read(dir.path / kSlurmExitFile), "3\n");
  EXPECT_EQ(read(dir.path / "args"), "job run " + j.spec + " --out " + j.run_dir + "\n");
}

TEST(SlurmBatchScript, PassesSigtermToTheWorker) {
  TempDir dir;
  const SlurmBatchJob j = job(dir.path);
  // The fake worker stops like the real one: at the signal, with exit code 5.
  fakeWorker(j,
             "trap 'exit 5' TERM\ntouch \"" + j.run_dir + "/ready\"\nwhile :; do sleep 0.05; done");
  std::ofstream(dir.path / kSlurmScriptFile) << slurmBatchScript(j);
  const std::string cmd = "bash " + (dir.path / kSlurmScriptFile).string() + " > /dev/null & " +
                          "pid=$!; while [ ! -e " + shellQuote((dir.path / "ready").string()) +
                          " ]; do sleep 0.05; done; kill -TERM $pid; wait $pid";
  const int rc = std::system(("bash -c " + shellQuote(cmd)).c_str());
  EXPECT_EQ(WEXITSTATUS(rc), 5);
  EXPECT_EQ(read(dir.path / kSlurmExitFile), "5\n");
}
