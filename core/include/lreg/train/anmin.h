#pragma once
// ANMIN: Barbu (2023), Algorithm 1 - train f(x) = sigma((1, x^T) A) B + b0 by alternately
// solving for the output layer (ridge, eq. 4) and for the hidden layer with the firing pattern
// F = I(XA > 0) frozen (eqs. 6-9), keeping the model with the least loss (eq. 1).
//
// The paper's typos, mended: eq. 4's right-hand side carries the 1/N of its left,
// (S^T S / N + lambda I) (b_k; b0_k) = S^T y_k / N; eq. 8 reads
// v_j = 1/N sum_k sum_i b_jk (y_ik - b0_k) G_ij x~_i with x~_i = (1, x_i^T); the SVD floor of
// line 11 applies to all (d+1)h singular values; line 12 is the pseudo-inverse V D^-1 U^T c.
//
// Speed: M = sum_i (G_i G_i^T o B B^T) (x) x~_i x~_i^T / N is a symmetric rank-N update of size
// n = (d+1)h. Rows that share a firing pattern g share the factor (g g^T o BB^T), so they are
// grouped and their sum_i x~_i x~_i^T (a (d+1)^2 matrix of rank <= d+1) is replaced by at most
// d+1 factor rows (pivoted Cholesky): M becomes a rank-R update with R <= N. For few inputs d
// the number of distinct patterns is small (SDF, d = 2, h = 64: ~2k patterns for 58k rows), so
// this cuts the dominant O(N n^2) work ~10x, exactly. The accumulation itself needs only the
// (d+1)(d+2)/2 distinct entries of each pattern's scatter matrix, and, with ReLU gates, block
// (j, l) only the patterns where both units j and l fire (see accumulateHiddenGram): sums of
// those scatter matrices, ~8x fewer operations than the dense SYRK for d = 13 even where every
// row has its own pattern, by a dispatched kernel (lreg/linalg/cpu_dispatch.h). M and its
// Cholesky factor are double precision throughout (the log-det test and the kept model depend
// on it).
//
// Threads: NetOptions::threads is the number of threads of this trainer's M accumulation and
// firing bits (its own fork-join; OpenBLAS runs single-threaded inside, see lreg/linalg/blas.h), so
// two trainers in one process each use their own count: the race gives each one thread when it runs
// them together, all cores when it runs them one at a time. The thread count does not change the
// result (each block of M is summed in the same order). Equal per iteration up to rounding:
// batch, compress and the kernels change the order of the sums only, but the system is
// ill-conditioned and over 30 iterations a rounding-level change can flip firing patterns, after
// which the runs differ (quote mean +- sd over seeds, not one run).
#include <Eigen/Core>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "lreg/train/net_trainer.h"

namespace lreg {

namespace gpu {
class Linalg;
}

// Where the hidden-layer system (M accumulation and solve) runs. Auto: on the GPU when one is
// available and the iteration's accumulation is at least kAnminGpuMinFlops, else on the CPU.
// Cuda: on the GPU whenever one is available. Either falls back to the CPU, per iteration, when
// the GPU solve fails (not SPD, the tau test, a CUDA error), so the SVD fallback stays the CPU's.
enum class AnminDevice { Auto, Cpu, Cuda };
AnminDevice parseAnminDevice(const std::string& s);  // "auto", "cpu", "cuda"
std::string toString(AnminDevice d);

// R n (n + 1) flops (SYRK over R factor rows, n = (d+1)h) from which Auto uses the GPU. The
// CPU's pattern sums do the work of such a SYRK at ~150-270 GFLOP/s-equivalent on two cores
// (bench_anmin: ~0.7 ms for SDF's 1.1e8, ~42 ms for sim d = 13's 1.1e10), so 1e9 is ~4-7 ms,
// against an estimated few ms of fixed GPU cost per iteration (uploads of R(d+1) + Kh doubles,
// three small kernels, three synchronising copies; not yet measured on a GPU) plus a one-off
// ~0.1-1 s (loading cuBLAS/cuSOLVER, the CUDA context, the handles) that 30 such iterations
// repay. SDF with h = 64 (1.1e8) and h = 128 (n = 384, R ~ 3-4k: ~5e8) stay on the CPU; SDF
// without grouping (2e9) and sim d = 13 go to the GPU.
inline constexpr double kAnminGpuMinFlops = 1e9;

// What an iteration does when the hidden-layer system fails the tau test of line 7 (Barbu's
// ablation, section 3.3 and Table 5): Pinv, Algorithm 1's clamped pseudo-inverse (lines 10-12);
// Stop, the run ends there with the model it has (experiment 1); Restart, A is drawn at random
// again (seed mixed with the iteration) and B refitted (experiment 2). With lambda > 0 the test
// fails only where Cholesky fails numerically, see docs/anmin.md.
enum class AnminDegenerate { Pinv, Stop, Restart };
AnminDegenerate parseAnminDegenerate(const std::string& s);  // "pinv", "stop", "restart"
std::string toString(AnminDegenerate d);

struct AnminOptions {
  NetOptions net;
  int iters = 30;           // E, iterations of Algorithm 1
  double lambda = 1e-3;     // ridge lambda of eq. 1, both layers (scaled units, see NetOptions)
  double tau = -10000;      // log-det threshold of line 7
  double svd_floor = 1e-4;  // line 11: singular values below are raised to this
  int batch = 4096;         // factor rows per block of the output-layer Gram matrix (memory;
                            // equal per iteration up to rounding)
  bool compress = true;     // group rows by firing pattern (exact up to rounding; off = one
                            // row per sample)
  bool keep_best = true;    // lines 17-20
  AnminDegenerate degenerate = AnminDegenerate::Pinv;
  AnminDevice device = AnminDevice::Auto;
};

// Rows of the training set grouped by firing pattern. gate column k holds the pattern of group
// k as G values (1 firing, alpha not firing); scatter column k holds the lower triangle of
// S_k = sum_{i in k} x~_i^T x~_i, (S_k)_pq for q = 0..d, p = q..d, then zeros up to a multiple
// of 8 rows; factor rows l_r with factor_group[r] = k satisfy sum_r l_r^T l_r = S_k. Within a group
// the net is linear in x~ (sigma(x~ A) = x~ A diag(g)), so eqs. 4, 7, 8 and the predictions all
// reduce to per-group sums.
struct FiringGroups {
  Eigen::MatrixXd factor;              // R x (d+1)
  std::vector<int> factor_group;       // R, non-decreasing
  Eigen::MatrixXd gate;                // h x K
  Eigen::MatrixXd scatter;             // P8 x K, P8 = (d+1)(d+2)/2 rounded up to a multiple of 8
  std::vector<int> row_group;          // N: group of each sample
  std::vector<std::uint64_t> pattern;  // N x words: firing bits of each sample (row-major)
  Eigen::Index samples = 0, words = 0;
  double alpha = 0;  // the gate of a unit that does not fire
  Eigen::Index groups() const { return gate.cols(); }
  Eigen::Index rows() const { return factor.rows(); }
};

// F = I(xt A > 0) for xt: N x (d+1) with the leading ones, A: (d+1) x h, computed in row blocks
// (no N x h matrix is formed). compress = false: one group per sample. threads: of the firing
// bits (<= 0: one per core); the groups do not depend on it.
FiringGroups groupByFiringPattern(const Eigen::MatrixXd& xt, const Eigen::MatrixXd& A, double alpha,
                                  bool compress = true, int threads = 1);
// Entries of the firing pattern that differ between two groupings of the same samples.
std::int64_t countFlips(const FiringGroups& a, const FiringGroups& b);

// Per-group moments of (y, 1): (d+1) x K(c+1); block k = (sum_{i in k} x~_i^T y_i, sum x~_i^T).
Eigen::MatrixXd groupMoments(const FiringGroups& g, const Eigen::MatrixXd& xt,
                             const Eigen::MatrixXd& y);

// Eq. (7) with the 1/N of eq. (6): n x n, n = (d+1)h, both triangles filled; entry
// (j (d+1) + p, l (d+1) + q) = sum_k b_jk b_lk (U_jl)_pq with U_jl = sum_k g_kj g_kl S_k.
// threads: the kernel's own threads (<= 0: one per core).
Eigen::MatrixXd accumulateHiddenGram(const FiringGroups& g, const Eigen::MatrixXd& B,
                                     int threads = 0);
// Eq. (8) mended: c (n) with c_{j(d+1)+p} = v_jp.
Eigen::VectorXd hiddenRhs(const FiringGroups& g, const Eigen::MatrixXd& moments,
                          const Eigen::MatrixXd& B, const Eigen::RowVectorXd& b0);
// Eq. (4), S = (sigma(xt A), 1): S^T S / N ((h+1) x (h+1)) and S^T Y / N ((h+1) x c), bias last.
Eigen::MatrixXd accumulateOutputGram(const FiringGroups& g, const Eigen::MatrixXd& A, int batch);
Eigen::MatrixXd outputRhs(const FiringGroups& g, const Eigen::MatrixXd& moments,
                          const Eigen::MatrixXd& A);
// f(x_i) for the grouped samples (N x c), by x~_i (A diag(g) B) + b0.
Eigen::MatrixXd predictGrouped(const FiringGroups& g, const Eigen::MatrixXd& xt,
                               const Eigen::MatrixXd& A, const Eigen::MatrixXd& B,
                               const Eigen::RowVectorXd& b0);

// Lines 7-13: x = (M + lambda I)^-1 rhs by Cholesky when ln|M + lambda I| > tau, else by the
// clamped pseudo-inverse. M + lambda I is symmetric positive semi-definite, so its SVD is its
// eigen-decomposition; the symmetric eigensolver is used (same result, no U/V sign noise) and
// eigenvalues below svd_floor are raised to it. logdet = -inf when Cholesky fails.
struct RegularizedSolve {
  Eigen::MatrixXd x;
  double logdet = -std::numeric_limits<double>::infinity();
  bool used_svd = false;
};
RegularizedSolve solveRegularized(const Eigen::MatrixXd& M, double lambda,
                                  const Eigen::MatrixXd& rhs, double tau = -10000,
                                  double svd_floor = 1e-4);

// History extras per point: logdet (hidden system; null at point 0 and when Cholesky fails),
// flips (firing-pattern entries that changed with this step's A; null at point 0), svd (1 when
// the fallback ran), objective (eq. 1, standardised), patterns (distinct firing patterns K),
// factor_rows (R), gpu (1 when the hidden-layer system ran on the GPU), restart (1 when the
// degenerate policy drew A again), plus train_r2, test_r2, best_train_mse.
class Anmin : public NetTrainer {
 public:
  // Lines 1-3: random A (initHiddenUniform), B by eq. 4, loss l0 -> history point 0.
  Anmin(std::shared_ptr<const Dataset> data, AnminOptions options = {});
  ~Anmin() override;
  const AnminOptions& options() const { return opt_; }
  // One line: the device chosen (or why not the GPU), plus the first per-iteration CPU fallback.
  const std::string& deviceMessage() const { return device_message_; }

 private:
  void advance() override;  // lines 5-20
  bool fitOutputLayer();    // eq. 4 on net_.A(); false on a non-finite result
  // Eqs. 7 and 9 on the GPU when the device policy asks for it; false: the CPU runs them, with
  // *M set when the GPU had accumulated M before its solve failed.
  bool solveHiddenOnGpu(const Eigen::VectorXd& rhs, int iteration, RegularizedSolve& sol,
                        Eigen::MatrixXd* M);

  AnminOptions opt_;
  FiringGroups groups_;      // of net_.A() on the training set
  Eigen::MatrixXd moments_;  // groupMoments of groups_ and the targets
  Eigen::MatrixXd pred_;     // train predictions, standardised
  double objective_ = 0;
  bool gpu_allowed_ = false;          // device policy and a device present
  bool gpu_fell_back_ = false;        // a fallback is already in device_message_
  std::unique_ptr<gpu::Linalg> gpu_;  // created on first GPU use
  std::string device_message_;
};

}  // namespace lreg
