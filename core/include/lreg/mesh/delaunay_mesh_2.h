#pragma once
// A 2D Delaunay mesh over a box domain carrying P1 coefficients at its vertices: the 2D LReg model
// f(x) = sum_i c_i psi_i(x) (appendix A of the LReg paper; P = points(), T = triangleIndices()).
//
// It wraps CGAL's Delaunay_triangulation_2 (exact predicates, inexact constructions) with
// per-vertex info (index, coefficients) behind a pimpl: this header is CGAL-free, so only
// delaunay_mesh_2.cpp pays CGAL's compile cost.
//
// Indices: vertices are numbered 0..#V-1 in insertion order and stay compact (removing vertex i
// shifts the ones above it down by one: the paper's reindexing); triangles are renumbered after
// every edit. The four domain corners are vertices that are never removed or moved.
//
// Attached samples (the training and test inputs of a fit) are located once and then kept
// located: every sample remembers its face, and an edit re-locates only the samples of the faces
// it changed, with a hint next to the change.
//
// Not thread-safe, not even for const calls (sample locations are refreshed lazily); the studio
// works on snapshots.
#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <array>
#include <memory>
#include <vector>

#include "lreg/common/status.h"

namespace lreg {

// Where a point lies: its triangle, the triangle's vertices (counter-clockwise) and the
// barycentric coordinates, i.e. psi_vertex[k](x) = weight[k]; all other psi_i(x) are 0.
struct MeshLocation {
  int triangle = -1;
  std::array<int, 3> vertex{-1, -1, -1};
  std::array<double, 3> weight{0, 0, 0};
};

// Locations of all attached samples, refreshed after edits: row s belongs to sample s.
struct SampleLocations {
  Eigen::VectorXi triangle;                                          // #samples
  Eigen::Matrix<int, Eigen::Dynamic, 3, Eigen::RowMajor> vertex;     // #samples by 3
  Eigen::Matrix<double, Eigen::Dynamic, 3, Eigen::RowMajor> weight;  // #samples by 3
};

// What removing vertex i would do, computed without removing it.
struct RemovalPreview {
  Status status;                         // InvalidInput for a corner or a bad index
  std::vector<int> star;                 // the triangles incident to i (they disappear)
  std::vector<std::array<int, 3>> fill;  // vertex-index triples that re-triangulate the hole
  // Hierarchical surplus per output: c_i minus the value at p_i of the mesh without i.
  Eigen::RowVectorXd surplus;
};

// What inserting a point would do, computed without inserting it (Bowyer-Watson: the triangles
// whose circumcircle holds p are replaced by a fan around p).
struct InsertionPreview {
  Status status;                        // InvalidInput: outside the domain, on a vertex
  std::vector<int> conflict;            // the triangles replaced
  std::vector<std::array<int, 2>> fan;  // new triangles (p, fan[k][0], fan[k][1]), vertex indices
  Eigen::RowVectorXd coeff;             // f(p), the coefficient an insert(p) would give
};

struct MeshEdit {
  Status status;    // InvalidInput: outside the domain, on an existing vertex, a corner, ...
  int vertex = -1;  // the inserted or moved vertex
};

class DelaunayMesh2 {
 public:
  // An empty mesh (no vertices); assign one of the meshes below before use.
  DelaunayMesh2();
  // The box [lo, hi] triangulated by its four corners (vertices 0-3: lo, (hi.x, lo.y), hi,
  // (lo.x, hi.y)); coefficients zero. Throws InputError unless lo < hi in both coordinates.
  DelaunayMesh2(const Eigen::Vector2d& lo, const Eigen::Vector2d& hi, int outputs = 1);
  // The Delaunay triangulation of given vertices (e.g. a snapshot); the domain is their bounding
  // box, whose four corners must be among them. Vertex i keeps index i. Throws InputError for
  // fewer than 4 vertices, duplicates, non-finite coordinates, missing corners or a coefficient
  // matrix with another number of rows.
  static DelaunayMesh2 fromVertices(const Eigen::MatrixX2d& P, const Eigen::MatrixXd& coeffs);

  // Copies carry vertices, triangles and coefficients, not the attached samples.
  DelaunayMesh2(const DelaunayMesh2& other);
  DelaunayMesh2& operator=(const DelaunayMesh2& other);
  DelaunayMesh2(DelaunayMesh2&&) noexcept;
  DelaunayMesh2& operator=(DelaunayMesh2&&) noexcept;
  ~DelaunayMesh2();

  // --- structure --------------------------------------------------------------------------
  int vertices() const;
  int triangles() const;
  int outputs() const;
  Eigen::Vector2d lo() const;
  Eigen::Vector2d hi() const;
  Eigen::Vector2d point(int i) const;
  Eigen::MatrixX2d points() const;           // P: #V by 2
  Eigen::MatrixX3i triangleIndices() const;  // T: #T by 3, counter-clockwise
  std::array<int, 3> triangle(int t) const;
  double area(int t) const;
  bool isCorner(int i) const;
  bool isOnBoundary(int i) const;                   // on the domain's boundary (corners included)
  std::vector<int> incidentTriangles(int i) const;  // the support of psi_i
  std::vector<int> neighbours(int i) const;         // vertices sharing an edge with i

  // --- coefficients -----------------------------------------------------------------------
  const Eigen::MatrixXd& coeffs() const;          // #V by outputs
  void setCoeffs(const Eigen::MatrixXd& coeffs);  // throws InputError on a shape mismatch

  // --- evaluation (barycentric coordinates of the containing triangle) ---------------------
  // Points outside the domain get the affine function of the nearest boundary triangle: the one
  // holding the nearest domain point, ties (that point is a vertex) to the centroid nearest that
  // point (src/mesh/nearest_face_2.h; LagrangeRegressor2D uses the same rule).
  MeshLocation locate(const Eigen::Vector2d& x) const;
  // B with B(r, i) = psi_i(x_r): #x by #V, three non-zeros per row.
  Eigen::SparseMatrix<double, Eigen::RowMajor> basisMatrix(const Eigen::MatrixX2d& x) const;
  Eigen::VectorXd basis(int i, const Eigen::MatrixX2d& x) const;  // psi_i at the points: #x
  Eigen::MatrixXd predict(const Eigen::MatrixX2d& x) const;       // f: #x by outputs
  // The order predict visits the rows in (a Hilbert curve: each point is located starting from
  // the previous one). A caller predicting the same points often computes it once.
  static std::vector<std::size_t> spatialOrder(const Eigen::MatrixX2d& x);
  // predict(x) with that order given: order is a permutation of the rows of x.
  Eigen::MatrixXd predict(const Eigen::MatrixX2d& x, const std::vector<std::size_t>& order) const;

  // --- edits (the coefficients of other vertices are kept) ---------------------------------
  // New vertex at p with coefficient f(p) (interpolation of the current fit).
  MeshEdit insert(const Eigen::Vector2d& p);
  MeshEdit insert(const Eigen::Vector2d& p, const Eigen::RowVectorXd& coeff);
  // Removes vertex i; the hole is re-triangulated (Delaunay) and indices above i shift down.
  Status remove(int i);
  // Moves vertex i to p keeping its index and coefficient.
  MeshEdit move(int i, const Eigen::Vector2d& p);
  RemovalPreview previewRemoval(int i) const;
  InsertionPreview previewInsertion(const Eigen::Vector2d& p) const;

  // --- attached samples -------------------------------------------------------------------
  // Locates every row of x (#samples by 2); a point outside the domain (a test input beyond the
  // training range) is placed in its nearest boundary triangle, with the barycentric coordinates
  // of the affine extension (some negative). Throws InputError for a non-finite point.
  void attachSamples(const Eigen::MatrixX2d& x);
  void detachSamples();
  int samples() const;
  const Eigen::MatrixX2d& samplePoints() const;
  const SampleLocations& sampleLocations() const;
  // One sample's location, current without refreshing all of them (e.g. right after an edit).
  MeshLocation sampleLocation(int s) const;
  // The attached samples inside triangle t, in no particular order.
  const std::vector<int>& samplesIn(int t) const;
  // Checks every cached location against the geometry (tests): max violation of the
  // barycentric coordinates below zero, 0 when all samples lie in their triangles (samples
  // outside the domain: 1 unless cached in the triangle the extrapolation rule picks).
  double sampleLocationError() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lreg
