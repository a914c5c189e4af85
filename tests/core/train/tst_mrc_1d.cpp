#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "lreg/common/status.h"
#include "lreg/data/generators.h"
#include "lreg/train/mrc_1d.h"

using namespace lreg;

namespace {

std::shared_ptr<const Dataset> data(const std::string& name, std::uint64_t seed = 1) {
  return std::make_shared<const Dataset>(generate(name, {.seed = seed}));
}

}  // namespace

TEST(Mrc1D, ReachesTheOracleOnB1AtDof64) {
  const auto d = data("b1");
  Mrc1DOptions o;  // defaults, uniform start
  o.dof = 64;
  Mrc1D mrc(d, o);
  const Mrc1DReport r = mrc.run();
  ASSERT_TRUE(r.status.ok()) << r.status.message;
  EXPECT_GE(r.test.r2, 0.99);
  EXPECT_GE(r.test.r2, *oracleR2(*d) - 0.0005);
  EXPECT_EQ(r.model.mesh().size(), 64);
}

TEST(Mrc1D, MovesTheNodesOnMultiFrequencyData) {
  // sin-inv: a uniform mesh of 128 nodes scores about 0.4; the loop must move the nodes.
  const auto d = data("sin-inv", 2);
  Mrc1DOptions o;
  o.dof = 128;
  Mrc1D mrc(d, o);
  const double start = mrc.history().points.front().test_loss;
  const Mrc1DReport r = mrc.run();
  EXPECT_GE(r.test.r2, 0.999);
  EXPECT_LT(r.history.last().test_loss, 0.1 * start);
  const auto base = quantileBaseline1D(*d, 128);
  EXPECT_LT(r.test.mae, evaluate(base.predict(d->x_test), d->y_test).mae);
}

TEST(Mrc1D, HistoryStartsWithTheInitialFitAndKeepsTheDof) {
  Mrc1DOptions o;
  o.dof = 20;
  o.epochs = 7;
  Mrc1D mrc(data("a1"), o);
  const Mrc1DReport r = mrc.run();
  ASSERT_EQ(r.history.points.size(), 8u);
  EXPECT_EQ(r.history.loss, "mae");
  for (size_t i = 0; i < r.history.points.size(); ++i) {
    const auto& p = r.history.points[i];
    EXPECT_EQ(p.step, static_cast<int>(i));
    EXPECT_EQ(p.extra.at("dof"), 20);
    EXPECT_TRUE(p.extra.count("train_mse") && p.extra.count("test_mse"));
    if (i > 0) {
      EXPECT_GE(p.seconds, r.history.points[i - 1].seconds);
    }
  }
  EXPECT_DOUBLE_EQ(r.history.last().test_loss, r.test.mae);
}

TEST(Mrc1D, EveryStrategyKeepsDofEndsAndReportsItsStep) {
  const auto d = data("sin-inv");
  for (auto coarsen : {CoarsenStrategy::Remove, CoarsenStrategy::Equifreq})
    for (auto refit : {RefitMethod::LeastSquares, RefitMethod::Adam})
      for (auto indicator :
           {RefineIndicator::Count, RefineIndicator::AbsResidual, RefineIndicator::Curvature}) {
        Mrc1DOptions o;
        o.dof = 40;
        o.topk = 5;
        o.epochs = 3;
        o.adam_steps = 20;
        o.coarsen = coarsen;
        o.refit = refit;
        o.indicator = indicator;
        Mrc1D mrc(d, o);
        const double lo = mrc.model().mesh().lo(), hi = mrc.model().mesh().hi();
        for (int s = 1; s <= 3; ++s) {
          const Mrc1DSnapshot& snap = mrc.step();
          const std::string what =
              toString(coarsen) + "/" + toString(refit) + "/" + toString(indicator);
          EXPECT_EQ(snap.step, s) << what;
          ASSERT_EQ(snap.nodes.size(), 40u) << what;
          EXPECT_EQ(snap.coeffs.rows(), 40) << what;
          EXPECT_EQ(snap.nodes.front(), lo) << what;
          EXPECT_EQ(snap.nodes.back(), hi) << what;
          EXPECT_LE(snap.refined.size(), 5u) << what;
          EXPECT_EQ(snap.indicator.size(), 39u) << what;
          for (double p : snap.inserted)
            EXPECT_TRUE(std::count(snap.nodes.begin(), snap.nodes.end(), p)) << what;
          for (double p : snap.removed)
            EXPECT_FALSE(std::count(snap.nodes.begin(), snap.nodes.end(), p)) << what;
          EXPECT_TRUE(std::isfinite(snap.test.mae)) << what;
        }
      }
}

TEST(Mrc1D, ProgressCanCancelAndTheModelIsKept) {
  Mrc1DOptions o;
  o.dof = 16;
  o.epochs = 50;
  Mrc1D mrc(data("b1"), o);
  int calls = 0;
  const Mrc1DReport r = mrc.run([&](const Progress& p) {
    EXPECT_EQ(p.total, 50);
    return ++calls < 3;
  });
  EXPECT_EQ(r.status.code, StatusCode::Cancelled);
  EXPECT_EQ(r.history.points.size(), 4u);  // initial fit + 3 steps
  EXPECT_EQ(r.model.mesh().size(), 16);
}

TEST(Mrc1D, RejectsBadInputWithClearErrors) {
  Mrc1DOptions o;
  o.dof = 64;
  auto few =
      std::make_shared<const Dataset>(generate("a1", {.seed = 1, .n_train = 20, .n_test = 5}));
  try {
    Mrc1D mrc(few, o);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("fewer than the 64 nodes"), std::string::npos) << e.what();
  }
  EXPECT_THROW(Mrc1D(data("a2"), o), InputError);  // two inputs
  o.dof = 1;
  EXPECT_THROW(Mrc1D(data("a1"), o), InputError);
}

TEST(Mrc1D, OptionNamesRoundTrip) {
  for (auto v : {CoarsenStrategy::Remove, CoarsenStrategy::Equifreq})
    EXPECT_EQ(parseCoarsen(toString(v)), v);
  for (auto v : {RefitMethod::LeastSquares, RefitMethod::Adam})
    EXPECT_EQ(parseRefit(toString(v)), v);
  for (auto v : {MeshInit::Uniform, MeshInit::Quantile}) EXPECT_EQ(parseInit(toString(v)), v);
  for (auto v : {RefineIndicator::Count, RefineIndicator::AbsResidual, RefineIndicator::Curvature})
    EXPECT_EQ(parseIndicator(toString(v)), v);
  EXPECT_THROW(parseCoarsen("merge"), InputError);
}

TEST(Mrc1D, StepMarksAccountForTheMeshAndMovesAreNotInsertions) {
  // The report of every step must rebuild the new mesh from the old one; equal-mass re-placement
  // shifts nodes (moves), removal coarsening never moves a node.
  const auto d = data("sin-inv", 1);
  for (auto coarsen : {CoarsenStrategy::Remove, CoarsenStrategy::Equifreq}) {
    Mrc1DOptions o;
    o.dof = 64;
    o.epochs = 4;
    o.coarsen = coarsen;
    Mrc1D mrc(d, o);
    size_t moved = 0;
    for (int s = 1; s <= 4; ++s) {
      const std::vector<double> before = mrc.snapshot().nodes;
      const Mrc1DSnapshot& snap = mrc.step();
      std::vector<double> rebuilt;
      for (double p : before) {
        const bool moved_away = std::any_of(snap.moved.begin(), snap.moved.end(),
                                            [p](const auto& mv) { return mv.first == p; });
        if (!moved_away && !std::count(snap.removed.begin(), snap.removed.end(), p))
          rebuilt.push_back(p);
      }
      for (const auto& mv : snap.moved) rebuilt.push_back(mv.second);
      rebuilt.insert(rebuilt.end(), snap.inserted.begin(), snap.inserted.end());
      std::sort(rebuilt.begin(), rebuilt.end());
      EXPECT_EQ(rebuilt, snap.nodes) << toString(coarsen) << " step " << s;
      moved += snap.moved.size();
      if (coarsen == CoarsenStrategy::Remove) {
        EXPECT_TRUE(snap.moved.empty());
        EXPECT_EQ(snap.inserted.size(), snap.removed.size());  // DoF is kept
        EXPECT_FALSE(snap.removed.empty());
      }
    }
    // The re-placement moves most interior nodes; it must not read as insert + remove.
    if (coarsen == CoarsenStrategy::Equifreq) {
      EXPECT_GT(moved, 4u * 30u);
    }
  }
}
