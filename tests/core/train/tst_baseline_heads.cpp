// The linear-probe and low-rank baselines: gradients, the start at the frozen model, learning,
// the matched parameter budget, and their model files.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "lreg/data/synthetic_features.h"
#include "lreg/train/baseline_heads.h"

namespace lreg {

namespace {

ConnectionSplit toySplit(int n = 1200) {
  const SyntheticFeatures s = syntheticFeatures(n, 12, 4, 3);
  ConnectionData all;
  all.features = s.features;
  all.frozen = s.logits;
  all.labels = s.labels;
  return splitConnectionData(all, 0.25, 1);
}

BaselineHead randomHead(BaselineKind kind, const ConnectionData& d, int rank) {
  const auto cin = d.features.cols();
  const int C = d.classes(), r = kind == BaselineKind::Linear ? C : rank;
  Eigen::RowVectorXd scale = Eigen::RowVectorXd::Constant(cin, 1.5);
  return BaselineHead(kind, d.features.colwise().mean(), scale,
                      0.3 * Eigen::MatrixXd::Random(cin, r),
                      kind == BaselineKind::Linear ? Eigen::MatrixXd::Identity(C, C).eval()
                                                   : (0.3 * Eigen::MatrixXd::Random(r, C)).eval(),
                      kind == BaselineKind::Linear ? (0.1 * Eigen::RowVectorXd::Random(C)).eval()
                                                   : Eigen::RowVectorXd::Zero(C).eval());
}

}  // namespace

TEST(BaselineLoss, GradientsMatchCentralDifferences) {
  const ConnectionSplit s = toySplit(300);
  for (const BaselineKind kind : {BaselineKind::Linear, BaselineKind::LowRank}) {
    BaselineHead h = randomHead(kind, s.train, 3);
    Eigen::MatrixXd dU, dV;
    Eigen::RowVectorXd dc;
    baselineLoss(h, s.train, &dU, &dV, &dc);
    const double eps = 1e-6;
    const auto check = [&](auto& param, const auto& grad, const char* what) {
      for (Eigen::Index k = 0; k < param.size(); k += 5) {
        const double keep = param.data()[k];
        param.data()[k] = keep + eps;
        const double up = baselineLoss(h, s.train);
        param.data()[k] = keep - eps;
        const double down = baselineLoss(h, s.train);
        param.data()[k] = keep;
        EXPECT_NEAR(grad.data()[k], (up - down) / (2 * eps), 1e-7) << what << " entry " << k;
      }
    };
    check(h.mutableU(), dU, "U");
    if (kind == BaselineKind::Linear)
      check(h.mutableC(), dc, "c");
    else
      check(h.mutableV(), dV, "V");
  }
}

TEST(BaselineTrainer, StartsAtTheFrozenModelAndBeatsItOnValidation) {
  const ConnectionSplit s = toySplit();
  ConnectionOptions o;
  o.epochs = 8;
  o.lr = 0.02;
  for (const BaselineKind kind : {BaselineKind::Linear, BaselineKind::LowRank}) {
    const BaselineReport r = trainBaseline(kind, s, o, 2);
    ASSERT_TRUE(r.status.ok()) << r.status.message;
    ASSERT_EQ(r.history.points.size(), 9u);
    // Zero-initialised (A, c; LoRA's V): point 0 is exactly the frozen logits' CE.
    BaselineHead zero = r.head;
    zero.mutableU().setZero();
    zero.mutableC().setZero();
    const double frozen = baselineLoss(zero, s.val);
    EXPECT_DOUBLE_EQ(r.history.points.front().test_loss, frozen);
    EXPECT_LT(r.history.last().test_loss, frozen - 1e-3) << r.history.method;
  }
}

TEST(BaselineHeadBudget, LowRankMatchesTheConnectionsParameterCount) {
  // d = 16, n = 16, C_in = 64, C = 10: N = 65 * 16 + 16 * 16 * 10 = 3600, r (64 + 10) ~ N -> r
  // = 49.
  const long N = 65 * 16 + 16 * 16 * 10;
  EXPECT_EQ(matchedRank(N, 64, 10), 49);
  EXPECT_EQ(matchedRank(10, 64, 10), 1);  // never rank 0
  const ConnectionSplit s = toySplit(200);
  const BaselineHead h = randomHead(BaselineKind::LowRank, s.train, 5);
  EXPECT_EQ(h.parameters().total(), 5 * (12 + 4));
  const BaselineHead lin = randomHead(BaselineKind::Linear, s.train, 0);
  EXPECT_EQ(lin.parameters().total(), 12 * 4 + 4);  // the identity V is not a parameter
}

TEST(BaselineHeadModel, JsonRoundTripIsExactAndRefusesWrongShapes) {
  const ConnectionSplit s = toySplit(200);
  for (const BaselineKind kind : {BaselineKind::Linear, BaselineKind::LowRank}) {
    const BaselineHead h = randomHead(kind, s.train, 3);
    const nlohmann::json j = nlohmann::json::parse(h.toJson().dump());
    const BaselineHead back = BaselineHead::fromJson(j);
    EXPECT_EQ(back.kind(), h.kind());
    EXPECT_EQ((back.predict(s.val.features) - h.predict(s.val.features)).cwiseAbs().maxCoeff(),
              0.0);
    nlohmann::json bad = j;
    bad["U"].erase(0);
    EXPECT_THROW(BaselineHead::fromJson(bad), InputError);
  }
}

}  // namespace lreg
