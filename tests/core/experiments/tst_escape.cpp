// The escape experiment: the plateau test fires exactly when it should, the three arms share a
// DoF and a time axis, the converted start fits no worse than the MLP, and on sin-inv MRC from
// the converted mesh ends with a lower test MAE than the MLP.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "lreg/data/generators.h"
#include "lreg/experiments/escape.h"

using namespace lreg;

namespace {
History losses(const std::vector<double>& v) {
  History h;
  for (size_t i = 0; i < v.size(); ++i) h.points.push_back({static_cast<int>(i), 0, v[i], 0, {}});
  return h;
}
}  // namespace

TEST(Escape, PlateauTestNeedsTwoWindowsAndLittleGain) {
  std::vector<double> flat(9, 1.0), falling;
  for (int i = 0; i < 30; ++i) falling.push_back(std::pow(0.9, i));
  EXPECT_FALSE(plateaued(losses(flat), 5, 0.01)) << "8 epochs < 2 windows of 5";
  flat.push_back(1.0);
  flat.push_back(1.0);
  EXPECT_TRUE(plateaued(losses(flat), 5, 0.01));
  EXPECT_FALSE(plateaued(losses(falling), 5, 0.01));
  // 0.5% better over the last window: a plateau at tol 1%, not at tol 0.1%.
  std::vector<double> slow(11, 1.0);
  slow.back() = 0.995;
  EXPECT_TRUE(plateaued(losses(slow), 5, 0.01));
  EXPECT_FALSE(plateaued(losses(slow), 5, 0.001));
}

TEST(Escape, ArmsShareTheDofAndTheTimeAxisAndMrcEscapesOnSinInv) {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    auto data = std::make_shared<Dataset>(
        generate("sin-inv", {.seed = seed, .n_train = 600, .n_test = 200}));
    EscapeOptions o;
    o.mlp.net.hidden = 16;
    o.mlp.net.layers = 2;
    o.mlp.net.seed = seed;
    o.mlp.mb.epochs = 300;
    o.plateau_window = 20;
    o.mrc.epochs = 8;
    o.mrc.seed = seed;
    const EscapeReport r = runEscape(data, o);
    ASSERT_TRUE(r.status.ok()) << r.status.message;
    EXPECT_EQ(r.mlp.parameters.total(), r.model.flatSize());
    EXPECT_EQ(r.dof, static_cast<int>(mrcStartNodes(r.converted.mesh()).size()));
    EXPECT_LE(r.dof, r.converted.mesh().size());
    EXPECT_EQ(r.improved.mesh().size(), r.dof);
    EXPECT_EQ(r.scratch.mesh().size(), r.dof);
    EXPECT_EQ(r.converted_mrc.parameters.total(), r.mrc_scratch.parameters.total());
    EXPECT_EQ(r.converted_mrc.parameters.positions, r.dof - 2);
    EXPECT_EQ(static_cast<int>(r.mlp.history.points.size()), r.plateau.step + 1);
    EXPECT_GE(r.converted_mrc.history.points.front().seconds, r.plateau.seconds);
    EXPECT_LT(r.mrc_scratch.history.points.front().seconds, r.plateau.seconds + 1e-9);
    // The converted mesh refitted by least squares starts no worse than the MLP (tiny ridge).
    const double mse0 = r.converted_mrc.history.points.front().extra.at("train_mse");
    EXPECT_LE(mse0, r.mlp.train.mse * (1 + 1e-6)) << "seed " << seed;
    EXPECT_LT(r.converted_mrc.test.mae, r.mlp.test.mae) << "seed " << seed;
  }
}

TEST(Escape, TwoDimensionsStartMrcFromTheConvertedVertices) {
  auto data =
      std::make_shared<Dataset>(generate("franke", {.seed = 1, .n_train = 400, .n_test = 100}));
  EscapeOptions o;
  o.mlp.net.hidden = 8;
  o.mlp.net.layers = 1;
  o.mlp.mb.epochs = 60;
  o.plateau_window = 10;
  o.mrc.epochs = 2;
  const EscapeReport r = runEscape(data, o);
  ASSERT_TRUE(r.status.ok()) << r.status.message;
  EXPECT_EQ(r.dof, mrcStartVertices(r.converted_2d, r.model.domain()).rows());
  EXPECT_LE(r.dof, r.converted_2d.vertices.rows());
  EXPECT_EQ(r.converted_mrc.parameters.total(), r.mrc_scratch.parameters.total());
  EXPECT_EQ(r.converted_mrc.history.points.front().extra.at("dof"), r.dof);
  EXPECT_GE(r.converted_mrc.history.points.front().seconds, r.plateau.seconds);
  o.mlp.net.layers = 2;
  EXPECT_THROW(runEscape(data, o), InputError);
}

TEST(Escape, MrcStartMergesNodesAnUlpApartAndKeepsTheEnds) {
  const Mesh1D mesh({0.0, 1e-17, 0.25, 0.5, 0.5 + 1e-9, 1.0 - 1e-12, 1.0});
  EXPECT_EQ(mrcStartNodes(mesh), (std::vector<double>{0.0, 0.25, 0.5, 1.0}));
}
