// k-NN: the KD-tree answers exactly what a brute-force sort by (distance, index) answers, the
// regressor averages those rows, and the cross-validated k follows the noise.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

#include "lreg/common/status.h"
#include "lreg/models/knn.h"

namespace {

std::vector<int> bruteNearest(const Eigen::MatrixXd& p, const Eigen::RowVectorXd& q, int k) {
  std::vector<std::pair<double, int>> all;
  for (int i = 0; i < p.rows(); ++i) all.push_back({(p.row(i) - q).squaredNorm(), i});
  std::sort(all.begin(), all.end());
  std::vector<int> out;
  for (int j = 0; j < k; ++j) out.push_back(all[static_cast<size_t>(j)].second);
  return out;
}

Eigen::MatrixXd uniform(int n, int d, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(-1, 1);
  Eigen::MatrixXd x(n, d);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < d; ++j) x(i, j) = u(rng);
  return x;
}

// An integer grid: many exactly equal distances, so the tie rule is exercised.
Eigen::MatrixXd grid2(int side) {
  Eigen::MatrixXd x(side * side, 2);
  for (int i = 0; i < side; ++i)
    for (int j = 0; j < side; ++j) x.row(i * side + j) << i, j;
  return x;
}

TEST(KdTree, NearestEqualsBruteForceInOneTwoAndThreeDimensions) {
  for (int d : {1, 2, 3}) {
    const Eigen::MatrixXd p = uniform(500, d, 7u + static_cast<unsigned>(d));
    const Eigen::MatrixXd q = uniform(60, d, 99u);
    const lreg::KdTree tree(p);
    std::vector<int> got;
    for (int k : {1, 2, 9, 40, 500})
      for (int i = 0; i < q.rows(); ++i) {
        const Eigen::RowVectorXd qi = q.row(i);
        tree.nearest(qi.data(), k, got);
        ASSERT_EQ(got, bruteNearest(p, qi, k)) << "d " << d << " k " << k << " query " << i;
      }
  }
}

TEST(KdTree, TiesOnAGridAreBrokenBySmallerIndex) {
  const Eigen::MatrixXd p = grid2(20);
  const lreg::KdTree tree(p);
  std::vector<int> got;
  for (const Eigen::RowVector2d& qi : {Eigen::RowVector2d(5, 5), Eigen::RowVector2d(0.5, 7.5),
                                       Eigen::RowVector2d(19, 0), Eigen::RowVector2d(9.5, 9.5)})
    for (int k : {1, 4, 5, 13, 30}) {
      tree.nearest(qi.data(), k, got);
      EXPECT_EQ(got, bruteNearest(p, qi, k)) << qi << " k " << k;
    }
}

TEST(KnnRegressor, PredictsTheMeanOfTheNearestRowsInScaledInputs) {
  Eigen::MatrixXd x = uniform(300, 2, 3u);
  x.col(1) *= 50.0;  // unequal units: the distance must use standardised inputs
  Eigen::MatrixXd y(300, 2);
  y.col(0) = x.col(0).array().sin();
  y.col(1) = x.col(1).array() * 0.01 + x.col(0).array();
  const int k = 7;
  const lreg::KnnRegressor knn(x, y, k);
  Eigen::RowVectorXd sd(2);
  for (int a = 0; a < 2; ++a)
    sd(a) = std::sqrt((x.col(a).array() - x.col(a).mean()).square().mean());
  const Eigen::MatrixXd xs = x.array().rowwise() / sd.array();
  Eigen::MatrixXd q = uniform(40, 2, 5u);
  q.col(1) *= 50.0;
  const Eigen::MatrixXd got = knn.predict(q);
  ASSERT_EQ(got.rows(), 40);
  ASSERT_EQ(got.cols(), 2);
  for (int i = 0; i < q.rows(); ++i) {
    const Eigen::RowVectorXd qs = q.row(i).array() / sd.array();
    Eigen::RowVectorXd mean = Eigen::RowVectorXd::Zero(2);
    for (int r : bruteNearest(xs, qs, k)) mean += y.row(r) / k;
    EXPECT_LT((got.row(i) - mean).cwiseAbs().maxCoeff(), 1e-12) << "query " << i;
  }
  const auto all = knn.predictAllK(q, k);
  EXPECT_LT((all.back() - got).cwiseAbs().maxCoeff(), 1e-15);
}

TEST(KnnRegressor, RejectsAKOutsideOneToN) {
  const Eigen::MatrixXd x = uniform(10, 1, 1u);
  EXPECT_THROW(lreg::KnnRegressor(x, x, 0), lreg::InputError);
  EXPECT_THROW(lreg::KnnRegressor(x, x, 11), lreg::InputError);
}

TEST(SelectK, CurveHasOnePointPerCandidateAndTheChoiceFollowsTheNoise) {
  const Eigen::MatrixXd x = uniform(1500, 1, 11u);
  std::mt19937 rng(4);
  std::normal_distribution<double> noise(0, 1);
  Eigen::MatrixXd smooth = (3 * x.array()).sin();  // noiseless: the nearest row is best
  Eigen::MatrixXd pure(1500, 1);                   // pure noise: the widest average is best
  for (int i = 0; i < 1500; ++i) pure(i, 0) = noise(rng);
  lreg::KnnSelectOptions o;
  o.candidates = {1, 2, 4, 8, 16, 32, 64, 128};
  const auto a = lreg::selectK(x, smooth, o);
  const auto b = lreg::selectK(x, pure, o);
  ASSERT_EQ(a.curve.size(), o.candidates.size());
  for (size_t c = 0; c < a.curve.size(); ++c) {
    EXPECT_EQ(a.curve[c].k, o.candidates[c]);
    EXPECT_TRUE(std::isfinite(a.curve[c].mae_sd));
    EXPECT_GT(a.curve[c].mae_sd, 0);
  }
  EXPECT_LE(a.k, 2);
  EXPECT_GE(b.k, 64);
  const auto best = std::min_element(b.curve.begin(), b.curve.end(),
                                     [](auto& l, auto& r) { return l.mae_mean < r.mae_mean; });
  EXPECT_EQ(best->k, b.k);
}

TEST(FoldAssignment, FoldsDifferInSizeByAtMostOne) {
  const auto f = lreg::foldAssignment(103, 5, 9);
  std::vector<int> size(5, 0);
  for (int v : f) ++size[static_cast<size_t>(v)];
  EXPECT_EQ(
      *std::max_element(size.begin(), size.end()) - *std::min_element(size.begin(), size.end()),
      0 + 1);
  EXPECT_EQ(std::accumulate(size.begin(), size.end(), 0), 103);
}

}  // namespace
