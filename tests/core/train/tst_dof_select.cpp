// DoF selection: one curve point per candidate with a finite spread, the test rows never read,
// and on a target with a known best resolution the chosen DoF lands on it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "lreg/common/status.h"
#include "lreg/train/dof_select.h"

namespace {

// A piecewise-linear target with kinks at j / 8: exactly a P1 fit on the uniform mesh of 9
// nodes over [0, 1]. Fewer or other node counts miss kinks (bias); 17 nodes also hold the
// kinks but fit twice the noise. Noise sd 0.05.
lreg::Dataset kinked(int n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::normal_distribution<double> noise(0, 0.05);
  const double knot_values[9] = {0, 1, -0.5, 0.8, 0.2, 1.2, -0.3, 0.4, 0};
  auto f = [&](double x) {
    const int j = std::min(7, static_cast<int>(x * 8));
    const double t = x * 8 - j;
    return (1 - t) * knot_values[j] + t * knot_values[j + 1];
  };
  lreg::Dataset d;
  d.name = "kinked";
  d.x_train.resize(n, 1);
  d.y_train.resize(n, 1);
  for (int i = 0; i < n; ++i) {
    d.x_train(i, 0) = u(rng);
    d.y_train(i, 0) = f(d.x_train(i, 0)) + noise(rng);
  }
  d.x_test = Eigen::MatrixXd::Constant(50, 1, 0.5);
  d.y_test = Eigen::MatrixXd::Constant(50, 1, 0.1);
  d.domain_lo = Eigen::VectorXd::Constant(1, 0.0);
  d.domain_hi = Eigen::VectorXd::Constant(1, 1.0);
  return d;
}

// A fixed uniform mesh (no MRC steps): the selection alone decides the DoF.
lreg::Mrc1DOptions uniformMesh() {
  lreg::Mrc1DOptions o;
  o.init = lreg::MeshInit::Uniform;
  o.epochs = 0;
  return o;
}

lreg::DofSelectOptions ladder(lreg::DofSearch search) {
  lreg::DofSelectOptions s;
  s.search = search;
  s.candidates = {5, 7, 9, 11, 13, 17, 25};
  return s;
}

TEST(SelectDof1D, CurveHasOnePointPerCandidateWithFiniteSpread) {
  const auto sel =
      lreg::selectDof1D(kinked(1200, 1), uniformMesh(), ladder(lreg::DofSearch::KFold));
  ASSERT_EQ(sel.curve.size(), 7u);
  EXPECT_EQ(sel.folds, 5);
  for (size_t c = 0; c < sel.curve.size(); ++c) {
    EXPECT_EQ(sel.curve[c].dof, ladder(lreg::DofSearch::KFold).candidates[c]);
    EXPECT_TRUE(std::isfinite(sel.curve[c].mae_mean));
    EXPECT_TRUE(std::isfinite(sel.curve[c].mae_sd));
    EXPECT_GT(sel.curve[c].mae_sd, 0);
  }
  const auto best = std::min_element(sel.curve.begin(), sel.curve.end(),
                                     [](auto& a, auto& b) { return a.mae_mean < b.mae_mean; });
  EXPECT_EQ(best->dof, sel.dof);
}

TEST(SelectDof1D, LandsOnTheKnownBestResolution) {
  for (unsigned seed : {1u, 2u, 3u}) {
    const auto sel =
        lreg::selectDof1D(kinked(1500, seed), uniformMesh(), ladder(lreg::DofSearch::KFold));
    EXPECT_EQ(sel.dof, 9) << "seed " << seed;
  }
}

TEST(SelectDof1D, GrowStopsAfterThePatienceAndAgreesWithKFold) {
  const lreg::Dataset d = kinked(1500, 4);
  const auto full = lreg::selectDof1D(d, uniformMesh(), ladder(lreg::DofSearch::KFold));
  const auto grow = lreg::selectDof1D(d, uniformMesh(), ladder(lreg::DofSearch::Grow));
  EXPECT_EQ(grow.dof, full.dof);
  ASSERT_LT(grow.curve.size(), full.curve.size());
  // The points it did fit are the k-fold curve's first ones, the same folds and numbers.
  for (size_t c = 0; c < grow.curve.size(); ++c)
    EXPECT_EQ(grow.curve[c].mae_mean, full.curve[c].mae_mean);
  const auto at = std::find_if(grow.curve.begin(), grow.curve.end(),
                               [&](auto& p) { return p.dof == grow.dof; });
  EXPECT_EQ(grow.curve.end() - at - 1, 2);  // the 1D patience
}

TEST(SelectDof1D, TestRowsDoNotChangeTheSelection) {
  lreg::Dataset a = kinked(1200, 5);
  lreg::Dataset b = a;
  b.x_test = Eigen::VectorXd::LinSpaced(300, 0.0, 1.0);
  b.y_test = (40 * b.x_test.array()).sin();  // a different target: any use of it would show
  const auto sa = lreg::selectDof1D(a, lreg::Mrc1DOptions{}, ladder(lreg::DofSearch::KFold));
  const auto sb = lreg::selectDof1D(b, lreg::Mrc1DOptions{}, ladder(lreg::DofSearch::KFold));
  EXPECT_EQ(sa.dof, sb.dof);
  ASSERT_EQ(sa.curve.size(), sb.curve.size());
  for (size_t c = 0; c < sa.curve.size(); ++c)
    EXPECT_EQ(sa.curve[c].mae_mean, sb.curve[c].mae_mean);
}

TEST(SelectDof1D, TooFewRowsIsAnInputError) {
  EXPECT_THROW(lreg::selectDof1D(kinked(9, 1), uniformMesh()), lreg::InputError);
}

TEST(DofLadder, IsGeometricDistinctAndEndsWithinOneStepOfTheLimit) {
  const auto v = lreg::dofLadder(4, 100, 1.25);
  ASSERT_GE(v.size(), 10u);
  EXPECT_EQ(v.front(), 4);
  EXPECT_LE(v.back(), 100);
  EXPECT_GT(v.back() * 1.25, 100);
  EXPECT_EQ(lreg::dofLadder(4, 140, 1.25).back(), 140);  // a far limit is a candidate itself
  for (size_t i = 1; i < v.size(); ++i) EXPECT_GT(v[i], v[i - 1]);
}

TEST(SelectDof2D, CurveHasOnePointPerCandidateAndIgnoresTestRows) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> u(0, 1);
  std::normal_distribution<double> noise(0, 0.05);
  lreg::Dataset d;
  d.name = "wave2d";
  d.x_train.resize(1500, 2);
  d.y_train.resize(1500, 1);
  for (int i = 0; i < 1500; ++i) {
    d.x_train.row(i) << u(rng), u(rng);
    d.y_train(i, 0) = std::sin(6 * d.x_train(i, 0)) * std::cos(4 * d.x_train(i, 1)) + noise(rng);
  }
  d.domain_lo = Eigen::Vector2d(0, 0);
  d.domain_hi = Eigen::Vector2d(1, 1);
  lreg::Mrc2DOptions o;
  o.epochs = 2;
  lreg::DofSelectOptions s;
  s.search = lreg::DofSearch::KFold;
  s.candidates = {16, 36, 81};
  const auto a = lreg::selectDof2D(d, o, s);
  d.x_test = Eigen::MatrixXd::Constant(20, 2, 0.5);
  d.y_test = Eigen::MatrixXd::Constant(20, 1, 9.0);
  const auto b = lreg::selectDof2D(d, o, s);
  ASSERT_EQ(a.curve.size(), 3u);
  for (size_t c = 0; c < 3; ++c) {
    EXPECT_EQ(a.curve[c].dof, s.candidates[c]);
    EXPECT_TRUE(std::isfinite(a.curve[c].mae_sd));
    EXPECT_EQ(a.curve[c].mae_mean, b.curve[c].mae_mean);
  }
  // Too coarse a mesh cannot hold three half-waves by two: 16 vertices must lose to 81.
  EXPECT_GT(a.curve[0].mae_mean, a.curve[2].mae_mean);
  EXPECT_EQ(a.dof, b.dof);
}

}  // namespace
