#include <gtest/gtest.h>

#include <memory>

#include "lreg/data/data_source.h"
#include "lreg/experiments/mrc_step_story.h"
#include "lreg/train/polish_mae_1d.h"

using namespace lreg;

namespace {
std::shared_ptr<const Dataset> sinInv(std::uint64_t seed) {
  DataSource src;
  src.data = "sin-inv";
  src.seed = seed;
  return std::make_shared<Dataset>(resolveData(src));
}
}  // namespace

TEST(MrcStepStory1D, RefinementWithLeastSquaresNeverRaisesTheTrainMse) {
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    const auto data = sinInv(seed);
    // An MAE-polished start: not a least-squares fit, so every stage can be told apart.
    const Mesh1D mesh = Mesh1D::uniform(data->domain_lo[0], data->domain_hi[0], 30);
    const LagrangeRegressor1D start(mesh, Eigen::MatrixXd::Zero(30, 1));
    const auto polished = polishMae1D(start, data->x_train.col(0), data->y_train.col(0)).model;
    Mrc1DOptions o;
    o.coarsen = CoarsenStrategy::Remove;
    o.topk = 6;
    const MrcStepStory1D s = mrcStepStory1D(data, polished, o);
    EXPECT_LE(s.refit.mse, s.before.mse * (1 + 1e-12));
    EXPECT_LE(s.refined.mse, s.refit.mse * (1 + 1e-9));
    // sin-inv is sparse near x = 1: some uniform nodes have no sample around and are dropped.
    const int n = s.nodes_before;
    EXPECT_EQ(s.nodes_dropped + n, 30);
    EXPECT_EQ(s.snapshot.refined.size(), 6u);
    EXPECT_EQ(s.nodes_refined, n + 6);
    EXPECT_EQ(s.nodes_after, n);
    EXPECT_EQ(n + s.snapshot.inserted.size() - s.snapshot.removed.size(), size_t(n));
    const std::string text = describe(s);
    if (s.nodes_dropped > 0) {
      EXPECT_NE(text.find("Dropped"), std::string::npos) << text;
    }
    EXPECT_NE(text.find("split 6 intervals"), std::string::npos) << text;
    EXPECT_NE(text.find("removed 6 nodes"), std::string::npos) << text;
  }
}

TEST(MrcStepStory1D, DroppingEmptyNodesKeepsTheTrainingLoss) {
  const auto data = sinInv(1);
  // Nodes every 0.01 from 0.6 to 1: sin-inv has few samples there, so many tents are empty.
  std::vector<double> p = {0.02, 0.3};
  for (double t = 0.6; t < 0.995; t += 0.01) p.push_back(t);
  p.push_back(1.0);
  Eigen::MatrixXd c(static_cast<Eigen::Index>(p.size()), 1);
  for (Eigen::Index i = 0; i < c.rows(); ++i) c(i, 0) = std::sin(7.0 * p[static_cast<size_t>(i)]);
  const LagrangeRegressor1D m(Mesh1D(p), c);
  const LagrangeRegressor1D d = dropSampleFreeNodes1D(m, data->x_train.col(0));
  EXPECT_LT(d.mesh().size(), m.mesh().size());
  EXPECT_LT((d.predict(data->x_train) - m.predict(data->x_train)).cwiseAbs().maxCoeff(), 1e-12);
  Mrc1DOptions o;
  o.coarsen = CoarsenStrategy::Remove;
  const MrcStepStory1D s = mrcStepStory1D(data, m, o);
  EXPECT_EQ(s.nodes_dropped, m.mesh().size() - d.mesh().size());
  EXPECT_EQ(s.nodes_before + s.nodes_dropped, static_cast<int>(p.size()));
  EXPECT_LE(s.refit.mse, s.before.mse * (1 + 1e-12));
}

TEST(MrcStepStory1D, RejectsTwoOutputs) {
  const auto data = sinInv(1);
  const LagrangeRegressor1D two(Mesh1D::uniform(0.02, 1, 5), Eigen::MatrixXd::Zero(5, 2));
  EXPECT_THROW(mrcStepStory1D(data, two, {}), InputError);
}
