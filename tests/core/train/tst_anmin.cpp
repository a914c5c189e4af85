// Invariants of ANMIN (Barbu 2023, Algorithm 1) on small fixtures.
#include <gtest/gtest.h>

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <cmath>
#include <limits>
#include <memory>
#include <random>

#include "lreg/data/embedded.h"
#include "lreg/data/generators.h"
#include "lreg/train/anmin.h"

using namespace lreg;

namespace {

// (1, x) rows, x ~ N(0, I_d); y = sin(||x||^2) plus c - 1 further smooth outputs.
struct Fixture {
  Eigen::MatrixXd xt, ys;
};
Fixture makeFixture(int n, int d, int c, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> z;
  Fixture f;
  f.xt.resize(n, d + 1);
  f.ys.resize(n, c);
  for (int i = 0; i < n; ++i) {
    f.xt(i, 0) = 1;
    double r2 = 0;
    for (int p = 1; p <= d; ++p) {
      f.xt(i, p) = z(rng);
      r2 += f.xt(i, p) * f.xt(i, p);
    }
    for (int k = 0; k < c; ++k) f.ys(i, k) = std::sin(r2 + k) + 0.3 * k * f.xt(i, 1);
  }
  return f;
}

Eigen::MatrixXd gateDense(const Eigen::MatrixXd& xt, const Eigen::MatrixXd& A, double alpha) {
  return ((xt * A).array() > 0).select(Eigen::MatrixXd::Ones(xt.rows(), A.cols()), alpha);
}

std::shared_ptr<Dataset> simData(int d, int n, std::uint64_t seed) {
  return std::make_shared<Dataset>(
      generate("sim", {.seed = seed, .n_train = n, .n_test = n / 4, .dim = d}));
}

}  // namespace

// Grouping rows by firing pattern is exact: M, c, S^T S, S^T Y and f(x) equal the per-row sums.
TEST(Anmin, GroupedSystemsEqualPerRowSums) {
  for (double alpha : {0.0, 0.1}) {
    const Fixture f = makeFixture(600, 2, 2, 3);
    const Eigen::MatrixXd A = initHiddenUniform(2, 8, 5);
    const Eigen::MatrixXd B = Eigen::MatrixXd::Random(8, 2);
    const Eigen::RowVectorXd b0 = Eigen::RowVectorXd::Random(2);
    const FiringGroups grouped = groupByFiringPattern(f.xt, A, alpha, true);
    const FiringGroups rows = groupByFiringPattern(f.xt, A, alpha, false);
    EXPECT_LT(grouped.rows(), rows.rows() / 2) << "few inputs: far fewer patterns than rows";
    const Eigen::MatrixXd Mg = accumulateHiddenGram(grouped, B);
    const Eigen::MatrixXd Mr = accumulateHiddenGram(rows, B);

    // Reference straight from eqs. 6-8: z_i = (G_i o b_k) (x) x~_i summed over outputs k.
    const Eigen::MatrixXd G = gateDense(f.xt, A, alpha);
    const int n = 3 * 8;
    Eigen::MatrixXd Mref = Eigen::MatrixXd::Zero(n, n);
    Eigen::VectorXd cref = Eigen::VectorXd::Zero(n);
    for (Eigen::Index i = 0; i < f.xt.rows(); ++i)
      for (int k = 0; k < 2; ++k) {
        Eigen::VectorXd z(n);
        for (int j = 0; j < 8; ++j)
          z.segment(3 * j, 3) = G(i, j) * B(j, k) * f.xt.row(i).transpose();
        Mref += z * z.transpose();
        cref += (f.ys(i, k) - b0[k]) * z;
      }
    Mref /= 600.0;
    cref /= 600.0;
    EXPECT_LT((Mg - Mref).norm(), 1e-12 * Mref.norm());
    EXPECT_LT((Mr - Mref).norm(), 1e-12 * Mref.norm());
    const Eigen::MatrixXd Qg = groupMoments(grouped, f.xt, f.ys);
    EXPECT_LT((hiddenRhs(grouped, Qg, B, b0) - cref).norm(), 1e-12 * cref.norm());

    Eigen::MatrixXd S(600, 9);
    S.leftCols(8) = G.cwiseProduct(f.xt * A);
    S.col(8).setOnes();
    const Eigen::MatrixXd StS = S.transpose() * S / 600.0;
    EXPECT_LT((accumulateOutputGram(grouped, A, 100) - StS).norm(), 1e-12 * StS.norm());
    const Eigen::MatrixXd StY = S.transpose() * f.ys / 600.0;
    EXPECT_LT((outputRhs(grouped, Qg, A) - StY).norm(), 1e-12 * StY.norm());
    Eigen::MatrixXd pred = S.leftCols(8) * B;
    pred.rowwise() += b0;
    EXPECT_LT((predictGrouped(grouped, f.xt, A, B, b0) - pred).norm(), 1e-12 * pred.norm());
  }
}

// The factor rows of each pattern reproduce its scatter matrix, and no more of them than its
// rank, and the scatter columns hold its lower triangle: inputs on a line (rank 2 with the ones
// column) and one repeated point (rank 1).
TEST(Anmin, FactorRowsReproduceEachPatternsScatterAtItsRank) {
  for (const bool repeated : {false, true}) {
    Fixture f = makeFixture(900, 2, 1, 11);
    if (repeated) f.xt.rightCols(2).rowwise() = Eigen::RowVector2d(0.3, -0.7);
    f.xt.col(2) = 2.0 * f.xt.col(1);  // collinear (and still one point when repeated)
    const FiringGroups g = groupByFiringPattern(f.xt, initHiddenUniform(2, 6, 4), 0.0, true);
    const Eigen::Index rank = repeated ? 1 : 2;
    for (Eigen::Index k = 0; k < g.groups(); ++k) {
      Eigen::Matrix3d S = Eigen::Matrix3d::Zero(), F = Eigen::Matrix3d::Zero();
      Eigen::Index members = 0, rows = 0;
      for (Eigen::Index i = 0; i < f.xt.rows(); ++i)
        if (g.row_group[static_cast<size_t>(i)] == k) {
          S += f.xt.row(i).transpose() * f.xt.row(i);
          ++members;
        }
      for (Eigen::Index r = 0; r < g.rows(); ++r)
        if (g.factor_group[static_cast<size_t>(r)] == k) {
          F += g.factor.row(r).transpose() * g.factor.row(r);
          ++rows;
        }
      EXPECT_LT((F - S).norm(), 1e-12 * S.norm()) << "pattern " << k;
      // The scatter column: S's lower triangle column by column, then zeros to 8 rows.
      ASSERT_EQ(g.scatter.rows(), 8);
      const double tri[] = {S(0, 0), S(1, 0), S(2, 0), S(1, 1), S(2, 1), S(2, 2), 0, 0};
      for (Eigen::Index r = 0; r < 8; ++r)
        EXPECT_NEAR(g.scatter(r, k), tri[r], 1e-12 * S.norm()) << "pattern " << k << " row " << r;
      // A pattern of at most d + 1 = 3 rows keeps them; a larger one gets its rank's worth.
      EXPECT_EQ(rows, members <= 3 ? members : rank) << "pattern " << k << " of " << members;
    }
  }
}

// Theorem 1: with the firing pattern frozen, the solution of eq. 9 zeroes the gradient of eq. 5.
TEST(Anmin, FrozenPatternSolveIsACriticalPoint) {
  const Fixture f = makeFixture(800, 3, 1, 7);
  const double lambda = 1e-3, alpha = 0.1;
  const Eigen::MatrixXd A0 = initHiddenUniform(3, 12, 2);
  const FiringGroups g = groupByFiringPattern(f.xt, A0, alpha);
  const Eigen::MatrixXd Q = groupMoments(g, f.xt, f.ys);
  const RegularizedSolve out =
      solveRegularized(accumulateOutputGram(g, A0, 256), lambda, outputRhs(g, Q, A0));
  const Eigen::MatrixXd B = out.x.topRows(12);
  const Eigen::RowVectorXd b0 = out.x.row(12);
  const Eigen::VectorXd c = hiddenRhs(g, Q, B, b0);
  const RegularizedSolve s = solveRegularized(accumulateHiddenGram(g, B), lambda, c);
  ASSERT_FALSE(s.used_svd);
  const Eigen::MatrixXd A = Eigen::Map<const Eigen::MatrixXd>(s.x.data(), 4, 12);

  // dL/da_j of eq. 5 at A with G from A0: 2/N sum_i r_i b_j G_ij x~_i + 2 lambda a_j.
  const Eigen::MatrixXd G = gateDense(f.xt, A0, alpha);
  Eigen::MatrixXd r = G.cwiseProduct(f.xt * A) * B;
  r.rowwise() += b0;
  r -= f.ys;
  const Eigen::MatrixXd dH = G.cwiseProduct(r * B.transpose());
  const Eigen::MatrixXd grad = 2.0 / 800 * f.xt.transpose() * dH + 2 * lambda * A;
  EXPECT_LT(grad.norm(), 1e-10 * c.norm() + 1e-13) << "gradient " << grad.norm();
  // ...and a minimum of the frozen quadratic: moving A raises eq. 5.
  auto loss5 = [&](const Eigen::MatrixXd& Am) {
    Eigen::MatrixXd p = G.cwiseProduct(f.xt * Am) * B;
    p.rowwise() += b0;
    return (p - f.ys).squaredNorm() / 800 + lambda * Am.squaredNorm();
  };
  EXPECT_LT(loss5(A), loss5(A + 1e-3 * Eigen::MatrixXd::Random(4, 12)));
}

// Lines 17-20: the kept model's loss (eq. 1) never increases, and the report is that model.
TEST(Anmin, KeptModelLossNeverIncreases) {
  AnminOptions o;
  o.net.hidden = 16;
  o.iters = 15;
  Anmin t(simData(2, 1500, 4), o);
  const NetTrainReport r = t.run();
  ASSERT_TRUE(r.status.ok()) << r.status.message;
  ASSERT_EQ(r.history.points.size(), 16u);
  double running_min = std::numeric_limits<double>::infinity();
  double prev_best = running_min;
  for (const auto& p : r.history.points) {
    running_min = std::min(running_min, p.extra.at("objective"));
    const double best = p.extra.at("best_objective");
    EXPECT_LE(best, prev_best);
    EXPECT_DOUBLE_EQ(best, running_min);
    prev_best = best;
  }
  EXPECT_NEAR(r.train.mse, r.history.last().extra.at("best_train_mse"), 1e-12 * r.train.mse);
  EXPECT_LT(r.train.mse, r.history.points[0].train_loss);
}

// Lines 9-12 on a singular system: a dead unit (never fires) gives M a zero row and column, so
// with lambda = 0 Cholesky fails (log-det -inf) and the clamped pseudo-inverse gives a finite
// solution that matches the eigenvalue formula.
TEST(Anmin, SvdFallbackOnASingularSystem) {
  Eigen::MatrixXd Z = Eigen::MatrixXd::Random(10, 6);
  Z.col(5).setZero();
  const Eigen::MatrixXd M = Z.transpose() * Z;
  const Eigen::VectorXd rhs = Eigen::VectorXd::Random(6);
  const RegularizedSolve s = solveRegularized(M, 0.0, rhs);
  EXPECT_TRUE(s.used_svd);
  EXPECT_EQ(s.logdet, -std::numeric_limits<double>::infinity());
  ASSERT_TRUE(s.x.allFinite());
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(M);
  const Eigen::VectorXd inv = eig.eigenvalues().cwiseMax(1e-4).cwiseInverse();
  const Eigen::VectorXd ref =
      eig.eigenvectors() * inv.asDiagonal() * eig.eigenvectors().transpose() * rhs;
  EXPECT_LT((s.x - ref).norm(), 1e-9 * ref.norm());
  // A regular system takes the Cholesky branch.
  const RegularizedSolve ok = solveRegularized(M, 1e-3, rhs);
  EXPECT_FALSE(ok.used_svd);
  EXPECT_TRUE(std::isfinite(ok.logdet));
}

// The whole algorithm through the fallback (tau = +inf forces it at every iteration).
TEST(Anmin, RunsThroughTheSvdFallback) {
  AnminOptions o;
  o.net.hidden = 12;
  o.iters = 8;
  o.lambda = 0.0;
  o.tau = std::numeric_limits<double>::infinity();
  Anmin t(simData(2, 800, 5), o);
  const NetTrainReport r = t.run();
  ASSERT_TRUE(r.status.ok()) << r.status.message;
  for (size_t i = 1; i < r.history.points.size(); ++i)
    EXPECT_EQ(r.history.points[i].extra.at("svd"), 1.0);
  EXPECT_LT(r.train.mse, r.history.points[0].train_loss);
}

// Table 5's ablation switches, each tau-triggered at a chosen iteration: with tau between the
// log-dets of the regular run, "stop" ends the run at the first failing test with the model of
// the step before; "restart" draws A again there (not the pseudo-inverse's A) and goes on; the
// iterations before the first failure equal the pseudo-inverse run exactly.
TEST(Anmin, DegenerateSystemsStopOrRestartInsteadOfThePseudoInverse) {
  AnminOptions o;
  o.net.hidden = 12;
  o.iters = 8;
  const auto data = simData(2, 800, 5);
  Anmin ref(data, o);
  const NetTrainReport base = ref.run();
  ASSERT_TRUE(base.status.ok());
  // tau just above iteration 3's log-det: the test fails there first (or earlier).
  int first = -1;
  o.tau = base.history.points[3].extra.at("logdet") + 1e-9;
  for (int i = 1; i <= 3; ++i)
    if (!(base.history.points[static_cast<size_t>(i)].extra.at("logdet") > o.tau)) {
      first = i;
      break;
    }
  ASSERT_GE(first, 1);

  o.degenerate = AnminDegenerate::Stop;
  Anmin stop(data, o);
  const NetTrainReport s = stop.run();
  ASSERT_TRUE(s.status.ok()) << s.status.message;
  EXPECT_EQ(stop.completedSteps(), first);
  ASSERT_EQ(s.history.points.size(), static_cast<size_t>(first) + 1);
  EXPECT_EQ(s.history.last().extra.at("svd"), 1.0);
  EXPECT_EQ(s.history.last().train_loss,
            s.history.points[static_cast<size_t>(first) - 1].train_loss);
  for (int i = 0; i < first; ++i)
    EXPECT_EQ(s.history.points[static_cast<size_t>(i)].train_loss,
              base.history.points[static_cast<size_t>(i)].train_loss);

  o.degenerate = AnminDegenerate::Restart;
  Anmin restart(data, o);
  const NetTrainReport r = restart.run();
  ASSERT_TRUE(r.status.ok()) << r.status.message;
  EXPECT_EQ(r.history.points.size(), 9u);
  const auto& at = r.history.points[static_cast<size_t>(first)].extra;
  EXPECT_EQ(at.at("restart"), 1.0);
  EXPECT_EQ(at.at("svd"), 1.0);
  o.degenerate = AnminDegenerate::Pinv;
  Anmin pinv(data, o);
  const NetTrainReport p = pinv.run();
  EXPECT_EQ(p.history.points[static_cast<size_t>(first)].extra.at("restart"), 0.0);
  EXPECT_NE(r.history.points[static_cast<size_t>(first)].train_loss,
            p.history.points[static_cast<size_t>(first)].train_loss);
  EXPECT_EQ(parseAnminDegenerate(toString(AnminDegenerate::Restart)), AnminDegenerate::Restart);
  EXPECT_THROW(parseAnminDegenerate("retry"), InputError);
}

// alpha = 1 makes the net linear, f = x~ (A B) + b0: ANMIN then lands on the ridge fit with the
// same lambda. The penalties differ (lambda (|A|^2 + |B|^2) vs lambda |w|^2), so the two agree
// to O(lambda) relative: with lambda = 1e-4 predictions agree to 1e-3 of std(y).
TEST(Anmin, LeakyAlphaOneIsTheRidgeLinearFit) {
  auto data = std::make_shared<Dataset>();
  const Fixture f = makeFixture(1000, 3, 1, 11);
  data->name = "linear";
  data->x_train = f.xt.rightCols(3);
  const Eigen::Vector3d w_true(1.5, -0.7, 0.3);
  Eigen::MatrixXd y = data->x_train * w_true + 0.1 * f.ys;
  y.array() += 2.0;
  data->y_train = y;
  data->x_test = data->x_train.topRows(100);
  data->y_test = data->y_train.topRows(100);
  AnminOptions o;
  o.net.hidden = 4;
  o.net.alpha = 1.0;
  o.iters = 20;
  o.lambda = 1e-4;
  Anmin t(data, o);
  const NetTrainReport r = t.run();
  ASSERT_TRUE(r.status.ok()) << r.status.message;

  // Ridge on the same scaled data: inputs standardised, targets centred (NetOptions defaults).
  const Standardizer in = Standardizer::fit(data->x_train), out = r.model.outputScaling();
  const Eigen::MatrixXd X = withOnes(in.apply(data->x_train));
  const Eigen::MatrixXd ys = out.apply(data->y_train);
  Eigen::MatrixXd K = X.transpose() * X / 1000.0;
  K.diagonal().array() += o.lambda;
  const Eigen::LLT<Eigen::MatrixXd> llt(K);
  const Eigen::MatrixXd rhs = X.transpose() * ys / 1000.0;
  const Eigen::VectorXd w = llt.solve(rhs);
  const Eigen::MatrixXd ridge = out.invert(X * w);
  const Eigen::MatrixXd net = r.model.predict(data->x_train);
  const double sd = std::sqrt((data->y_train.array() - data->y_train.mean()).square().mean());
  EXPECT_LT(std::sqrt((net - ridge).squaredNorm() / 1000.0), 1e-3 * sd);
}

// Train MSE of the first 5 iterations on the SDF decoder (split seed 1, defaults, h = 64), as
// recorded from the code of commit 1f7d452 (Eigen SYRK, one thread, batch 1024) before the BLAS
// kernels, and the number of firing-pattern entries each iteration flipped. Any kernel, thread
// count or dispatch path must flip the same entries and reproduce the MSE up to rounding. The
// system amplifies rounding ~3x per iteration: that code itself, run with --batch 4096 or 256
// (a reordering of the same sums), differs from its batch-1024 values by up to 4e-10, 3.9e-9,
// 1e-8 and 3.2e-8 at iterations 2-5 (and OpenBLAS's Prescott kernels by 2.7e-9 at iteration
// 3). So the bound is 1e-9 relative to iteration 2, 1e-8 at 3, 1e-7 at 4 and 5.
TEST(Anmin, SdfFirstIterationsMatchTheRecordedReference) {
  const Dataset all = sdfDecoder();
  auto data = std::make_shared<Dataset>(splitDataset(all.x_train, all.y_train, 0.2, 1, all.name));
  AnminOptions o;
  o.iters = 5;
  o.device = AnminDevice::Cpu;
  Anmin t(data, o);
  const NetTrainReport r = t.run();
  ASSERT_TRUE(r.status.ok()) << r.status.message;
  const double ref[] = {49.795073625625,    23.14760215778297, 15.90725613998698,
                        11.586993927505407, 9.537720942751909, 8.758131199354288};
  const double flips[] = {851452, 714251, 620145, 359684, 339335};
  ASSERT_EQ(r.history.points.size(), 6u);
  for (size_t i = 0; i < 6; ++i) {
    const double tol = i <= 2 ? 1e-9 : i == 3 ? 1e-8 : 1e-7;
    EXPECT_NEAR(r.history.points[i].train_loss, ref[i], tol * ref[i]) << "iteration " << i;
    if (i > 0) {
      EXPECT_EQ(r.history.points[i].extra.at("flips"), flips[i - 1]) << "iteration " << i;
    }
  }
}

// The kernel's threads split the work, not the sums: M is the same to the last bit.
TEST(Anmin, HiddenGramIsIndependentOfTheThreadCount) {
  const Fixture f = makeFixture(3000, 4, 1, 8);
  const Eigen::MatrixXd A = initHiddenUniform(4, 13, 2);
  const Eigen::MatrixXd B = Eigen::MatrixXd::Random(13, 1);
  const FiringGroups g = groupByFiringPattern(f.xt, A, 0.0, false);
  const Eigen::MatrixXd M1 = accumulateHiddenGram(g, B, 1);
  for (int t : {2, 3, 13, 40}) EXPECT_EQ(accumulateHiddenGram(g, B, t), M1) << t << " threads";
}
