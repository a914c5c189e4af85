// The GPU path of ANMIN's hidden-layer system agrees with the CPU path, and without a GPU the CPU
// runs it and says so. Tolerances: M and the log-determinant to 1e-9 relative (the two sum the same
// products in different orders, ~1e-15 apart); the solution to max(1e-9, 1e-14 cond(M + lambda I))
// relative, the forward-error bound of two backward-stable Cholesky solves.
#include <gtest/gtest.h>

#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <cmath>
#include <cstdint>
#include <memory>
#include <random>

#include "gpu_kernel_math.h"
#include "lreg/cuda/gpu_linalg.h"
#include "lreg/data/generators.h"
#include "lreg/train/anmin.h"

using namespace lreg;

namespace {

constexpr double kRel = 1e-9;

double relDiff(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  return (a - b).norm() / std::max(b.norm(), 1e-300);
}

double cond(const Eigen::MatrixXd& K) {
  const Eigen::VectorXd ev = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(K).eigenvalues();
  return ev.maxCoeff() / ev.minCoeff();
}

// A hidden-layer system as ANMIN meets it: sim data (d = 2), A random, B and b0 random.
struct HiddenFixture {
  FiringGroups g;
  Eigen::MatrixXd B, moments;
  Eigen::RowVectorXd b0;
  Eigen::VectorXd rhs;
  HiddenFixture(int n, int h, bool compress) {
    std::mt19937_64 rng(7);
    std::normal_distribution<double> z;
    Eigen::MatrixXd xt(n, 3), y(n, 1);
    for (int i = 0; i < n; ++i) {
      xt(i, 0) = 1;
      xt(i, 1) = z(rng);
      xt(i, 2) = z(rng);
      y(i, 0) = std::sin(xt(i, 1) * xt(i, 1) + xt(i, 2) * xt(i, 2));
    }
    const Eigen::MatrixXd A = initHiddenUniform(2, h, 3);
    g = groupByFiringPattern(xt, A, 0.0, compress);
    B = Eigen::MatrixXd::Random(h, 1);
    b0 = Eigen::RowVectorXd::Constant(1, 0.1);
    moments = groupMoments(g, xt, y);
    rhs = hiddenRhs(g, moments, B, b0);
  }
};

// GTEST_SKIP returns from the function it is in, so this is a macro for the test body.
#define LREG_SKIP_WITHOUT_GPU() \
  if (!gpu::device().available) GTEST_SKIP() << gpu::device().message

std::shared_ptr<Dataset> simData() {
  return std::make_shared<Dataset>(
      generate("sim", {.seed = 4, .n_train = 400, .n_test = 100, .dim = 2}));
}

}  // namespace

// The kernels' element functions, run here on the CPU over every index in two batches, rebuild
// accumulateHiddenGram exactly: the index arithmetic of the device path, checked without a device.
TEST(GpuKernelMath, KroneckerRowsAndBlockScalingRebuildTheCpuGram) {
  const HiddenFixture f(500, 6, true);
  const Eigen::Index R = f.g.rows(), dp1 = f.g.factor.cols(), h = f.g.gate.rows(), n = dp1 * h;
  Eigen::MatrixXd M = Eigen::MatrixXd::Zero(n, n);
  const Eigen::Index nb_max = R / 2 + 1;  // two batches: the r0 offset is exercised
  Eigen::MatrixXd Z(n, nb_max);
  for (Eigen::Index r0 = 0; r0 < R; r0 += nb_max) {
    const Eigen::Index nb = std::min(nb_max, R - r0);
    for (std::int64_t t = 0; t < n * nb; ++t)
      Z.data()[t] =
          gpu::detail::kronEntry(f.g.factor.data(), R, f.g.factor_group.data(), f.g.gate.data(),
                                 static_cast<int>(h), static_cast<int>(dp1), r0, t);
    M.selfadjointView<Eigen::Lower>().rankUpdate(Z.leftCols(nb));  // as cublasDsyrk, lower
  }
  M.triangularView<Eigen::StrictlyUpper>().setConstant(std::nan(""));  // must all be overwritten
  const Eigen::MatrixXd BBt = f.B * f.B.transpose() / static_cast<double>(f.g.samples);
  for (std::int64_t t = 0; t < n * n; ++t)
    gpu::detail::scaleMirrorAt(M.data(), BBt.data(), static_cast<int>(h), static_cast<int>(dp1), t);
  const Eigen::MatrixXd cpu = accumulateHiddenGram(f.g, f.B);
  EXPECT_TRUE(M.allFinite());
  EXPECT_LT(relDiff(M, cpu), 1e-13);
}

TEST(GpuLinalg, DeviceQueryAnswersInOneLine) {
  const gpu::DeviceInfo& d = gpu::device();
  EXPECT_FALSE(d.message.empty());
  EXPECT_EQ(d.message.find('\n'), std::string::npos);
  EXPECT_EQ(d.message.rfind("CUDA: ", 0), 0U) << d.message;
  if (!d.built) {
    EXPECT_NE(d.message.find("built without CUDA"), std::string::npos) << d.message;
  }
  if (!d.available) {
    EXPECT_NE(d.message.find("using the CPU"), std::string::npos) << d.message;
  }
  EXPECT_TRUE(d.built || !d.available);
}

// cuBLAS and cuSOLVER are opened at run time; where this was built they load and every function
// resolves (no device needed).
TEST(GpuLinalg, LibrariesLoadWhereBuilt) {
  if (!gpu::device().built) GTEST_SKIP() << gpu::device().message;
  const Status s = gpu::loadLibraries();
  EXPECT_TRUE(s.ok()) << s.message;
}

TEST(GpuLinalg, RandomSpdSolveMatchesCpu) {
  LREG_SKIP_WITHOUT_GPU();
  const int n = 300;
  const Eigen::MatrixXd Q =
      Eigen::HouseholderQR<Eigen::MatrixXd>(Eigen::MatrixXd::Random(n, n)).householderQ();
  const Eigen::VectorXd ev = Eigen::VectorXd::LinSpaced(n, 1.0, 100.0);
  const Eigen::MatrixXd M = Q * ev.asDiagonal() * Q.transpose();
  const Eigen::MatrixXd rhs = Eigen::MatrixXd::Random(n, 3);
  const RegularizedSolve cpu = solveRegularized(M, 1e-3, rhs);
  gpu::Linalg la;
  const gpu::Solve g = la.regularizedSolve(M, 1e-3, rhs, -10000);
  ASSERT_TRUE(g.status.ok()) << g.status.message;
  ASSERT_FALSE(cpu.used_svd);
  EXPECT_NEAR(g.logdet, cpu.logdet, kRel * std::abs(cpu.logdet));
  EXPECT_LT(relDiff(g.x, cpu.x), kRel);
}

TEST(GpuLinalg, AnminHiddenSystemMatchesCpu) {
  LREG_SKIP_WITHOUT_GPU();
  for (bool compress : {true, false}) {
    const HiddenFixture f(3000, 16, compress);
    const double lambda = 1e-3;
    const Eigen::MatrixXd M = accumulateHiddenGram(f.g, f.B);
    const RegularizedSolve cpu = solveRegularized(M, lambda, f.rhs);
    ASSERT_FALSE(cpu.used_svd);
    Eigen::MatrixXd K = M;
    K.diagonal().array() += lambda;
    const double tol_x = std::max(kRel, 1e-14 * cond(K));
    gpu::Linalg la;
    for (std::int64_t batch_rows : {std::int64_t{0}, std::int64_t{97}}) {  // one SYRK; many batches
      const gpu::Solve g = la.hiddenSolve(f.g, f.B, f.rhs, lambda, -10000, true, batch_rows);
      ASSERT_TRUE(g.status.ok()) << g.status.message;
      EXPECT_LT(relDiff(g.M, M), kRel) << "compress " << compress << " batch_rows " << batch_rows;
      EXPECT_NEAR(g.logdet, cpu.logdet, kRel * std::abs(cpu.logdet));
      EXPECT_LT(relDiff(g.x, cpu.x), tol_x);
      EXPECT_LT((K * g.x - f.rhs).norm() / f.rhs.norm(), 1e-10);
    }
  }
}

// Not SPD (lambda = 0, M singular) or below tau: the GPU rejects it and hands M back for the CPU's
// SVD fallback; the device stays usable.
TEST(GpuLinalg, RejectedSystemReturnsMForTheCpu) {
  LREG_SKIP_WITHOUT_GPU();
  const HiddenFixture f(400, 8, true);
  gpu::Linalg la;
  const gpu::Solve g = la.hiddenSolve(f.g, f.B, f.rhs, 0.0, 1e300);  // tau = 1e300: always rejected
  EXPECT_FALSE(g.status.ok());
  EXPECT_TRUE(g.rejected) << g.status.message;
  EXPECT_LT(relDiff(g.M, accumulateHiddenGram(f.g, f.B)), kRel);
}

TEST(GpuLinalg, AnminIterationOnCudaMatchesCpu) {
  LREG_SKIP_WITHOUT_GPU();
  AnminOptions o;
  o.net.hidden = 12;
  o.iters = 1;
  o.device = AnminDevice::Cpu;
  Anmin cpu(simData(), o);
  cpu.run();
  o.device = AnminDevice::Cuda;
  Anmin gpu(simData(), o);
  gpu.run();
  ASSERT_TRUE(gpu.status().ok()) << gpu.status().message;
  const HistoryPoint& pc = cpu.history().points.at(1);
  const HistoryPoint& pg = gpu.history().points.at(1);
  EXPECT_EQ(pg.extra.at("gpu"), 1.0) << gpu.deviceMessage();
  EXPECT_EQ(pc.extra.at("gpu"), 0.0);
  EXPECT_NEAR(pg.extra.at("logdet"), pc.extra.at("logdet"), kRel * std::abs(pc.extra.at("logdet")));
  EXPECT_NEAR(pg.train_loss, pc.train_loss, 1e-7 * pc.train_loss);
}

// --device cuda without a usable GPU: the CPU runs every iteration, the message says why, and the
// result is the CPU run's, bit for bit.
TEST(AnminDevice, CudaWithoutGpuFallsBackToTheCpuAndSaysSo) {
  if (gpu::device().available) GTEST_SKIP() << "a GPU is present: " << gpu::device().message;
  AnminOptions o;
  o.net.hidden = 8;
  o.iters = 2;
  o.device = AnminDevice::Cuda;
  Anmin cuda(simData(), o);
  cuda.run();
  o.device = AnminDevice::Cpu;
  Anmin cpu(simData(), o);
  cpu.run();
  EXPECT_EQ(cuda.deviceMessage(), gpu::device().message);
  EXPECT_NE(cuda.deviceMessage().find("using the CPU"), std::string::npos) << cuda.deviceMessage();
  EXPECT_EQ(cpu.deviceMessage(), "CPU (--device cpu)");
  ASSERT_EQ(cuda.history().points.size(), 3U);
  for (const HistoryPoint& p : cuda.history().points) EXPECT_EQ(p.extra.at("gpu"), 0.0);
  EXPECT_EQ(cuda.history().last().train_loss, cpu.history().last().train_loss);
}

TEST(AnminDevice, ParsesItsNames) {
  for (AnminDevice d : {AnminDevice::Auto, AnminDevice::Cpu, AnminDevice::Cuda})
    EXPECT_EQ(parseAnminDevice(toString(d)), d);
  EXPECT_THROW(parseAnminDevice("gpu"), InputError);
}
