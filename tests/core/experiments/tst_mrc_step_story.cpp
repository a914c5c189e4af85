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
    EXPECT_EQ(s.snapshot.refined.size(), 6u);
    EXPECT_EQ(s.nodes_refined, 36);
    EXPECT_EQ(s.nodes_after, 30);
    EXPECT_EQ(s.nodes_before + s.snapshot.inserted.size() - s.snapshot.removed.size(), 30u);
    const std::string text = describe(s);
    EXPECT_NE(text.find("split 6 intervals"), std::string::npos) << text;
    EXPECT_NE(text.find("removed 6 nodes"), std::string::npos) << text;
  }
}

TEST(MrcStepStory1D, RejectsTwoOutputs) {
  const auto data = sinInv(1);
  const LagrangeRegressor1D two(Mesh1D::uniform(0.02, 1, 5), Eigen::MatrixXd::Zero(5, 2));
  EXPECT_THROW(mrcStepStory1D(data, two, {}), InputError);
}
