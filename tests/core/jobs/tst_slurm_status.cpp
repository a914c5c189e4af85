// Slurm's text output as 22.05 prints it (captured from the test cluster of tests/slurm): each
// record's state, reason and exit code; newer versions' extra fields and state suffixes are
// tolerated; the job id of sbatch --parsable, and its refusal quoted.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "lreg/common/status.h"
#include "lreg/jobs/slurm_status.h"

using namespace lreg;

namespace {

std::string fixture(const std::string& name) {
  std::ifstream f(LREG_TEST_DATA_DIR "/slurm/" + name);
  EXPECT_TRUE(f) << name;
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

}  // namespace

TEST(SlurmStatus, ScontrolRunning) {
  const SlurmJobInfo j = parseScontrolShowJob(fixture("scontrol_running_22.05.txt"));
  ASSERT_TRUE(j.found);
  EXPECT_EQ(j.job_id, "1");
  EXPECT_EQ(j.state, SlurmState::Running);
  EXPECT_EQ(j.reason, "None");
  EXPECT_EQ(j.exit_code, 0);
  EXPECT_EQ(j.fields.at("StdOut"), "/tmp/cap_out.txt");
  EXPECT_EQ(j.fields.at("NodeList"), "vm");
  EXPECT_FALSE(isTerminal(j.state));
}

TEST(SlurmStatus, ScontrolPendingHasNoNode) {
  const SlurmJobInfo j = parseScontrolShowJob(fixture("scontrol_pending_22.05.txt"));
  ASSERT_TRUE(j.found);
  EXPECT_EQ(j.state, SlurmState::Pending);
  EXPECT_EQ(j.fields.at("NodeList"), "");
  EXPECT_EQ(j.fields.at("TimeLimit"), "00:01:00");
}

TEST(SlurmStatus, ScontrolFailedCarriesExitCodeAndReason) {
  const SlurmJobInfo j = parseScontrolShowJob(fixture("scontrol_failed_22.05.txt"));
  ASSERT_TRUE(j.found);
  EXPECT_EQ(j.job_id, "2");
  EXPECT_EQ(j.state, SlurmState::Failed);
  EXPECT_EQ(j.reason, "NonZeroExitCode");
  EXPECT_EQ(j.exit_code, 3);
  EXPECT_EQ(j.exit_signal, 0);
  EXPECT_TRUE(isTerminal(j.state));
}

TEST(SlurmStatus, ScontrolCancelledBySignal) {
  const SlurmJobInfo j = parseScontrolShowJob(fixture("scontrol_cancelled_22.05.txt"));
  ASSERT_TRUE(j.found);
  EXPECT_EQ(j.state, SlurmState::Cancelled);
  EXPECT_EQ(j.exit_signal, 15);
}

TEST(SlurmStatus, InvalidJobIdIsNotFound) {
  EXPECT_FALSE(parseScontrolShowJob(fixture("scontrol_invalid_22.05.txt")).found);
  EXPECT_FALSE(parseScontrolShowJob("").found);
}

TEST(SlurmStatus, NewerFieldsAndBlanksInValuesAreTolerated) {
  // 23.x adds fields (AdminComment, ...) and may print a reason with blanks.
  const SlurmJobInfo j = parseScontrolShowJob(
      "JobId=77 JobName=x\n   AdminComment=(null) JobState=NODE_FAIL Reason=launch failed "
      "requeued held Dependency=(null)\n   ExitCode=0:9 NewField=1\n\nJobId=78 JobState=RUNNING\n");
  ASSERT_TRUE(j.found);
  EXPECT_EQ(j.job_id, "77");  // the first record only
  EXPECT_EQ(j.state, SlurmState::NodeFail);
  EXPECT_EQ(j.reason, "launch failed requeued held");
  EXPECT_EQ(j.exit_signal, 9);
  EXPECT_EQ(j.fields.at("NewField"), "1");
}

TEST(SlurmStatus, StatesWithSuffixes) {
  EXPECT_EQ(slurmStateFromText("CANCELLED by 0"), SlurmState::Cancelled);
  EXPECT_EQ(slurmStateFromText("CANCELLED+"), SlurmState::Cancelled);
  EXPECT_EQ(slurmStateFromText("TIMEOUT"), SlurmState::Timeout);
  EXPECT_EQ(slurmStateFromText("OUT_OF_MEMORY"), SlurmState::Failed);
  EXPECT_EQ(slurmStateFromText("COMPLETING"), SlurmState::Running);
  EXPECT_EQ(slurmStateFromText("CONFIGURING"), SlurmState::Pending);
  EXPECT_EQ(slurmStateFromText("WHATEVER_NEW"), SlurmState::Unknown);
  EXPECT_FALSE(isTerminal(SlurmState::Unknown));
}

TEST(SlurmStatus, SbatchJobId) {
  EXPECT_EQ(parseSbatchJobId("42\n"), "42");
  EXPECT_EQ(parseSbatchJobId("42;cluster\n"), "42");
  EXPECT_EQ(parseSbatchJobId("sbatch: warning: x\n43\n"), "43");
  try {
    parseSbatchJobId(fixture("sbatch_bad_partition_22.05.txt"));
    FAIL() << "no id expected";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("Invalid partition name specified"), std::string::npos)
        << e.what();
  }
}
