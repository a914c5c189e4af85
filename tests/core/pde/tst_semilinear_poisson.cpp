#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "lreg/pde/parameter_map.h"
#include "lreg/pde/semilinear_poisson.h"

using namespace lreg;

namespace {

constexpr double kPi = std::numbers::pi;

// u* = beta + a sin(pi x) sin(pi y) solves the problem with g = -2 pi^2 (u* - beta) + (u* -
// beta)^2.
double manufacturedError(int cells, double a, double beta) {
  SemilinearPoissonSolver solver({.cells = cells});
  const auto s = solver.solve(beta, [a](double x, double y) {
    const double w = a * std::sin(kPi * x) * std::sin(kPi * y);
    return -2 * kPi * kPi * w + w * w;
  });
  EXPECT_TRUE(s.status.ok()) << s.status.message;
  double e = 0;
  for (int j = 0; j <= cells; ++j)
    for (int i = 0; i <= cells; ++i)
      e = std::max(e, std::abs(s.at(i, j) - beta -
                               a * std::sin(kPi * i / cells) * std::sin(kPi * j / cells)));
  return e;
}

}  // namespace

TEST(SemilinearPoisson, AManufacturedSolutionIsMatchedAtOrderTwo) {
  // Both signs of u - beta: the nonlinearity helps (a < 0) or works against (a > 0) the Laplacian.
  for (double a : {-0.25, 0.5}) {
    const double e16 = manufacturedError(16, a, 1.5), e32 = manufacturedError(32, a, 1.5),
                 e64 = manufacturedError(64, a, 1.5);
    EXPECT_NEAR(std::log2(e16 / e32), 2.0, 0.05) << "a = " << a;
    EXPECT_NEAR(std::log2(e32 / e64), 2.0, 0.05) << "a = " << a;
    // The 5-point truncation error of sin(pi x) sin(pi y): (pi h)^2 / 12 of the amplitude.
    EXPECT_LT(e64, std::abs(a) * std::pow(kPi / 64, 2) / 12 * 1.5);
  }
}

TEST(SemilinearPoisson, ThePapersProblemConvergesAtOrderTwoUnderRefinement) {
  std::vector<double> centre;
  for (int cells : {8, 16, 32, 64}) {
    SemilinearPoissonSolver solver({.cells = cells});
    const auto s = solver.solveAppendixC1(kPi / 2, 2.0);
    ASSERT_TRUE(s.status.ok()) << s.status.message;
    centre.push_back(s.at(cells / 2, cells / 2));
    EXPECT_NEAR(s.interpolate(0.5, 0.5), centre.back(), 1e-14);
  }
  for (size_t k = 0; k + 2 < centre.size(); ++k)
    EXPECT_NEAR(std::log2((centre[k] - centre[k + 1]) / (centre[k + 1] - centre[k + 2])), 2.0,
                0.05);
  // Delta w = g - w^2 > 0 with w = 0 on the boundary: w = u - beta is negative inside.
  EXPECT_LT(centre.back() - 2.0, -0.05);
}

TEST(SemilinearPoisson, NewtonConvergesQuadraticallyFromUEqualsBeta) {
  SemilinearPoissonSolver solver({.cells = 32, .max_iterations = 30, .tolerance = 1e-12});
  for (double alpha : {-kPi / 2, 0.0, 1.0}) {
    const auto s = solver.solveAppendixC1(alpha, 4.0);
    ASSERT_TRUE(s.status.ok()) << s.status.message;
    ASSERT_EQ(s.residuals.size(), static_cast<size_t>(s.iterations) + 1);
    EXPECT_LE(s.iterations, 5);
    EXPECT_LE(s.residuals.back(), 1e-12);
    // r_{k+1} <= C r_k^2 on every step above the rounding floor; a linearly convergent iteration
    // (e.g. a Jacobian without the 2 (u - beta) term, rate ~0.03 here) fails this at r_k ~ 1e-4.
    for (size_t k = 0; k + 1 < s.residuals.size(); ++k)
      if (s.residuals[k + 1] > 1e-11) {
        EXPECT_LE(s.residuals[k + 1], 0.05 * s.residuals[k] * s.residuals[k])
            << "alpha " << alpha << " step " << k;
      }
  }
}

TEST(SemilinearPoisson, BetaOnlyShiftsTheSolutionAndIsTheBoundaryValue) {
  SemilinearPoissonSolver solver({.cells = 16});
  const auto a = solver.solveAppendixC1(0.7, 0.0), b = solver.solveAppendixC1(0.7, 5.0);
  ASSERT_TRUE(a.status.ok() && b.status.ok());
  EXPECT_LT((b.u.array() - a.u.array() - 5.0).abs().maxCoeff(), 1e-12);
  for (int k = 0; k <= 16; ++k) {
    EXPECT_EQ(b.at(0, k), 5.0);
    EXPECT_EQ(b.at(16, k), 5.0);
    EXPECT_EQ(b.at(k, 0), 5.0);
    EXPECT_EQ(b.at(k, 16), 5.0);
  }
}

TEST(SemilinearPoisson, WhereNoSolutionIsNearNewtonReportsNoConvergence) {
  // Delta w + w^2 = -lambda has no solution for large lambda (the fold of -Delta w = w^2 + lambda).
  SemilinearPoissonSolver solver({.cells = 32});
  const auto stalled = solver.solve(0.0, [](double, double) { return -100.0; });
  EXPECT_EQ(stalled.status.code, StatusCode::NoConvergence);
  EXPECT_NE(stalled.status.message.find("did not converge in 30 steps"), std::string::npos)
      << stalled.status.message;
  const auto diverged = solver.solve(0.0, [](double, double) { return -1000.0; });
  EXPECT_EQ(diverged.status.code, StatusCode::NoConvergence);
  EXPECT_NE(diverged.status.message.find("diverged"), std::string::npos) << diverged.status.message;
  EXPECT_LT(diverged.iterations, 30);
  // The same solver still solves a solvable problem afterwards.
  EXPECT_TRUE(solver.solveAppendixC1(1.0, 1.0).status.ok());
  SemilinearPoissonSolver one({.cells = 16, .max_iterations = 1});
  EXPECT_EQ(one.solveAppendixC1(1.0, 1.0).status.code, StatusCode::NoConvergence);
  EXPECT_EQ(one.solve(NAN, appendixC1Rhs(1.0)).status.code, StatusCode::InvalidInput);
  EXPECT_EQ(one.solve(0, [](double, double) { return NAN; }).status.code, StatusCode::InvalidInput);
  EXPECT_THROW(SemilinearPoissonSolver({.cells = 1}), InputError);
  EXPECT_THROW(SemilinearPoissonSolver({.cells = 8, .max_iterations = 0}), InputError);
}

TEST(ParameterMap, TargetsAreTheSolverValuesAtThe49NodesWhateverTheThreads) {
  ParameterMapOptions o;
  o.n_train = 30;
  o.n_test = 10;
  o.cells = 16;
  o.seed = 3;
  o.threads = 1;
  const ParameterMapData one = makeParameterMapData(o);
  o.threads = 2;
  const ParameterMapData two = makeParameterMapData(o);
  ASSERT_TRUE(one.status.ok() && two.status.ok());
  const Dataset& d = one.data;
  ASSERT_EQ(d.y_train.cols(), 49);
  EXPECT_EQ(d.x_test.rows(), 10);
  EXPECT_EQ(d.y_train, two.data.y_train);
  EXPECT_EQ(d.y_test, two.data.y_test);
  EXPECT_GE(d.x_train.col(0).minCoeff(), -kPi / 2);
  EXPECT_LE(d.x_train.col(0).maxCoeff(), kPi / 2);
  EXPECT_GE(d.x_train.col(1).minCoeff(), 0.0);
  EXPECT_LE(d.x_train.col(1).maxCoeff(), 2 * kPi);
  SemilinearPoissonSolver solver({.cells = 16});
  const auto s = solver.solveAppendixC1(d.x_test(4, 0), d.x_test(4, 1));
  EXPECT_EQ(d.y_test(4, kParameterMapCentre), s.at(8, 8));
  EXPECT_EQ(d.y_test(4, 0), s.at(2, 2));     // node (1/8, 1/8)
  EXPECT_EQ(d.y_test(4, 48), s.at(14, 14));  // node (7/8, 7/8)
  EXPECT_EQ(d.y_test(4, 1), s.at(4, 2));     // x varies fastest
  EXPECT_EQ(d.output_names[kParameterMapCentre], "u(4/8,4/8)");
  o.cells = 12;
  EXPECT_THROW(makeParameterMapData(o), InputError);
  o.cells = 16;
  o.threads = 1;
  int calls = 0;
  o.n_train = 600;
  const ParameterMapData cut =
      makeParameterMapData(o, [&](const Progress&) { return ++calls < 1; });
  EXPECT_EQ(cut.status.code, StatusCode::Cancelled);
  EXPECT_EQ(calls, 1);
}
