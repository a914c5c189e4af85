// The saved 2D model against the trained mesh: same values inside and outside the domain, the
// affine extension of the boundary triangles outside, and its parameter count.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

#include "lreg/common/status.h"
#include "lreg/mesh/delaunay_mesh_2.h"
#include "lreg/models/lagrange_regressor_2d.h"

using namespace lreg;

namespace {

const Eigen::Vector2d kLo{-1, 0}, kHi{2, 3};

// Random interior vertices plus vertices on every boundary edge (ties at boundary vertices are
// where the extrapolation rule must pick the same triangle in both implementations).
DelaunayMesh2 randomMesh(int interior, unsigned seed, int outputs) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> ux(kLo.x(), kHi.x()), uy(kLo.y(), kHi.y());
  DelaunayMesh2 mesh(kLo, kHi, outputs);
  for (int k = 0; k < 2; ++k) {
    const Eigen::RowVectorXd z = Eigen::RowVectorXd::Zero(outputs);
    mesh.insert({ux(rng), kLo.y()}, z);
    mesh.insert({ux(rng), kHi.y()}, z);
    mesh.insert({kLo.x(), uy(rng)}, z);
    mesh.insert({kHi.x(), uy(rng)}, z);
  }
  while (mesh.vertices() < 12 + interior)
    mesh.insert({ux(rng), uy(rng)}, Eigen::RowVectorXd::Zero(outputs));
  std::normal_distribution<double> n01;
  Eigen::MatrixXd c(mesh.vertices(), outputs);
  for (Eigen::Index i = 0; i < c.size(); ++i) c(i) = n01(rng);
  mesh.setCoeffs(c);
  return mesh;
}

// Points in a box three times the domain's, plus points straight across boundary vertices.
Eigen::MatrixX2d probePoints(const DelaunayMesh2& mesh, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> ux(-4, 5), uy(-3, 6);
  Eigen::MatrixX2d x(600 + 2 * mesh.vertices(), 2);
  for (int r = 0; r < 600; ++r) x.row(r) << ux(rng), uy(rng);
  for (int i = 0; i < mesh.vertices(); ++i) {
    const Eigen::Vector2d p = mesh.point(i);
    x.row(600 + 2 * i) << p.x(), kLo.y() - 1.5;  // below: clamp hits (p.x, lo.y)
    x.row(601 + 2 * i) << kLo.x() - 0.7, p.y();  // left
  }
  return x;
}

bool outside(const Eigen::Vector2d& x) {
  return (x.array() < kLo.array()).any() || (x.array() > kHi.array()).any();
}

}  // namespace

TEST(LagrangeRegressor2D, AgreesWithTheTrainedMeshInsideAndOutside) {
  for (unsigned seed = 1; seed <= 6; ++seed) {
    const DelaunayMesh2 mesh = randomMesh(20, seed, 2);
    const LagrangeRegressor2D model = LagrangeRegressor2D::fromMesh(mesh);
    const Eigen::MatrixX2d x = probePoints(mesh, seed + 100);
    const Eigen::MatrixXd a = mesh.predict(x), b = model.predict(x);
    int n_out = 0;
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
      n_out += outside(x.row(r).transpose());
      for (int k = 0; k < 2; ++k)
        ASSERT_NEAR(a(r, k), b(r, k), 1e-12 * (1 + std::abs(a(r, k))))
            << "seed " << seed << " point " << x.row(r);
    }
    EXPECT_GT(n_out, 400);  // the probe really tests extrapolation
  }
}

// An affine target is reproduced everywhere, far outside included: a model that clamps to the
// domain (f(clamp(x))) or uses any other triangle's plane would not.
TEST(LagrangeRegressor2D, ExtrapolatesAnAffineFunctionExactly) {
  DelaunayMesh2 mesh = randomMesh(15, 7, 1);
  const Eigen::MatrixX2d P = mesh.points();
  const auto affine = [](double x, double y) { return 0.5 - 2.0 * x + 3.0 * y; };
  Eigen::MatrixXd c(P.rows(), 1);
  for (Eigen::Index i = 0; i < P.rows(); ++i) c(i, 0) = affine(P(i, 0), P(i, 1));
  mesh.setCoeffs(c);
  const LagrangeRegressor2D model = LagrangeRegressor2D::fromMesh(mesh);
  const Eigen::MatrixX2d x = probePoints(mesh, 8);
  const Eigen::MatrixXd f = model.predict(x), g = mesh.predict(x);
  for (Eigen::Index r = 0; r < x.rows(); ++r) {
    EXPECT_NEAR(f(r, 0), affine(x(r, 0), x(r, 1)), 1e-11) << x.row(r);
    EXPECT_NEAR(g(r, 0), affine(x(r, 0), x(r, 1)), 1e-11) << x.row(r);
  }
}

// Outside, f is the plane of a triangle that holds the nearest domain point: continuous across
// the boundary, and linear along the outward ray from that point.
TEST(LagrangeRegressor2D, OutsideUsesTheNearestBoundaryTrianglesPlane) {
  const DelaunayMesh2 mesh = randomMesh(25, 9, 1);
  const LagrangeRegressor2D model = LagrangeRegressor2D::fromMesh(mesh);
  const Eigen::MatrixX2d x = probePoints(mesh, 10);
  for (Eigen::Index r = 0; r < x.rows(); ++r) {
    const Eigen::Vector2d p = x.row(r).transpose();
    if (!outside(p)) continue;
    const Eigen::Vector2d c = p.cwiseMax(kLo).cwiseMin(kHi);
    const int t = model.triangleFor(p);
    ASSERT_GE(t, 0);
    const auto wc = model.barycentric(t, c);
    EXPECT_GE(std::min({wc[0], wc[1], wc[2]}), -1e-12) << "triangle " << t << " misses " << c;
    // Same value at the nearest domain point as the mesh inside (continuity).
    EXPECT_NEAR(model.predict(c.transpose())(0, 0), mesh.predict(c.transpose())(0, 0), 1e-12);
    // Linear along the ray c -> p: the midpoint value is the mean of the ends.
    Eigen::MatrixX2d q(3, 2);
    q.row(0) = c.transpose();
    q.row(1) = ((c + p) / 2).transpose();
    q.row(2) = p.transpose();
    const Eigen::VectorXd f = model.predict(q).col(0);
    EXPECT_NEAR(f(1), (f(0) + f(2)) / 2, 1e-10) << p.transpose();
  }
}

TEST(LagrangeRegressor2D, CountsCoefficientsAndFreePositions) {
  DelaunayMesh2 mesh(kLo, kHi, 3);
  const Eigen::RowVectorXd z = Eigen::RowVectorXd::Zero(3);
  mesh.insert({0.5, kLo.y()}, z);  // slides along the bottom edge: 1 position
  mesh.insert({kHi.x(), 1.0}, z);  // right edge: 1
  mesh.insert({0.0, 1.0}, z);      // interior: 2 each
  mesh.insert({1.0, 2.0}, z);
  const LagrangeRegressor2D model = LagrangeRegressor2D::fromMesh(mesh);
  EXPECT_EQ(model.parameters().coefficients, 8 * 3);
  EXPECT_EQ(model.parameters().positions, 2 + 2 * 2);
  EXPECT_EQ(model.inputs(), 2);
  EXPECT_EQ(model.outputs(), 3);
}

TEST(LagrangeRegressor2D, RejectsBrokenTriangulations) {
  Eigen::MatrixX2d P(3, 2);
  P << 0, 0, 1, 0, 0, 1;
  const Eigen::MatrixXd c = Eigen::MatrixXd::Zero(3, 1);
  Eigen::MatrixX3i ccw(1, 3), cw(1, 3), bad(1, 3);
  ccw << 0, 1, 2;
  cw << 0, 2, 1;
  bad << 0, 1, 3;
  EXPECT_NO_THROW(LagrangeRegressor2D(P, ccw, c));
  EXPECT_THROW(LagrangeRegressor2D(P, cw, c), InputError);
  EXPECT_THROW(LagrangeRegressor2D(P, bad, c), InputError);
  EXPECT_THROW(LagrangeRegressor2D(P, ccw, Eigen::MatrixXd::Zero(2, 1)), InputError);
  const LagrangeRegressor2D m(P, ccw, c);
  EXPECT_THROW(m.predict(Eigen::MatrixXd::Zero(2, 3)), InputError);
}

// Test inputs beyond the training box are attached to their nearest boundary triangle and stay
// there correctly through edits (this used to throw "lies outside the domain").
TEST(DelaunayMesh2Extrapolation, OutsideSamplesStayLocatedThroughEdits) {
  DelaunayMesh2 mesh = randomMesh(10, 11, 1);
  const Eigen::MatrixX2d x = probePoints(mesh, 12);
  ASSERT_NO_THROW(mesh.attachSamples(x));
  EXPECT_EQ(mesh.sampleLocationError(), 0.0);
  std::mt19937_64 rng(13);
  std::uniform_real_distribution<double> ux(kLo.x(), kHi.x()), uy(kLo.y(), kHi.y());
  for (int e = 0; e < 30; ++e) {
    if (e % 3 == 0)
      mesh.insert({ux(rng), kLo.y()});  // next to the outside samples' ties
    else if (e % 3 == 1)
      mesh.insert({ux(rng), uy(rng)});
    else
      ASSERT_TRUE(mesh.remove(4 + static_cast<int>(rng() % (mesh.vertices() - 4))).ok());
    ASSERT_EQ(mesh.sampleLocationError(), 0.0) << "after edit " << e;
  }
  const auto& loc = mesh.sampleLocations();
  for (Eigen::Index s = 0; s < x.rows(); ++s)
    EXPECT_EQ(loc.triangle[s], mesh.locate(x.row(s).transpose()).triangle);
}
