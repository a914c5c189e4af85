#include "lreg/train/anmin.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "lreg/common/status.h"
#include "lreg/cuda/gpu_linalg.h"
#include "lreg/linalg/blas.h"

namespace lreg {

Eigen::MatrixXd groupMoments(const FiringGroups& g, const Eigen::MatrixXd& xt,
                             const Eigen::MatrixXd& y) {
  const Eigen::Index dp1 = xt.cols(), c = y.cols(), K = g.groups();
  Eigen::MatrixXd Q = Eigen::MatrixXd::Zero(dp1, K * (c + 1));
  for (Eigen::Index i = 0; i < xt.rows(); ++i) {
    double* q = Q.col(g.row_group[static_cast<size_t>(i)] * (c + 1)).data();
    for (Eigen::Index k = 0; k <= c; ++k) {
      const double w = k < c ? y(i, k) : 1.0;
      for (Eigen::Index p = 0; p < dp1; ++p) q[k * dp1 + p] += w * xt(i, p);
    }
  }
  return Q;
}

Eigen::VectorXd hiddenRhs(const FiringGroups& g, const Eigen::MatrixXd& moments,
                          const Eigen::MatrixXd& B, const Eigen::RowVectorXd& b0) {
  // v_j = 1/N sum_g G_gj sum_{i in g} x~_i (y_i - b0) b_j^T = 1/N sum_g G_gj (Qy_g - q1_g b0)
  // b_j^T: per output k, C += (R_k G^T) diag(b_k) with R_k = (Qy_gk - q1_g b0_k)_g, (d+1) x K.
  // One GEMM per output instead of small products per group.
  const Eigen::Index dp1 = moments.rows(), c = B.cols(), h = B.rows(), K = g.groups();
  Eigen::MatrixXd C = Eigen::MatrixXd::Zero(dp1, h), Rk(dp1, K), V(dp1, h);
  for (Eigen::Index k = 0; k < c; ++k) {
    for (Eigen::Index q = 0; q < K; ++q)
      Rk.col(q) = moments.col(q * (c + 1) + k) - moments.col(q * (c + 1) + c) * b0[k];
    linalg::gemmNT(V, Rk, g.gate, 1.0, 0.0);
    C += V * B.col(k).asDiagonal();
  }
  C /= static_cast<double>(g.samples);
  return Eigen::Map<const Eigen::VectorXd>(C.data(), C.size());
}

Eigen::MatrixXd outputRhs(const FiringGroups& g, const Eigen::MatrixXd& moments,
                          const Eigen::MatrixXd& A) {
  // S_i = (x~_i A diag(g), 1): S^T Y = (sum_g diag(g) A^T Qy_g ; sum_i y_i), and sum_i y_i is row
  // 0 of sum_g Qy_g because x~_0 = 1. Per output k: the row sums of G o (A^T Qy_k), one GEMM.
  const Eigen::Index h = A.cols(), K = g.groups(), dp1 = moments.rows(),
                     c = moments.cols() / std::max<Eigen::Index>(K, 1) - 1;
  Eigen::MatrixXd rhs = Eigen::MatrixXd::Zero(h + 1, c), Qk(dp1, K), T(h, K);
  const Eigen::MatrixXd At = A.transpose();
  for (Eigen::Index k = 0; k < c; ++k) {
    for (Eigen::Index q = 0; q < K; ++q) Qk.col(q) = moments.col(q * (c + 1) + k);
    linalg::gemmNN(T, At, Qk, 1.0, 0.0);
    rhs.col(k).head(h) = T.cwiseProduct(g.gate).rowwise().sum();
    rhs(h, k) = Qk.row(0).sum();
  }
  return rhs / static_cast<double>(g.samples);
}

Eigen::MatrixXd predictGrouped(const FiringGroups& g, const Eigen::MatrixXd& xt,
                               const Eigen::MatrixXd& A, const Eigen::MatrixXd& B,
                               const Eigen::RowVectorXd& b0) {
  // Column k c + o of P is A diag(g_k) b_o: per output o, P_o = A (G o b_o), one GEMM.
  const Eigen::Index dp1 = xt.cols(), c = B.cols(), K = g.groups();
  Eigen::MatrixXd P(dp1, K * c), Po(dp1, K), Gb(g.gate.rows(), K);
  for (Eigen::Index o = 0; o < c; ++o) {
    Gb.noalias() = B.col(o).asDiagonal() * g.gate;
    linalg::gemmNN(Po, A, Gb, 1.0, 0.0);
    for (Eigen::Index k = 0; k < K; ++k) P.col(k * c + o) = Po.col(k);
  }
  Eigen::MatrixXd out(xt.rows(), c);
  for (Eigen::Index i = 0; i < xt.rows(); ++i) {
    const auto Pk = P.middleCols(g.row_group[static_cast<size_t>(i)] * c, c);
    for (Eigen::Index k = 0; k < c; ++k) {
      double v = b0[k];
      for (Eigen::Index p = 0; p < dp1; ++p) v += xt(i, p) * Pk(p, k);
      out(i, k) = v;
    }
  }
  return out;
}

RegularizedSolve solveRegularized(const Eigen::MatrixXd& M, double lambda,
                                  const Eigen::MatrixXd& rhs, double tau, double svd_floor) {
  RegularizedSolve s;
  Eigen::MatrixXd L = M;  // one copy: the fallback forms M + lambda I again
  L.diagonal().array() += lambda;
  if (linalg::choleskyLower(L)) s.logdet = 2.0 * L.diagonal().array().log().sum();
  if (s.logdet > tau) {  // false for NaN and -inf
    s.x = L.triangularView<Eigen::Lower>().solve(rhs);
    L.transpose().triangularView<Eigen::Upper>().solveInPlace(s.x);
    return s;
  }
  s.used_svd = true;
  Eigen::MatrixXd K = M;
  K.diagonal().array() += lambda;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(K);
  if (eig.info() != Eigen::Success) {
    s.x =
        Eigen::MatrixXd::Constant(rhs.rows(), rhs.cols(), std::numeric_limits<double>::quiet_NaN());
    return s;
  }
  const Eigen::VectorXd inv = eig.eigenvalues().cwiseMax(svd_floor).cwiseInverse();
  const Eigen::MatrixXd& V = eig.eigenvectors();
  s.x = V * (inv.asDiagonal() * (V.transpose() * rhs));
  return s;
}

AnminDevice parseAnminDevice(const std::string& s) {
  if (s == "auto") return AnminDevice::Auto;
  if (s == "cpu") return AnminDevice::Cpu;
  if (s == "cuda") return AnminDevice::Cuda;
  throw InputError("anmin: --device: expected auto, cpu or cuda, got '" + s + "'");
}

std::string toString(AnminDevice d) {
  switch (d) {
    case AnminDevice::Auto:
      return "auto";
    case AnminDevice::Cpu:
      return "cpu";
    case AnminDevice::Cuda:
      return "cuda";
  }
  return "auto";
}

AnminDegenerate parseAnminDegenerate(const std::string& s) {
  if (s == "pinv") return AnminDegenerate::Pinv;
  if (s == "stop") return AnminDegenerate::Stop;
  if (s == "restart") return AnminDegenerate::Restart;
  throw InputError("anmin: --degenerate: expected pinv, stop or restart, got '" + s + "'");
}

std::string toString(AnminDegenerate d) {
  switch (d) {
    case AnminDegenerate::Pinv:
      return "pinv";
    case AnminDegenerate::Stop:
      return "stop";
    case AnminDegenerate::Restart:
      return "restart";
  }
  return "pinv";
}

Anmin::Anmin(std::shared_ptr<const Dataset> data, AnminOptions options)
    : NetTrainer("anmin", std::move(data), options.net, options.iters, options.keep_best),
      opt_(options) {
  if (!(opt_.lambda >= 0))
    throw InputError("anmin: --lambda must be >= 0, got " + std::to_string(opt_.lambda));
  if (!(opt_.svd_floor > 0)) throw InputError("anmin: the SVD floor must be > 0");
  if (opt_.batch < 1)
    throw InputError("anmin: --batch must be >= 1, got " + std::to_string(opt_.batch));
  if (opt_.device == AnminDevice::Cpu) {
    device_message_ = "CPU (--device cpu)";
  } else {  // the probe is not timed; the CUDA context and handles are, at the first GPU iteration
    const gpu::DeviceInfo& dev = gpu::device();
    gpu_allowed_ = dev.available;
    device_message_ = dev.message;
    if (dev.available && opt_.device == AnminDevice::Auto) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", kAnminGpuMinFlops);
      device_message_ +=
          std::string("; auto: the GPU solves iterations whose M accumulation is >= ") + buf +
          " flops";
    }
  }
  clock_.resume();
  net_.setA(initHiddenUniform(net_.inputs(), opt_.net.hidden, opt_.net.seed));
  groups_ =
      groupByFiringPattern(xt_train_, net_.A(), opt_.net.alpha, opt_.compress, opt_.net.threads);
  moments_ = groupMoments(groups_, xt_train_, ys_train_);
  if (!fitOutputLayer()) {
    fail(Status::numerical("anmin: the initial output-layer fit (eq. 4) is not finite"));
    clock_.pause();
    return;
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  record(objective_,
         {{"logdet", nan},
          {"flips", nan},
          {"svd", 0.0},
          {"gpu", 0.0},
          {"restart", 0.0},
          {"objective", objective_},
          {"patterns", static_cast<double>(groups_.groups())},
          {"factor_rows", static_cast<double>(groups_.rows())}},
         &pred_);
  clock_.pause();
}

bool Anmin::fitOutputLayer() {
  const Eigen::Index h = net_.hidden();
  const Eigen::MatrixXd Gs = accumulateOutputGram(groups_, net_.A(), opt_.batch);
  const Eigen::MatrixXd rhs = outputRhs(groups_, moments_, net_.A());
  const RegularizedSolve sol = solveRegularized(Gs, opt_.lambda, rhs, opt_.tau, opt_.svd_floor);
  if (!sol.x.allFinite()) return false;
  net_.setOutputLayer(sol.x.topRows(h), sol.x.row(h));
  pred_ = predictGrouped(groups_, xt_train_, net_.A(), net_.B(), net_.b0());
  objective_ =
      (pred_ - ys_train_).squaredNorm() / static_cast<double>(xt_train_.rows()) +
      opt_.lambda * (net_.A().squaredNorm() + net_.B().squaredNorm() + net_.b0().squaredNorm());
  return std::isfinite(objective_);
}

Anmin::~Anmin() = default;

bool Anmin::solveHiddenOnGpu(const Eigen::VectorXd& rhs, int iteration, RegularizedSolve& sol,
                             Eigen::MatrixXd* M) {
  if (!gpu_allowed_) return false;
  const double n = static_cast<double>(groups_.factor.cols() * groups_.gate.rows());
  if (opt_.device == AnminDevice::Auto &&
      static_cast<double>(groups_.rows()) * n * (n + 1) < kAnminGpuMinFlops)
    return false;
  if (!gpu_) gpu_ = std::make_unique<gpu::Linalg>();
  gpu::Solve g = gpu_->hiddenSolve(groups_, net_.B(), rhs, opt_.lambda, opt_.tau);
  if (g.status.ok()) {
    sol.x = std::move(g.x);
    sol.logdet = g.logdet;
    return true;
  }
  if (!g.rejected) gpu_allowed_ = false;  // a CUDA error: the device is not tried again
  if (!gpu_fell_back_) {
    device_message_ +=
        "; iteration " + std::to_string(iteration) + " on the CPU: " + g.status.message;
    gpu_fell_back_ = true;
  }
  *M = std::move(g.M);
  return false;
}

void Anmin::advance() {
  const int it = completedSteps() + 1;
  const Eigen::Index dp1 = net_.inputs() + 1, h = net_.hidden();
  // Lines 5-6 (F and G are held by groups_), 7-13.
  const Eigen::VectorXd c = hiddenRhs(groups_, moments_, net_.B(), net_.b0());
  RegularizedSolve sol;
  Eigen::MatrixXd M;
  const bool on_gpu = solveHiddenOnGpu(c, it, sol, &M);
  if (!on_gpu) {
    if (M.size() == 0) M = accumulateHiddenGram(groups_, net_.B(), opt_.net.threads);
    sol = solveRegularized(M, opt_.lambda, c, opt_.tau, opt_.svd_floor);
  }
  const bool restart = sol.used_svd && opt_.degenerate == AnminDegenerate::Restart;
  if (sol.used_svd && opt_.degenerate == AnminDegenerate::Stop) {
    // Experiment 1 of Table 5: the run ends at the first degenerate system, model unchanged.
    record(objective_,
           {{"logdet", sol.logdet},
            {"flips", 0.0},
            {"svd", 1.0},
            {"gpu", on_gpu ? 1.0 : 0.0},
            {"restart", 0.0},
            {"objective", objective_},
            {"patterns", static_cast<double>(groups_.groups())},
            {"factor_rows", static_cast<double>(groups_.rows())}},
           &pred_);
    finishEarly();
    return;
  }
  if (restart) {  // experiment 2 of Table 5: a fresh random A instead of the pseudo-inverse
    const std::uint64_t seed =
        opt_.net.seed ^ (0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(it));
    const Eigen::MatrixXd A = initHiddenUniform(net_.inputs(), static_cast<int>(h), seed);
    sol.x = Eigen::Map<const Eigen::VectorXd>(A.data(), A.size());
  }
  if (!sol.x.allFinite()) {
    fail(Status::numerical("anmin: iteration " + std::to_string(it) +
                           ": the hidden-layer solve (eq. 9) gave non-finite weights"));
    return;
  }
  // Line 14: a = (a_1; ...; a_h) -> A, (d+1) x h column-major.
  net_.setA(Eigen::Map<const Eigen::MatrixXd>(sol.x.data(), dp1, h));
  FiringGroups next =
      groupByFiringPattern(xt_train_, net_.A(), opt_.net.alpha, opt_.compress, opt_.net.threads);
  const double flips = static_cast<double>(countFlips(groups_, next));
  groups_ = std::move(next);
  moments_ = groupMoments(groups_, xt_train_, ys_train_);
  // Lines 15-20 (keep-best in record()).
  if (!fitOutputLayer()) {
    fail(Status::numerical("anmin: iteration " + std::to_string(it) +
                           ": the output-layer fit (eq. 4) is not finite"));
    return;
  }
  record(objective_,
         {{"logdet", sol.logdet},
          {"flips", flips},
          {"svd", sol.used_svd ? 1.0 : 0.0},
          {"gpu", on_gpu ? 1.0 : 0.0},
          {"restart", restart ? 1.0 : 0.0},
          {"objective", objective_},
          {"patterns", static_cast<double>(groups_.groups())},
          {"factor_rows", static_cast<double>(groups_.rows())}},
         &pred_);
}

}  // namespace lreg
