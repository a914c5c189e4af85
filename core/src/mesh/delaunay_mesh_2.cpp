// DelaunayMesh2: building, structure, coefficients and evaluation. CGAL stays behind the class's
// CGAL-free interface (its state: delaunay_mesh_2_impl.h; its edits: delaunay_mesh_2_edit.cpp).
#include "lreg/mesh/delaunay_mesh_2.h"

#include <cmath>

#include "delaunay_mesh_2_impl.h"

namespace lreg {

// --- construction -----------------------------------------------------------------------------

DelaunayMesh2::DelaunayMesh2() : impl_(std::make_unique<Impl>()) {}

DelaunayMesh2::DelaunayMesh2(const Eigen::Vector2d& lo, const Eigen::Vector2d& hi, int outputs)
    : impl_(std::make_unique<Impl>()) {
  if (!lo.allFinite() || !hi.allFinite() || !(lo.array() < hi.array()).all())
    throw InputError("2D mesh: the domain " + str(lo) + " - " + str(hi) +
                     " has no area (inputs constant or collinear along an axis?)");
  if (outputs < 1) throw InputError("2D mesh: needs at least one output");
  auto& m = *impl_;
  m.lo = lo;
  m.hi = hi;
  m.outputs = outputs;
  const Eigen::Vector2d corners[4] = {lo, {hi.x(), lo.y()}, hi, {lo.x(), hi.y()}};
  for (int i = 0; i < 4; ++i) {
    VH v = m.dt.insert(toPoint(corners[i]));
    v->info().index = i;
    v->info().corner = true;
    v->info().coeff = Eigen::RowVectorXd::Zero(outputs);
    m.vertex.push_back(v);
  }
  m.reindexFaces();
  m.changed();
}

DelaunayMesh2 DelaunayMesh2::fromVertices(const Eigen::MatrixX2d& P,
                                          const Eigen::MatrixXd& coeffs) {
  if (P.rows() < 4) throw InputError("2D mesh: needs at least the 4 domain corners as vertices");
  if (!P.allFinite()) throw InputError("2D mesh: non-finite vertex coordinates");
  if (coeffs.rows() != P.rows() || coeffs.cols() < 1)
    throw InputError("2D mesh: " + std::to_string(coeffs.rows()) + " coefficient rows for " +
                     std::to_string(P.rows()) + " vertices");
  const Eigen::Vector2d lo = P.colwise().minCoeff(), hi = P.colwise().maxCoeff();
  if (!(lo.array() < hi.array()).all())
    throw InputError("2D mesh: the vertices are collinear along an axis: no triangle");
  DelaunayMesh2 mesh;
  auto& m = *mesh.impl_;
  m.lo = lo;
  m.hi = hi;
  m.outputs = static_cast<int>(coeffs.cols());
  int corners = 0;
  for (Eigen::Index i = 0; i < P.rows(); ++i) {
    const Point p(P(i, 0), P(i, 1));
    DT::Locate_type lt = DT::FACE;
    int li = 0;
    FH loc = m.dt.number_of_vertices() > 0 ? m.dt.locate(p, lt, li) : FH();
    if (m.dt.number_of_vertices() > 0 && lt == DT::VERTEX)
      throw InputError("2D mesh: vertex " + std::to_string(i) + " duplicates vertex " +
                       std::to_string(loc->vertex(li)->info().index));
    VH v = m.dt.insert(p);
    const bool xe = P(i, 0) == lo.x() || P(i, 0) == hi.x(),
               ye = P(i, 1) == lo.y() || P(i, 1) == hi.y();
    v->info().index = static_cast<int>(i);
    v->info().corner = xe && ye;
    v->info().coeff = coeffs.row(i);
    corners += xe && ye;
    m.vertex.push_back(v);
  }
  if (m.dt.dimension() < 2) throw InputError("2D mesh: the vertices are collinear: no triangle");
  if (corners != 4)
    throw InputError("2D mesh: the 4 corners of the vertices' bounding box must be vertices");
  m.reindexFaces();
  m.changed();
  return mesh;
}

DelaunayMesh2::DelaunayMesh2(const DelaunayMesh2& other) : impl_(std::make_unique<Impl>()) {
  *this = other;
}

DelaunayMesh2& DelaunayMesh2::operator=(const DelaunayMesh2& other) {
  if (this == &other) return *this;
  auto& m = *impl_;
  const auto& o = *other.impl_;
  m.dt = o.dt;  // copies the combinatorics and the infos
  m.outputs = o.outputs;
  m.lo = o.lo;
  m.hi = o.hi;
  m.vertex.assign(o.vertex.size(), VH());
  for (auto v = m.dt.finite_vertices_begin(); v != m.dt.finite_vertices_end(); ++v)
    m.vertex[static_cast<size_t>(v->info().index)] = v;
  m.face.assign(o.face.size(), FH());
  for (auto f = m.dt.all_faces_begin(); f != m.dt.all_faces_end(); ++f) {
    f->info().samples.clear();
    if (f->info().index >= 0) m.face[static_cast<size_t>(f->info().index)] = f;
  }
  m.xs.resize(0, 2);
  m.sface.clear();
  m.sweight.resize(0, 3);
  m.soutside.clear();
  m.changed();
  return *this;
}

DelaunayMesh2::DelaunayMesh2(DelaunayMesh2&&) noexcept = default;
DelaunayMesh2& DelaunayMesh2::operator=(DelaunayMesh2&&) noexcept = default;
DelaunayMesh2::~DelaunayMesh2() = default;

// --- structure --------------------------------------------------------------------------------

int DelaunayMesh2::vertices() const { return static_cast<int>(impl_->vertex.size()); }
int DelaunayMesh2::triangles() const { return static_cast<int>(impl_->face.size()); }
int DelaunayMesh2::outputs() const { return impl_->outputs; }
Eigen::Vector2d DelaunayMesh2::lo() const { return impl_->lo; }
Eigen::Vector2d DelaunayMesh2::hi() const { return impl_->hi; }

Eigen::Vector2d DelaunayMesh2::point(int i) const {
  if (i < 0 || i >= vertices()) throw InputError("2D mesh: no vertex " + std::to_string(i));
  return toVector(impl_->vertex[static_cast<size_t>(i)]->point());
}

Eigen::MatrixX2d DelaunayMesh2::points() const {
  Eigen::MatrixX2d P(vertices(), 2);
  for (int i = 0; i < vertices(); ++i) {
    const Point& p = impl_->vertex[static_cast<size_t>(i)]->point();
    P.row(i) << p.x(), p.y();
  }
  return P;
}

Eigen::MatrixX3i DelaunayMesh2::triangleIndices() const {
  Eigen::MatrixX3i T(triangles(), 3);
  for (int t = 0; t < triangles(); ++t) {
    const FH f = impl_->face[static_cast<size_t>(t)];
    for (int k = 0; k < 3; ++k) T(t, k) = f->vertex(k)->info().index;
  }
  return T;
}

std::array<int, 3> DelaunayMesh2::triangle(int t) const {
  if (t < 0 || t >= triangles()) throw InputError("2D mesh: no triangle " + std::to_string(t));
  const FH f = impl_->face[static_cast<size_t>(t)];
  return {f->vertex(0)->info().index, f->vertex(1)->info().index, f->vertex(2)->info().index};
}

double DelaunayMesh2::area(int t) const {
  if (t < 0 || t >= triangles()) throw InputError("2D mesh: no triangle " + std::to_string(t));
  const FH f = impl_->face[static_cast<size_t>(t)];
  return CGAL::area(f->vertex(0)->point(), f->vertex(1)->point(), f->vertex(2)->point());
}

bool DelaunayMesh2::isCorner(int i) const {
  if (i < 0 || i >= vertices()) return false;
  return impl_->vertex[static_cast<size_t>(i)]->info().corner;
}

bool DelaunayMesh2::isOnBoundary(int i) const {
  if (i < 0 || i >= vertices()) return false;
  return impl_->dt.is_edge(impl_->vertex[static_cast<size_t>(i)], impl_->dt.infinite_vertex());
}

std::vector<int> DelaunayMesh2::incidentTriangles(int i) const {
  if (i < 0 || i >= vertices()) throw InputError("2D mesh: no vertex " + std::to_string(i));
  std::vector<int> out;
  auto c = impl_->dt.incident_faces(impl_->vertex[static_cast<size_t>(i)]), end = c;
  do {
    if (!impl_->dt.is_infinite(c)) out.push_back(c->info().index);
  } while (++c != end);
  return out;
}

std::vector<int> DelaunayMesh2::neighbours(int i) const {
  if (i < 0 || i >= vertices()) throw InputError("2D mesh: no vertex " + std::to_string(i));
  std::vector<int> out;
  auto c = impl_->dt.incident_vertices(impl_->vertex[static_cast<size_t>(i)]), end = c;
  do {
    if (!impl_->dt.is_infinite(c)) out.push_back(c->info().index);
  } while (++c != end);
  return out;
}

// --- coefficients -----------------------------------------------------------------------------

const Eigen::MatrixXd& DelaunayMesh2::coeffs() const {
  auto& m = *impl_;
  if (m.coeffs_dirty) {
    m.coeffs.resize(vertices(), m.outputs);
    for (int i = 0; i < vertices(); ++i)
      m.coeffs.row(i) = m.vertex[static_cast<size_t>(i)]->info().coeff;
    m.coeffs_dirty = false;
  }
  return m.coeffs;
}

void DelaunayMesh2::setCoeffs(const Eigen::MatrixXd& coeffs) {
  if (coeffs.rows() != vertices() || coeffs.cols() != outputs())
    throw InputError("2D mesh: coefficients are " + std::to_string(coeffs.rows()) + "x" +
                     std::to_string(coeffs.cols()) + ", expected " + std::to_string(vertices()) +
                     "x" + std::to_string(outputs()));
  for (int i = 0; i < vertices(); ++i)
    impl_->vertex[static_cast<size_t>(i)]->info().coeff = coeffs.row(i);
  impl_->coeffs = coeffs;
  impl_->coeffs_dirty = false;
}

// --- evaluation -------------------------------------------------------------------------------

MeshLocation DelaunayMesh2::locate(const Eigen::Vector2d& x) const {
  MeshLocation out;
  if (triangles() == 0 || !x.allFinite()) return out;
  const FH f = impl_->locatePoint(x, FH());
  const auto w = barycentric(f, x.x(), x.y());
  out.triangle = f->info().index;
  for (int k = 0; k < 3; ++k) {
    out.vertex[static_cast<size_t>(k)] = f->vertex(k)->info().index;
    out.weight[static_cast<size_t>(k)] = w[static_cast<size_t>(k)];
  }
  return out;
}

Eigen::SparseMatrix<double, Eigen::RowMajor> DelaunayMesh2::basisMatrix(
    const Eigen::MatrixX2d& x) const {
  std::vector<Point> pts(static_cast<size_t>(x.rows()));
  for (Eigen::Index r = 0; r < x.rows(); ++r)
    pts[static_cast<size_t>(r)] = impl_->clamped(x.row(r).transpose());
  std::vector<Eigen::Triplet<double>> trip;
  trip.reserve(pts.size() * 3);
  FH hint;
  for (const size_t u : Impl::hilbertOrder(pts)) {
    const auto r = static_cast<Eigen::Index>(u);
    hint = impl_->locatePoint(x.row(r).transpose(), hint);
    const auto w = barycentric(hint, x(r, 0), x(r, 1));
    for (int k = 0; k < 3; ++k)
      trip.emplace_back(static_cast<int>(r), hint->vertex(k)->info().index,
                        w[static_cast<size_t>(k)]);
  }
  Eigen::SparseMatrix<double, Eigen::RowMajor> B(x.rows(), vertices());
  B.setFromTriplets(trip.begin(), trip.end());
  return B;
}

Eigen::VectorXd DelaunayMesh2::basis(int i, const Eigen::MatrixX2d& x) const {
  if (i < 0 || i >= vertices()) throw InputError("2D mesh: no vertex " + std::to_string(i));
  return basisMatrix(x).col(i);
}

std::vector<std::size_t> DelaunayMesh2::spatialOrder(const Eigen::MatrixX2d& x) {
  std::vector<Point> pts(static_cast<size_t>(x.rows()));
  for (Eigen::Index r = 0; r < x.rows(); ++r) pts[static_cast<size_t>(r)] = Point(x(r, 0), x(r, 1));
  return Impl::hilbertOrder(pts);
}

Eigen::MatrixXd DelaunayMesh2::predict(const Eigen::MatrixX2d& x) const {
  return predict(x, spatialOrder(x));
}

Eigen::MatrixXd DelaunayMesh2::predict(const Eigen::MatrixX2d& x,
                                       const std::vector<std::size_t>& order) const {
  Eigen::MatrixXd out(x.rows(), outputs());
  if (triangles() == 0) throw InputError("2D mesh: predict on an empty mesh");
  if (order.size() != static_cast<size_t>(x.rows()))
    throw InputError("2D mesh: an order of " + std::to_string(order.size()) + " rows for " +
                     std::to_string(x.rows()) + " points");
  Eigen::RowVectorXd v(outputs());
  FH hint;
  for (const size_t u : order) {
    const auto r = static_cast<Eigen::Index>(u);
    if (r >= x.rows()) throw InputError("2D mesh: the order names row " + std::to_string(r));
    hint = impl_->locatePoint(x.row(r).transpose(), hint);
    impl_->evaluate(hint, x(r, 0), x(r, 1), v.data());
    out.row(r) = v;
  }
  return out;
}

}  // namespace lreg
