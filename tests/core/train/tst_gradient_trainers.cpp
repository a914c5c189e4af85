// Adam, SGD and LBFGS on the two-layer net: they train, share the History shape and keep-best
// works as specified.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "lreg/data/generators.h"
#include "lreg/train/trainer.h"

using namespace lreg;

namespace {
std::shared_ptr<Dataset> simData(std::uint64_t seed) {
  return std::make_shared<Dataset>(
      generate("sim", {.seed = seed, .n_train = 1000, .n_test = 200, .dim = 2}));
}
}  // namespace

TEST(GradientTrainers, AdamDecreasesTheLoss) {
  AdamOptions o;
  o.net.hidden = 16;
  o.mb.epochs = 40;
  o.mb.decay_every = 20;
  o.mb.batch = 64;
  Adam t(simData(1), o);
  const NetTrainReport r = t.run();
  ASSERT_TRUE(r.status.ok()) << r.status.message;
  ASSERT_EQ(r.history.points.size(), 41u);
  EXPECT_LT(r.train.mse, 0.7 * r.history.points[0].train_loss);
  EXPECT_DOUBLE_EQ(r.history.points[25].extra.at("lr"), 0.003);  // /10 after 20 epochs
}

TEST(GradientTrainers, SgdDecreasesTheLoss) {
  SgdOptions o;
  o.net.hidden = 16;
  o.mb.epochs = 30;
  o.mb.lr = 0.01;
  o.mb.batch = 64;
  Sgd t(simData(2), o);
  const NetTrainReport r = t.run();
  ASSERT_TRUE(r.status.ok()) << r.status.message;
  EXPECT_LT(r.train.mse, 0.8 * r.history.points[0].train_loss);
}

TEST(GradientTrainers, LbfgsKeepsTheBestModel) {
  LbfgsOptions o;
  o.net.hidden = 16;
  o.iters = 6;
  o.inner = 10;
  Lbfgs t(simData(3), o);
  const NetTrainReport r = t.run();
  ASSERT_TRUE(r.status.ok()) << r.status.message;
  double prev = r.history.points[0].extra.at("best_objective");
  for (const auto& p : r.history.points) {
    EXPECT_LE(p.extra.at("best_objective"), prev);
    prev = p.extra.at("best_objective");
  }
  EXPECT_LT(r.train.mse, 0.7 * r.history.points[0].train_loss);
}

// Every trainer made by name steps one point at a time, cancels on request and reports loss "mse".
TEST(GradientTrainers, FactoryStepsAndCancels) {
  TrainerConfig cfg;
  cfg.setCommon({.hidden = 8});
  cfg.anmin.iters = cfg.adam.mb.epochs = cfg.sgd.mb.epochs = cfg.lbfgs.iters = 5;
  cfg.lbfgs.inner = 3;
  for (const auto& name : trainerNames()) {
    auto t = makeTrainer(name, simData(4), cfg);
    EXPECT_EQ(t->method(), name);
    EXPECT_EQ(t->history().points.size(), 1u);
    t->step();
    EXPECT_EQ(t->completedSteps(), 1);
    EXPECT_EQ(t->history().points.size(), 2u);
    EXPECT_GE(t->history().last().seconds, t->history().points[0].seconds);
    const NetTrainReport r = t->run([](const Progress& p) { return p.step < 3; });
    EXPECT_EQ(r.status.code, StatusCode::Cancelled) << name;
    EXPECT_EQ(r.history.points.size(), 4u) << name;
    EXPECT_EQ(r.history.loss, "mse");
    EXPECT_TRUE(std::isfinite(r.test.mse));
  }
  EXPECT_THROW(makeTrainer("nope", simData(4), cfg), InputError);
}

// Issue 8: a cancel lands within one update, not one step. The stop check is asked between the
// updates of a step; once it says stop, the step ends and is recorded, with no further update.
TEST(GradientTrainers, StopCheckEndsALongStepEarly) {
  LbfgsOptions lo;
  lo.net.hidden = 8;
  lo.iters = 1;
  lo.inner = 100000;  // one step would take minutes
  Lbfgs lbfgs(simData(2), lo);
  int asked = 0;
  lbfgs.setStopCheck([&asked] { return ++asked >= 3; });
  const double before = lbfgs.history().last().train_loss;
  lbfgs.step();
  EXPECT_EQ(asked, 3);  // asked before updates 2, 3 and 4; stopped before the 4th
  EXPECT_EQ(lbfgs.completedSteps(), 1);
  EXPECT_LT(lbfgs.history().last().train_loss, before);  // the three updates were kept

  AdamOptions ao;
  ao.net.hidden = 8;
  ao.mb.epochs = 2;
  ao.mb.batch = 1;  // 1000 minibatches per epoch
  Adam adam(simData(2), ao);
  asked = 0;
  adam.setStopCheck([&asked] { return ++asked >= 5; });
  adam.step();
  EXPECT_EQ(asked, 5);
  EXPECT_EQ(adam.completedSteps(), 1);
}
