// GPU/CPU parity of the LReg connection's training (skipped, with the device message, without a
// usable GPU), and the fallback that every build must have.
#include <gtest/gtest.h>

#include "lreg/cuda/gpu_connection.h"
#include "lreg/cuda/gpu_linalg.h"
#include "lreg/train/connection_selftest.h"

namespace lreg {

TEST(ConnectionGpu, LossCurvesMatchTheCpuOver200Steps) {
  if (!gpu::device().available) GTEST_SKIP() << gpu::device().message;
  const ConnectionParity p = connectionGpuParity(200);
  ASSERT_TRUE(p.ran) << p.why;
  ASSERT_EQ(p.cpu.size(), 200u);
  ASSERT_EQ(p.gpu.size(), 200u);
  EXPECT_LT(p.cpu.back(), p.cpu.front());  // it trained, so equal curves are not both flat
  EXPECT_LE(p.max_rel_diff, ConnectionParity::kTolerance);
}

// Without a device the parity check reports a skip with the reason, and the GPU step refuses
// (rather than returning a zero gradient the trainer would take for a real one).
TEST(ConnectionGpu, WithoutADeviceTheStepRefusesAndParitySkips) {
  if (gpu::device().available) GTEST_SKIP() << "a GPU is available; the parity test covers it";
  const ConnectionParity p = connectionGpuParity(5);
  EXPECT_FALSE(p.ran);
  EXPECT_FALSE(p.why.empty());
  EXPECT_FALSE(p.ok());
  gpu::ConnectionGpu g;
  ConnectionGradient grad;
  const gpu::ConnectionResult r = g.lossGradient(LRegConnection(), ConnectionData(), grad);
  EXPECT_FALSE(r.status.ok());
}

TEST(ConnectionGpu, UnsupportedOptionsAreNamed) {
  ConnectionOptions o;
  o.train_projection = true;
  EXPECT_FALSE(gpu::connectionUnsupported(o, ConnectionLoss::CrossEntropy).empty());
  EXPECT_FALSE(
      gpu::connectionUnsupported(ConnectionOptions(), ConnectionLoss::MeanSquared).empty());
}

}  // namespace lreg
