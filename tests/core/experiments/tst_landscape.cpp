// Loss landscape: filter normalisation gives every direction filter its weight filter's norm,
// the PCA path puts the final point at the origin with explained shares in [0, 1], the slice's
// centre is the trained loss, and an LReg written as a ReLU net is the same function.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>

#include "lreg/experiments/landscape.h"

using namespace lreg;

namespace {
Mlp net(int inputs, int layers, int width, std::uint64_t seed) {
  Standardizer in{Eigen::RowVectorXd::Constant(inputs, 0.5),
                  Eigen::RowVectorXd::Constant(inputs, 0.3)};
  Standardizer out{Eigen::RowVectorXd::Constant(1, 0.1), Eigen::RowVectorXd::Constant(1, 1.0)};
  return Mlp::random(inputs, 1, width, layers, Activation::Relu, 0, seed, in, out);
}
}  // namespace

TEST(Landscape, FilterNormalisedRowsHaveTheWeightRowsNorms) {
  for (int inputs : {1, 2}) {
    const Mlp m = net(inputs, 3, 7, 4);
    const Eigen::VectorXd d = filterNormalizedDirection(m, 9), t = m.flatParameters();
    std::set<Eigen::Index> seen;
    for (const auto& f : filters(m)) {
      double nd = 0, nt = 0;
      for (Eigen::Index i : f) {
        nd += d[i] * d[i];
        nt += t[i] * t[i];
        EXPECT_TRUE(seen.insert(i).second) << "index in two filters";
      }
      EXPECT_NEAR(std::sqrt(nd), std::sqrt(nt), 1e-12 * (1 + std::sqrt(nt)));
    }
    EXPECT_EQ(static_cast<Eigen::Index>(seen.size()), t.size()) << "filters cover theta";
    EXPECT_GT((d - filterNormalizedDirection(m, 10)).norm(), 0);
  }
}

TEST(Landscape, PathProjectionPutsTheEndAtTheOrigin) {
  std::mt19937_64 rng(3);
  std::normal_distribution<double> n01;
  std::vector<Eigen::VectorXd> path;
  for (int k = 0; k < 20; ++k) {
    Eigen::VectorXd v(30);
    for (auto& x : v) x = n01(rng) / (1 + k);
    path.push_back(v);
  }
  const PathProjection p = projectPath(path);
  EXPECT_GE(p.explained.minCoeff(), 0);
  EXPECT_LE(p.explained.sum(), 1 + 1e-12);
  EXPECT_LT(p.explained.sum(), 1 - 1e-3) << "a random 30-D path is not planar";
  EXPECT_EQ(p.coords.bottomRows(1).norm(), 0);
  EXPECT_EQ(p.off_plane[19], 0);
  // Each point: squared norm = in-plane part + off-plane part.
  for (int k = 0; k < 20; ++k)
    EXPECT_NEAR((path[k] - path.back()).squaredNorm(),
                p.coords.row(k).squaredNorm() + p.off_plane[k] * p.off_plane[k], 1e-9);
  // A path inside a plane is explained fully, with nothing off the plane.
  std::vector<Eigen::VectorXd> planar;
  const Eigen::VectorXd a = path[0], b = path[1];
  for (int k = 0; k < 10; ++k) planar.push_back(std::cos(k) * a + std::sin(0.3 * k) * b);
  const PathProjection q = projectPath(planar);
  EXPECT_NEAR(q.explained.sum(), 1.0, 1e-12);
  EXPECT_LT(q.off_plane.maxCoeff(), 1e-9 * a.norm());
}

TEST(Landscape, SliceCentreIsTheTrainedLossAndCancelStops) {
  const Mlp m = net(1, 2, 6, 2);
  const Eigen::MatrixXd xs = Eigen::VectorXd::LinSpaced(50, -1.5, 1.5);
  const Eigen::MatrixXd ys = xs.array().sin().matrix();
  const Eigen::VectorXd d1 = filterNormalizedDirection(m, 1), d2 = filterNormalizedDirection(m, 2);
  const LossSlice s = lossSlice(m, xs, ys, d1, d2, 5, 1.0);
  EXPECT_DOUBLE_EQ(s.loss(2, 2), m.objective(xs, ys, 0.0));
  EXPECT_TRUE(s.loss.allFinite());
  int calls = 0;
  const LossSlice c =
      lossSlice(m, xs, ys, d1, d2, 5, 1.0, [&](const Progress&) { return ++calls < 2; });
  EXPECT_EQ(c.status.code, StatusCode::Cancelled);
  EXPECT_TRUE(c.loss.row(1).allFinite());
  EXPECT_TRUE(std::isnan(c.loss(4, 0)));
  EXPECT_THROW(lossSlice(m, xs, ys, d1, d2, 2, 1.0), InputError);
}

TEST(Landscape, LregWrittenAsReluNetIsTheSameFunction) {
  const Mlp m = net(1, 1, 12, 5);
  const LagrangeRegressor1D lreg(
      Mesh1D({-0.2, 0.1, 0.35, 0.5, 0.8, 1.3}),
      (Eigen::MatrixXd(6, 1) << 1.0, -0.5, 0.2, 2.0, 0.0, 0.7).finished());
  const Mlp as_net = lregAsReluNet(lreg, m);
  EXPECT_EQ(as_net.width(0), 12);
  const Eigen::MatrixXd x = Eigen::VectorXd::LinSpaced(2001, -3.0, 4.0);
  EXPECT_LT((as_net.predict(x) - lreg.predict(x)).cwiseAbs().maxCoeff(), 1e-9);
  // The barrier path starts at the MLP and ends at the LReg.
  const Eigen::MatrixXd xs = m.inputScaling().apply(x),
                        ys = m.outputScaling().apply(lreg.predict(x));
  const Barrier b = barrierToLreg(m, lreg, xs, ys, 11);
  EXPECT_DOUBLE_EQ(b.loss[0], m.objective(xs, ys, 0.0));
  EXPECT_LT(b.loss[10], 1e-18);
  EXPECT_EQ(b.barrier, b.loss.maxCoeff() - b.loss[0]);
}

TEST(Landscape, PathOnAGivenPlaneIsExactForPointsInIt) {
  std::mt19937_64 rng(3);
  std::normal_distribution<double> g;
  Eigen::VectorXd d1(7), d2(7), end(7), off(7);
  for (int i = 0; i < 7; ++i) {
    d1[i] = g(rng);
    d2[i] = d1[i] * 0.3 + g(rng);  // not orthogonal
    end[i] = g(rng);
  }
  off = Eigen::VectorXd::Unit(7, 0);
  std::vector<Eigen::VectorXd> path = {end + 2.0 * d1 - 1.0 * d2, end + 0.5 * d2, end};
  const PathProjection p = projectPathOnPlane(path, d1, d2);
  EXPECT_NEAR(p.coords(0, 0), 2.0, 1e-12);
  EXPECT_NEAR(p.coords(0, 1), -1.0, 1e-12);
  EXPECT_NEAR(p.coords(1, 1), 0.5, 1e-12);
  EXPECT_NEAR(p.coords(2, 0), 0.0, 1e-15);  // the final point is the origin
  EXPECT_LT(p.off_plane.maxCoeff(), 1e-12);
  EXPECT_NEAR(p.explained.sum(), 1.0, 1e-12);  // all of it lies in the plane
  // A point off the plane: its distance is what least squares leaves.
  path[1] = end + 5.0 * off;
  const PathProjection q = projectPathOnPlane(path, d1, d2);
  EXPECT_GT(q.off_plane[1], 0.1);
  EXPECT_GE(q.explained.minCoeff(), 0.0);
  EXPECT_LE(q.explained.sum(), 1.0 + 1e-12);
  EXPECT_THROW(projectPathOnPlane(path, d1, 2.0 * d1), InputError);
}
