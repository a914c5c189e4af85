// Issue 7: the 2D mesh refused (attachSamples: "lies outside the domain") or clamped test
// inputs beyond the training box; 1D extends its end elements. Now 2D extends the affine
// function of the nearest boundary triangle, so an affine target is reproduced outside too.
#include <gtest/gtest.h>

#include "lreg/mesh/delaunay_mesh_2.h"

using namespace lreg;

TEST(Issue7, TwoDExtrapolatesTheBoundaryTrianglesAffineFunction) {
  DelaunayMesh2 mesh({0, 0}, {1, 1}, 1);
  for (const Eigen::Vector2d p : {Eigen::Vector2d(0.3, 0.4), Eigen::Vector2d(0.7, 0.6),
                                  Eigen::Vector2d(0.5, 0.0), Eigen::Vector2d(1.0, 0.35)})
    mesh.insert(p);
  const auto f = [](double x, double y) { return 1.0 + 2.0 * x - 3.0 * y; };
  const Eigen::MatrixX2d P = mesh.points();
  Eigen::VectorXd c(P.rows());
  for (Eigen::Index i = 0; i < P.rows(); ++i) c[i] = f(P(i, 0), P(i, 1));
  mesh.setCoeffs(c);
  Eigen::MatrixX2d out(6, 2);
  out << -0.5, 0.5, 1.5, 0.2, 0.4, -1.0, 0.6, 2.0, -1.0, -1.0, 2.0, 3.0;
  ASSERT_NO_THROW(mesh.attachSamples(out));  // test inputs beyond the training box
  const Eigen::MatrixXd v = mesh.predict(out);
  for (Eigen::Index r = 0; r < out.rows(); ++r)
    EXPECT_NEAR(v(r, 0), f(out(r, 0), out(r, 1)), 1e-12) << out.row(r);
}
