#include <gtest/gtest.h>

#include <numeric>

#include "lreg/train/indicator_1d.h"

using namespace lreg;

TEST(Indicator1D, TopkCountsCountTheWorstSamplesPerBatch) {
  const Mesh1D mesh = Mesh1D::uniform(0.0, 4.0, 5);  // elements [0,1] [1,2] [2,3] [3,4]
  Eigen::MatrixXd x(8, 1), y = Eigen::MatrixXd::Zero(8, 1);
  x << 0.1, 0.5, 1.2, 1.8, 2.2, 2.9, 3.3, 3.9;
  const Samples1D s = Samples1D::sorted(x, y);
  const std::vector<int> element = mesh.locateSorted(s.x);
  Eigen::VectorXd loss(8);
  loss << 0.1, 0.2, 5.0, 4.0, 0.0, 0.3, 3.0, 0.1;
  // One batch, top 3: the samples at 1.2, 1.8 (element 1) and 3.3 (element 3).
  EXPECT_EQ(topkCounts(4, loss, element, 3, 0, 1), (std::vector<double>{0, 2, 0, 1}));
  // Batches of 2: 4 batches x top 1 = 4 counts in all.
  const auto c = topkCounts(4, loss, element, 1, 2, 7);
  EXPECT_EQ(std::accumulate(c.begin(), c.end(), 0.0), 4.0);
  const auto sums = elementSums(4, loss, element);
  const std::vector<double> expected{0.3, 9.0, 0.3, 3.1};
  for (size_t e = 0; e < 4; ++e) EXPECT_NEAR(sums[e], expected[e], 1e-12);
}

TEST(Indicator1D, CurvatureMassVanishesOnAnAffineFitAndGrowsWithTheKink) {
  const Mesh1D mesh = Mesh1D::uniform(0.0, 1.0, 6);
  Eigen::MatrixXd x = Eigen::VectorXd::LinSpaced(50, 0.0, 1.0), y = Eigen::MatrixXd::Zero(50, 1);
  const Samples1D s = Samples1D::sorted(x, y);
  const std::vector<int> element = mesh.locateSorted(s.x);
  Eigen::MatrixXd affine(6, 1);
  affine << 1, 1.2, 1.4, 1.6, 1.8, 2.0;
  for (double m : curvatureErrorMass(mesh, affine, element)) EXPECT_NEAR(m, 0.0, 1e-20);
  Eigen::MatrixXd kink = affine;
  kink(3, 0) += 0.5;
  const auto mass = curvatureErrorMass(mesh, kink, element);
  EXPECT_GT(mass[2], 0.0);
  EXPECT_GT(mass[3], 0.0);
  EXPECT_GT(mass[2], mass[0]);
}
