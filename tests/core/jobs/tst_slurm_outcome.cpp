// How a Slurm job ended, on captured 22.05 records and on records of the states the test cluster
// cannot produce on demand (TIMEOUT, NODE_FAIL): each failure is a sentence with the scheduler's
// words; a cancel the studio asked for is a cancel, one from elsewhere a failure; without the
// scheduler's record the exit-status file decides.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "lreg/jobs/slurm_outcome.h"

using namespace lreg;

namespace {

SlurmJobInfo fixture(const std::string& name) {
  std::ifstream f(LREG_TEST_DATA_DIR "/slurm/" + name);
  std::stringstream s;
  s << f.rdbuf();
  return parseScontrolShowJob(s.str());
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST(SlurmOutcome, FailedCarriesReasonAndExitCode) {
  const SlurmEnd e =
      slurmEndFromScheduler(fixture("scontrol_failed_22.05.txt"), false, false, "/r");
  EXPECT_EQ(e.outcome, SlurmOutcome::Failed);
  EXPECT_TRUE(has(e.message, "Slurm job 2 FAILED")) << e.message;
  EXPECT_TRUE(has(e.message, "NonZeroExitCode")) << e.message;
  EXPECT_TRUE(has(e.message, "exit code 3:0")) << e.message;
}

TEST(SlurmOutcome, CancelIsOursOrAFailure) {
  const SlurmJobInfo c = fixture("scontrol_cancelled_22.05.txt");
  EXPECT_EQ(slurmEndFromScheduler(c, true, false, "/r").outcome, SlurmOutcome::Cancelled);
  const SlurmEnd e = slurmEndFromScheduler(c, false, false, "/r");
  EXPECT_EQ(e.outcome, SlurmOutcome::Failed);
  EXPECT_TRUE(has(e.message, "CANCELLED outside the studio")) << e.message;
}

TEST(SlurmOutcome, TimeoutAndNodeFailSayWhatHappened) {
  const SlurmEnd t = slurmEndFromScheduler(
      parseScontrolShowJob("JobId=9 JobState=TIMEOUT Reason=TimeLimit ExitCode=0:15\n"), false,
      false, "/runs/r9");
  EXPECT_EQ(t.outcome, SlurmOutcome::Failed);
  EXPECT_TRUE(has(t.message, "time limit (TIMEOUT)")) << t.message;
  EXPECT_TRUE(has(t.message, "/runs/r9 resumes it")) << t.message;
  const SlurmEnd n = slurmEndFromScheduler(
      parseScontrolShowJob("JobId=10 JobState=NODE_FAIL Reason=NodeDown NodeList=gpu07\n"), false,
      false, "/r");
  EXPECT_TRUE(has(n.message, "node gpu07 failed (NODE_FAIL, reason NodeDown)")) << n.message;
  // Even a cancel the studio asked for does not hide a node failure.
  EXPECT_EQ(slurmEndFromScheduler(parseScontrolShowJob("JobId=10 JobState=NODE_FAIL\n"), true,
                                  false, "/r")
                .outcome,
            SlurmOutcome::Failed);
}

TEST(SlurmOutcome, CompletedNeedsTheWorkersFinalEvent) {
  const SlurmJobInfo done = parseScontrolShowJob("JobId=5 JobState=COMPLETED ExitCode=0:0\n");
  EXPECT_EQ(slurmEndFromScheduler(done, false, true, "/r").outcome, SlurmOutcome::Finished);
  const SlurmEnd e = slurmEndFromScheduler(done, false, false, "/r");
  EXPECT_EQ(e.outcome, SlurmOutcome::Failed);
  EXPECT_TRUE(has(e.message, "no final event")) << e.message;
}

TEST(SlurmOutcome, WithoutTheSchedulerTheExitFileDecides) {
  EXPECT_EQ(slurmEndFromFiles("7", 0, false, true).outcome, SlurmOutcome::Finished);
  EXPECT_EQ(slurmEndFromFiles("7", 5, true, false).outcome, SlurmOutcome::Cancelled);
  const SlurmEnd three = slurmEndFromFiles("7", 3, false, false);
  EXPECT_EQ(three.outcome, SlurmOutcome::Failed);
  EXPECT_TRUE(has(three.message, "exited with code 3")) << three.message;
  EXPECT_TRUE(has(slurmEndFromFiles("7", 0, false, false).message, "no final event"));
  EXPECT_TRUE(
      has(slurmEndFromFiles("7", std::nullopt, false, false).message, "without an exit status"));
}
