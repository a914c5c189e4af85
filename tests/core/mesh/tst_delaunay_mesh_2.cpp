// Invariants of the 2D Delaunay mesh and its P1 basis, over seeded random meshes.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "lreg/mesh/delaunay_mesh_2.h"
#include "lreg/mesh/p1_basis.h"

using namespace lreg;

namespace {

// A box [lo, hi] with n - 4 random interior vertices, seeded.
DelaunayMesh2 randomMesh(int n, unsigned seed, Eigen::Vector2d lo = {-1, 0},
                         Eigen::Vector2d hi = {2, 3}) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> ux(lo.x(), hi.x()), uy(lo.y(), hi.y());
  DelaunayMesh2 mesh(lo, hi, 1);
  while (mesh.vertices() < n) mesh.insert({ux(rng), uy(rng)}, Eigen::RowVectorXd::Zero(1));
  return mesh;
}

Eigen::MatrixX2d randomPoints(int n, unsigned seed, Eigen::Vector2d lo = {-1, 0},
                              Eigen::Vector2d hi = {2, 3}) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> ux(lo.x(), hi.x()), uy(lo.y(), hi.y());
  Eigen::MatrixX2d x(n, 2);
  for (int r = 0; r < n; ++r) x.row(r) << ux(rng), uy(rng);
  return x;
}

}  // namespace

TEST(DelaunayMesh2, BoxHasFourLockedCornersAndTwoTriangles) {
  DelaunayMesh2 mesh({0, 0}, {1, 2});
  EXPECT_EQ(mesh.vertices(), 4);
  EXPECT_EQ(mesh.triangles(), 2);
  for (int i = 0; i < 4; ++i) {
    EXPECT_TRUE(mesh.isCorner(i));
    EXPECT_FALSE(mesh.remove(i).ok());
    EXPECT_FALSE(mesh.move(i, {0.5, 0.5}).status.ok());
  }
  EXPECT_NEAR(mesh.area(0) + mesh.area(1), 2.0, 1e-12);
}

TEST(DelaunayMesh2, EquationA1AgreesWithBarycentricCoordinates) {
  for (unsigned seed : {1u, 2u, 3u, 4u}) {
    const DelaunayMesh2 mesh = randomMesh(30, seed);
    const P1Basis a1(mesh.points(), mesh.triangleIndices());
    Eigen::MatrixX2d x = randomPoints(400, 100 + seed);
    // Include the vertices themselves and edge midpoints: the cases where triangles touch.
    const Eigen::MatrixX2d P = mesh.points();
    const Eigen::MatrixX3i T = mesh.triangleIndices();
    Eigen::MatrixX2d extra(P.rows() + T.rows(), 2);
    extra << P, (P(T.col(0), Eigen::all) + P(T.col(1), Eigen::all)) / 2;
    Eigen::MatrixX2d all(x.rows() + extra.rows(), 2);
    all << x, extra;
    const Eigen::MatrixXd bary = Eigen::MatrixXd(mesh.basisMatrix(all));
    const Eigen::MatrixXd eq = a1.evaluate(all);
    EXPECT_LT((bary - eq).cwiseAbs().maxCoeff(), 1e-10) << "seed " << seed;
    for (int i : {4, 10, 29})
      EXPECT_LT((a1.evaluate(i, all) - eq.col(i)).cwiseAbs().maxCoeff(), 1e-12);
  }
}

TEST(DelaunayMesh2, BasisIsAPartitionOfUnityAndKroneckerAtVertices) {
  for (unsigned seed : {5u, 6u, 7u}) {
    const DelaunayMesh2 mesh = randomMesh(50, seed);
    const Eigen::MatrixX2d x = randomPoints(1000, seed);
    const Eigen::MatrixXd B = Eigen::MatrixXd(mesh.basisMatrix(x));
    EXPECT_LT((B.rowwise().sum().array() - 1).abs().maxCoeff(), 1e-12);
    EXPECT_GE(B.minCoeff(), -1e-12);
    const Eigen::MatrixXd K = Eigen::MatrixXd(mesh.basisMatrix(mesh.points()));
    EXPECT_LT(
        (K - Eigen::MatrixXd::Identity(mesh.vertices(), mesh.vertices())).cwiseAbs().maxCoeff(),
        1e-12);
    const P1Basis a1(mesh.points(), mesh.triangleIndices());
    EXPECT_LT((a1.evaluate(x).rowwise().sum().array() - 1).abs().maxCoeff(), 1e-12);
  }
}

TEST(DelaunayMesh2, SupportOfPsiIsItsIncidentTriangles) {
  const DelaunayMesh2 mesh = randomMesh(25, 8);
  const P1Basis a1(mesh.points(), mesh.triangleIndices());
  for (int i = 0; i < mesh.vertices(); ++i) {
    auto a = mesh.incidentTriangles(i), b = a1.support(i);
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    EXPECT_EQ(a, b) << "vertex " << i;
  }
}

TEST(DelaunayMesh2, InsertionInterpolatesSoAffineFitsAreUnchanged) {
  DelaunayMesh2 mesh = randomMesh(20, 9);
  const Eigen::MatrixX2d P = mesh.points();
  mesh.setCoeffs((1.5 * P.col(0) - 0.5 * P.col(1)).array() + 2.0);
  const Eigen::MatrixX2d x = randomPoints(300, 10);
  const Eigen::VectorXd before = mesh.predict(x);
  for (const Eigen::Vector2d& p :
       {Eigen::Vector2d(0.3, 0.7), Eigen::Vector2d(1.9, 2.9), Eigen::Vector2d(-1, 1.5)})
    ASSERT_TRUE(mesh.insert(p).status.ok());
  EXPECT_LT((mesh.predict(x) - before).cwiseAbs().maxCoeff(), 1e-12);
}

TEST(DelaunayMesh2, CachedSampleLocationsSurviveEdits) {
  DelaunayMesh2 mesh = randomMesh(40, 11);
  const Eigen::MatrixX2d x = randomPoints(3000, 12);
  mesh.attachSamples(x);
  EXPECT_LT(mesh.sampleLocationError(), 1e-12);
  std::mt19937_64 rng(13);
  std::uniform_real_distribution<double> ux(-1, 2), uy(0, 3);
  for (int round = 0; round < 60; ++round) {
    const int kind = round % 3;
    if (kind == 0) {
      mesh.insert({ux(rng), uy(rng)});
    } else if (kind == 1) {
      mesh.remove(4 + static_cast<int>(rng() % static_cast<unsigned>(mesh.vertices() - 4)));
    } else {
      mesh.move(4 + static_cast<int>(rng() % static_cast<unsigned>(mesh.vertices() - 4)),
                {ux(rng), uy(rng)});
    }
    // Points on the boundary too: midpoints of the box's sides.
    if (round == 30) {
      ASSERT_TRUE(mesh.insert({0.5, 0.0}).status.ok());
    }
    ASSERT_LT(mesh.sampleLocationError(), 1e-9) << "after edit " << round;
  }
  // The cached locations are those a fresh location finds.
  const SampleLocations& L = mesh.sampleLocations();
  const Eigen::MatrixXd fresh = Eigen::MatrixXd(mesh.basisMatrix(x));
  for (Eigen::Index s = 0; s < x.rows(); ++s)
    for (int k = 0; k < 3; ++k) EXPECT_NEAR(fresh(s, L.vertex(s, k)), L.weight(s, k), 1e-9);
}

TEST(DelaunayMesh2, IndicesStayCompactAfterRemoval) {
  DelaunayMesh2 mesh = randomMesh(12, 14);
  const Eigen::MatrixX2d before = mesh.points();
  ASSERT_TRUE(mesh.remove(6).ok());
  const Eigen::MatrixX2d after = mesh.points();
  ASSERT_EQ(after.rows(), 11);
  EXPECT_TRUE(after.topRows(6).isApprox(before.topRows(6)));
  EXPECT_TRUE(after.bottomRows(5).isApprox(before.bottomRows(5)));
  const Eigen::MatrixX3i T = mesh.triangleIndices();
  EXPECT_GE(T.minCoeff(), 0);
  EXPECT_LT(T.maxCoeff(), 11);
}

TEST(DelaunayMesh2, RemovalPreviewMatchesTheRemoval) {
  DelaunayMesh2 mesh = randomMesh(40, 15);
  std::mt19937_64 rng(16);
  Eigen::VectorXd c(mesh.vertices());
  for (auto& v : c) v = std::uniform_real_distribution<double>(-1, 1)(rng);
  mesh.setCoeffs(c);
  const Eigen::MatrixX2d x = randomPoints(500, 17);
  for (int i : {5, 12, 20, 33}) {
    const RemovalPreview r = mesh.previewRemoval(i);
    ASSERT_TRUE(r.status.ok());
    // The fill covers exactly the star.
    double star = 0, fill = 0;
    for (int t : r.star) star += mesh.area(t);
    const Eigen::MatrixX2d P = mesh.points();
    for (const auto& f : r.fill)
      fill += 0.5 * std::abs((P.row(f[1]) - P.row(f[0])).x() * (P.row(f[2]) - P.row(f[0])).y() -
                             (P.row(f[1]) - P.row(f[0])).y() * (P.row(f[2]) - P.row(f[0])).x());
    EXPECT_NEAR(star, fill, 1e-12 * (1 + star));
    // The surplus is c_i minus the removed mesh's value at p_i.
    DelaunayMesh2 copy = mesh;
    const Eigen::Vector2d p = mesh.point(i);
    ASSERT_TRUE(copy.remove(i).ok());
    EXPECT_NEAR(r.surplus[0], mesh.coeffs()(i, 0) - copy.predict(p.transpose())(0, 0), 1e-12);
  }
  EXPECT_FALSE(mesh.previewRemoval(2).status.ok());  // a corner
}

TEST(DelaunayMesh2, InsertionPreviewMatchesTheInsertion) {
  DelaunayMesh2 mesh = randomMesh(40, 20);
  std::mt19937_64 rng(21);
  Eigen::VectorXd c(mesh.vertices());
  for (auto& v : c) v = std::uniform_real_distribution<double>(-1, 1)(rng);
  mesh.setCoeffs(c);
  for (const Eigen::Vector2d& p :
       {Eigen::Vector2d(0.2, 1.1), Eigen::Vector2d(1.5, 0.0), Eigen::Vector2d(-0.3, 2.7)}) {
    const InsertionPreview r = mesh.previewInsertion(p);
    ASSERT_TRUE(r.status.ok());
    EXPECT_NEAR(r.coeff[0], mesh.predict(p.transpose())(0, 0), 1e-12);
    const Eigen::MatrixX2d P = mesh.points();
    double zone = 0, fan = 0;
    for (int t : r.conflict) zone += mesh.area(t);
    for (const auto& e : r.fan)
      fan += 0.5 * std::abs((P(e[0], 0) - p.x()) * (P(e[1], 1) - p.y()) -
                            (P(e[0], 1) - p.y()) * (P(e[1], 0) - p.x()));
    EXPECT_NEAR(zone, fan, 1e-12 * (1 + zone));
    // After the insertion the new vertex's triangles are exactly the fan.
    DelaunayMesh2 copy = mesh;
    const MeshEdit e = copy.insert(p, r.coeff);
    ASSERT_TRUE(e.status.ok());
    EXPECT_EQ(copy.incidentTriangles(e.vertex).size(), r.fan.size());
  }
  EXPECT_FALSE(mesh.previewInsertion(mesh.point(7)).status.ok());
  EXPECT_FALSE(mesh.previewInsertion({5, 5}).status.ok());
}

TEST(DelaunayMesh2, DegenerateInputGetsAStatusNotACrash) {
  EXPECT_THROW(DelaunayMesh2({0, 0}, {0, 1}), InputError);  // no area
  DelaunayMesh2 mesh({0, 0}, {1, 1});
  EXPECT_EQ(mesh.insert({0.5, 0.5}).status.code, StatusCode::Success);
  EXPECT_EQ(mesh.insert({0.5, 0.5}).status.code, StatusCode::InvalidInput);  // duplicate
  EXPECT_EQ(mesh.insert({1.5, 0.5}).status.code, StatusCode::InvalidInput);  // outside
  EXPECT_EQ(mesh.insert({NAN, 0.5}).status.code, StatusCode::InvalidInput);
  EXPECT_EQ(mesh.move(4, {0, 0}).status.code, StatusCode::InvalidInput);  // onto a corner
  EXPECT_EQ(mesh.remove(17).code, StatusCode::InvalidInput);
  Eigen::MatrixX2d collinear(5, 2);
  collinear << 0, 0, 1, 1, 2, 2, 3, 3, 4, 4;
  EXPECT_THROW(DelaunayMesh2::fromVertices(collinear, Eigen::VectorXd::Zero(5)), InputError);
  Eigen::MatrixX2d dup(5, 2);
  dup << 0, 0, 1, 0, 1, 1, 0, 1, 1, 0;
  EXPECT_THROW(DelaunayMesh2::fromVertices(dup, Eigen::VectorXd::Zero(5)), InputError);
  // A point outside the domain is a test input beyond the training range (it extrapolates); a
  // non-finite one is bad input.
  EXPECT_NO_THROW(mesh.attachSamples(Eigen::MatrixX2d::Constant(1, 2, 3.0)));
  EXPECT_THROW(mesh.attachSamples(Eigen::MatrixX2d::Constant(1, 2, NAN)), InputError);
  EXPECT_THROW(P1Basis(collinear, (Eigen::MatrixX3i(1, 3) << 0, 1, 2).finished()), InputError);
}

TEST(DelaunayMesh2, FromVerticesRebuildsASnapshot) {
  DelaunayMesh2 mesh = randomMesh(30, 18);
  mesh.setCoeffs(mesh.points().col(0).array().sin().matrix());
  const DelaunayMesh2 again = DelaunayMesh2::fromVertices(mesh.points(), mesh.coeffs());
  const Eigen::MatrixX2d x = randomPoints(200, 19);
  EXPECT_LT((again.predict(x) - mesh.predict(x)).cwiseAbs().maxCoeff(), 1e-12);
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(again.isCorner(i));
}

// The MRC loop scores its test rows in an order computed once: any permutation gives the same
// values (row by row), and an order that is not one of the rows is refused.
TEST(DelaunayMesh2, PredictInAGivenOrderEqualsPredict) {
  DelaunayMesh2 mesh = randomMesh(40, 3);
  const Eigen::MatrixX2d P = mesh.points();
  mesh.setCoeffs(P.col(0).array().sin() * P.col(1).array());
  const Eigen::MatrixX2d x = randomPoints(500, 4, {-1.5, -0.5}, {2.5, 3.5});  // some outside
  const Eigen::MatrixXd ref = mesh.predict(x);
  std::vector<std::size_t> order = DelaunayMesh2::spatialOrder(x);
  EXPECT_EQ((mesh.predict(x, order) - ref).cwiseAbs().maxCoeff(), 0.0);
  std::mt19937_64 rng(5);
  std::shuffle(order.begin(), order.end(), rng);
  EXPECT_LT((mesh.predict(x, order) - ref).cwiseAbs().maxCoeff(), 1e-12);
  order.pop_back();
  EXPECT_THROW(mesh.predict(x, order), InputError);
  order.push_back(x.rows());
  EXPECT_THROW(mesh.predict(x, order), InputError);
}
