// Issue 7: the model's domain (and so its mesh) was the bounding box of the training AND test
// inputs: moving test points changed the fitted model. It must depend on the training data only.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <memory>

#include "lreg/data/csv.h"
#include "lreg/data/dataset.h"
#include "lreg/train/mrc_1d.h"

using namespace lreg;

namespace {

// Training inputs on [0, 1]; test inputs on [test_lo, test_hi]; y = sin 6x. No declared domain,
// as for a CSV file with a separate test file.
std::shared_ptr<const Dataset> data(double test_lo, double test_hi) {
  Dataset d;
  d.name = "mem";
  d.x_train = Eigen::VectorXd::LinSpaced(200, 0.0, 1.0);
  d.y_train = (6 * d.x_train.array()).sin().matrix();
  d.x_test = Eigen::VectorXd::LinSpaced(50, test_lo, test_hi);
  d.y_test = (6 * d.x_test.array()).sin().matrix();
  setDomainFromData(d);
  return std::make_shared<const Dataset>(d);
}

}  // namespace

TEST(Issue7, DomainIgnoresTestInputs) {
  const auto wide = data(-1.0, 2.0);
  ASSERT_EQ(wide->domain_lo.size(), 1);
  EXPECT_EQ(wide->domain_lo[0], 0.0);
  EXPECT_EQ(wide->domain_hi[0], 1.0);
}

TEST(Issue7, FittedModelDoesNotDependOnTestInputs) {
  Mrc1DOptions o;
  o.dof = 12;
  o.epochs = 3;
  const Mrc1DReport inside = Mrc1D(data(0.1, 0.9), o).run();
  const Mrc1DReport outside = Mrc1D(data(-1.0, 2.0), o).run();
  ASSERT_TRUE(inside.status.ok() && outside.status.ok());
  EXPECT_EQ(outside.model.mesh().lo(), 0.0);
  EXPECT_EQ(outside.model.mesh().hi(), 1.0);
  EXPECT_EQ(inside.model.mesh().nodes(), outside.model.mesh().nodes());
  const Eigen::MatrixXd x = Eigen::VectorXd::LinSpaced(31, 0.0, 1.0);
  EXPECT_TRUE(inside.model.predict(x).isApprox(outside.model.predict(x), 1e-12));
  const LagrangeRegressor1D b_in = quantileBaseline1D(*data(0.1, 0.9), 12);
  const LagrangeRegressor1D b_out = quantileBaseline1D(*data(-1.0, 2.0), 12);
  EXPECT_EQ(b_in.mesh().nodes(), b_out.mesh().nodes());
}

TEST(Issue7, CsvTestFileDoesNotWidenTheDomain) {
  const std::string train = ::testing::TempDir() + "issue7_train.csv";
  const std::string test = ::testing::TempDir() + "issue7_test.csv";
  std::ofstream(train) << "x1,x2,y\n0,0,0\n1,0,1\n0,1,1\n1,1,2\n";
  std::ofstream(test) << "x1,x2,y\n-3,0.5,1\n0.5,7,2\n";
  const Dataset d = loadCsvDataset(train, CsvOptions{}, test, 0.0, 1);
  EXPECT_EQ(d.domain_lo, Eigen::Vector2d(0, 0));
  EXPECT_EQ(d.domain_hi, Eigen::Vector2d(1, 1));
}
