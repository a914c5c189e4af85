// The only translation unit that includes CGAL (about 10 s and 1 GB to compile): everything the
// 2D fit needs from the triangulation goes through DelaunayMesh2's CGAL-free interface.
#include "lreg/mesh/delaunay_mesh_2.h"

#include <CGAL/Delaunay_triangulation_2.h>
#include <CGAL/Exact_predicates_inexact_constructions_kernel.h>
#include <CGAL/Spatial_sort_traits_adapter_2.h>
#include <CGAL/Triangulation_face_base_with_info_2.h>
#include <CGAL/Triangulation_vertex_base_with_info_2.h>
#include <CGAL/hilbert_sort.h>
#include <CGAL/property_map.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>
#include <string>

#include "nearest_face_2.h"

namespace lreg {

namespace {

using K = CGAL::Exact_predicates_inexact_constructions_kernel;
using Point = K::Point_2;

struct VertexInfo {
  int index = -1;
  bool corner = false;
  Eigen::RowVectorXd coeff;
};

struct FaceInfo {
  int index = -1;            // triangle index; -1 for infinite faces
  std::vector<int> samples;  // attached samples inside this face
};

using Vb = CGAL::Triangulation_vertex_base_with_info_2<VertexInfo, K>;
using Fb = CGAL::Triangulation_face_base_with_info_2<FaceInfo, K>;
using Tds = CGAL::Triangulation_data_structure_2<Vb, Fb>;
using DT = CGAL::Delaunay_triangulation_2<K, Tds>;
using VH = DT::Vertex_handle;
using FH = DT::Face_handle;

Point toPoint(const Eigen::Vector2d& p) { return {p.x(), p.y()}; }
Eigen::Vector2d toVector(const Point& p) { return {p.x(), p.y()}; }

std::string str(const Eigen::Vector2d& p) {
  std::ostringstream s;
  s << "(" << p.x() << ", " << p.y() << ")";
  return s.str();
}

// Barycentric coordinates of x in triangle (a, b, c), from three signed areas.
std::array<double, 3> barycentric(const Point& a, const Point& b, const Point& c, double x,
                                  double y) {
  const double ax = a.x() - x, ay = a.y() - y, bx = b.x() - x, by = b.y() - y, cx = c.x() - x,
               cy = c.y() - y;
  const double wa = bx * cy - by * cx, wb = cx * ay - cy * ax, wc = ax * by - ay * bx;
  const double sum = wa + wb + wc;  // twice the area of (a, b, c)
  return {wa / sum, wb / sum, wc / sum};
}

std::array<double, 3> barycentric(FH f, double x, double y) {
  return barycentric(f->vertex(0)->point(), f->vertex(1)->point(), f->vertex(2)->point(), x, y);
}

}  // namespace

struct DelaunayMesh2::Impl {
  DT dt;
  int outputs = 1;
  Eigen::Vector2d lo{0, 0}, hi{0, 0};
  std::vector<VH> vertex;  // by vertex index
  std::vector<FH> face;    // by triangle index

  mutable Eigen::MatrixXd coeffs;
  mutable bool coeffs_dirty = true;

  Eigen::MatrixX2d xs;                                                // attached samples
  std::vector<FH> sface;                                              // face of each sample
  Eigen::Matrix<double, Eigen::Dynamic, 3, Eigen::RowMajor> sweight;  // w.r.t. sface's vertices
  std::vector<int> soutside;  // samples outside the box (test inputs beyond the training range)
  mutable SampleLocations loc;
  mutable bool loc_dirty = true;

  void changed() {
    coeffs_dirty = true;
    loc_dirty = true;
  }

  bool inside(const Eigen::Vector2d& p) const {
    return p.allFinite() && (p.array() >= lo.array()).all() && (p.array() <= hi.array()).all();
  }

  void reindexFaces() {
    face.clear();
    face.reserve(static_cast<size_t>(dt.number_of_faces()));
    for (auto f = dt.all_faces_begin(); f != dt.all_faces_end(); ++f) f->info().index = -1;
    for (auto f = dt.finite_faces_begin(); f != dt.finite_faces_end(); ++f) {
      f->info().index = static_cast<int>(face.size());
      face.push_back(f);
    }
  }

  void reindexVertices(size_t from) {
    for (size_t j = from; j < vertex.size(); ++j) vertex[j]->info().index = static_cast<int>(j);
  }

  // A finite face containing p (on its boundary allowed), walking from hint.
  FH locateFinite(const Point& p, FH hint) const {
    DT::Locate_type lt;
    int li = 0;
    FH f = dt.locate(p, lt, li, hint);
    if (!dt.is_infinite(f)) return f;
    if (lt == DT::EDGE) return f->neighbor(li);
    if (lt == DT::VERTEX) {
      auto c = dt.incident_faces(f->vertex(li)), end = c;
      do {
        if (!dt.is_infinite(c)) return c;
      } while (++c != end);
    }
    // Outside the hull (only for unclamped queries): the finite face across the hull edge.
    return f->neighbor(f->index(dt.infinite_vertex()));
  }

  // The face whose affine function gives f(x): containing x, or outside the box the nearest
  // boundary triangle (nearest_face_2.h; the rule LagrangeRegressor2D shares).
  FH locatePoint(const Eigen::Vector2d& x, FH hint) const {
    if (inside(x)) return locateFinite(toPoint(x), hint);
    return detail::nearestBoundaryFace(dt, lo, hi, x, hint);
  }

  // An edit can change which face incident to a boundary vertex wins the tie-break for an
  // outside sample without touching the face it sits in: re-locate all of them (few).
  void relocateOutside() {
    for (const int s : soutside) {
      auto& bucket = sface[static_cast<size_t>(s)]->info().samples;
      bucket.erase(std::find(bucket.begin(), bucket.end(), s));
    }
    relocate(soutside, FH());
  }

  FH finiteIncidentFace(VH v) const {
    auto c = dt.incident_faces(v), end = c;
    do {
      if (!dt.is_infinite(c)) return c;
    } while (++c != end);
    return FH();
  }

  void place(int s, FH f) {
    f->info().samples.push_back(s);
    sface[static_cast<size_t>(s)] = f;
    const auto w = barycentric(f, xs(s, 0), xs(s, 1));
    sweight.row(s) << w[0], w[1], w[2];
  }

  void relocate(const std::vector<int>& samples, FH hint) {
    for (int s : samples) {
      const FH f = locatePoint(xs.row(s).transpose(), hint);
      place(s, f);
      hint = f;  // neighbouring samples of a star are usually in the same or the next face
    }
  }

  // Takes the samples out of the faces incident to v. Infinite ones too: a flip against the hull
  // (a vertex inserted on a boundary edge) turns a finite face holding samples into an infinite
  // one.
  std::vector<int> takeStarSamples(VH v) {
    std::vector<int> taken;
    auto c = dt.incident_faces(v), end = c;
    do {
      auto& bucket = c->info().samples;
      taken.insert(taken.end(), bucket.begin(), bucket.end());
      bucket.clear();
    } while (++c != end);
    return taken;
  }

  // Inserts p with the given index and coefficient; the caller has ruled out duplicates.
  VH insertAt(const Point& p, DT::Locate_type lt, FH loc, int li, int index,
              Eigen::RowVectorXd coeff) {
    // CGAL inserts in place (insert_in_face / insert_in_edge, then flips): every face it changes
    // is incident to the new vertex afterwards, so those faces hold all samples to re-locate.
    VH v = dt.insert(p, lt, loc, li);
    v->info().index = index;
    v->info().corner = false;
    v->info().coeff = std::move(coeff);
    if (!xs.rows()) return v;
    relocate(takeStarSamples(v), finiteIncidentFace(v));
    return v;
  }

  // Removes v; returns its samples re-located in the re-triangulated hole.
  void removeVertex(VH v) {
    std::vector<int> taken = takeStarSamples(v);
    VH neighbour;
    auto c = dt.incident_vertices(v), end = c;
    do {
      if (!dt.is_infinite(c)) neighbour = c;
    } while (++c != end && neighbour == VH());
    dt.remove(v);
    if (!taken.empty()) relocate(taken, finiteIncidentFace(neighbour));
  }

  // Value of f at x in face f (barycentric, also as linear extension outside f).
  void evaluate(FH f, double x, double y, double* out) const {
    const auto w = barycentric(f, x, y);
    for (int k = 0; k < outputs; ++k)
      out[k] = w[0] * f->vertex(0)->info().coeff[k] + w[1] * f->vertex(1)->info().coeff[k] +
               w[2] * f->vertex(2)->info().coeff[k];
  }

  // Hilbert order of the rows of x, so that each location starts next to the previous one.
  static std::vector<std::size_t> hilbertOrder(const std::vector<Point>& pts) {
    std::vector<std::size_t> order(pts.size());
    std::iota(order.begin(), order.end(), 0);
    using Pmap = CGAL::Pointer_property_map<Point>::const_type;
    using Traits = CGAL::Spatial_sort_traits_adapter_2<K, Pmap>;
    CGAL::hilbert_sort(order.begin(), order.end(), Traits(CGAL::make_property_map(pts)));
    return order;
  }

  // Clamped into the domain for the search; callers evaluate at the original point.
  Point clamped(const Eigen::Vector2d& x) const {
    const Eigen::Vector2d c = x.cwiseMax(lo).cwiseMin(hi);
    return toPoint(c);
  }
};

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

Eigen::MatrixXd DelaunayMesh2::predict(const Eigen::MatrixX2d& x) const {
  Eigen::MatrixXd out(x.rows(), outputs());
  if (triangles() == 0) throw InputError("2D mesh: predict on an empty mesh");
  std::vector<Point> pts(static_cast<size_t>(x.rows()));
  for (Eigen::Index r = 0; r < x.rows(); ++r)
    pts[static_cast<size_t>(r)] = impl_->clamped(x.row(r).transpose());
  Eigen::RowVectorXd v(outputs());
  FH hint;
  for (const size_t u : Impl::hilbertOrder(pts)) {
    const auto r = static_cast<Eigen::Index>(u);
    hint = impl_->locatePoint(x.row(r).transpose(), hint);
    impl_->evaluate(hint, x(r, 0), x(r, 1), v.data());
    out.row(r) = v;
  }
  return out;
}

// --- edits ------------------------------------------------------------------------------------

MeshEdit DelaunayMesh2::insert(const Eigen::Vector2d& p) {
  if (triangles() == 0) return {Status::invalidInput("insert into an empty mesh"), -1};
  if (!impl_->inside(p))
    return {Status::invalidInput("the point " + str(p) + " lies outside the domain"), -1};
  const MeshLocation l = locate(p);
  Eigen::RowVectorXd c = Eigen::RowVectorXd::Zero(outputs());
  for (int k = 0; k < 3; ++k)
    c += l.weight[static_cast<size_t>(k)] *
         impl_->vertex[static_cast<size_t>(l.vertex[static_cast<size_t>(k)])]->info().coeff;
  return insert(p, c);
}

MeshEdit DelaunayMesh2::insert(const Eigen::Vector2d& p, const Eigen::RowVectorXd& coeff) {
  auto& m = *impl_;
  if (triangles() == 0) return {Status::invalidInput("insert into an empty mesh"), -1};
  if (!m.inside(p))
    return {Status::invalidInput("the point " + str(p) + " lies outside the domain"), -1};
  if (coeff.size() != outputs() || !coeff.allFinite())
    return {Status::invalidInput("the new coefficient needs " + std::to_string(outputs()) +
                                 " finite values"),
            -1};
  const Point q = toPoint(p);
  DT::Locate_type lt;
  int li = 0;
  const FH loc = m.dt.locate(q, lt, li);
  if (lt == DT::VERTEX)
    return {Status::invalidInput("vertex " + std::to_string(loc->vertex(li)->info().index) +
                                 " already lies at " + str(p)),
            -1};
  const int index = vertices();
  m.vertex.push_back(m.insertAt(q, lt, loc, li, index, coeff));
  m.relocateOutside();
  m.reindexFaces();
  m.changed();
  return {Status::success(), index};
}

Status DelaunayMesh2::remove(int i) {
  auto& m = *impl_;
  if (i < 0 || i >= vertices()) return Status::invalidInput("no vertex " + std::to_string(i));
  if (isCorner(i))
    return Status::invalidInput("vertex " + std::to_string(i) + " is a domain corner");
  m.removeVertex(m.vertex[static_cast<size_t>(i)]);
  m.vertex.erase(m.vertex.begin() + i);
  m.reindexVertices(static_cast<size_t>(i));
  m.relocateOutside();
  m.reindexFaces();
  m.changed();
  return Status::success();
}

MeshEdit DelaunayMesh2::move(int i, const Eigen::Vector2d& p) {
  auto& m = *impl_;
  if (i < 0 || i >= vertices()) return {Status::invalidInput("no vertex " + std::to_string(i)), -1};
  if (isCorner(i))
    return {Status::invalidInput("vertex " + std::to_string(i) + " is a domain corner"), -1};
  if (!m.inside(p))
    return {Status::invalidInput("the point " + str(p) + " lies outside the domain"), -1};
  const VH v = m.vertex[static_cast<size_t>(i)];
  const Point q = toPoint(p);
  if (v->point() == q) return {Status::success(), i};
  DT::Locate_type lt;
  int li = 0;
  FH loc = m.dt.locate(q, lt, li);
  if (lt == DT::VERTEX)
    return {Status::invalidInput("vertex " + std::to_string(loc->vertex(li)->info().index) +
                                 " already lies at " + str(p)),
            -1};
  Eigen::RowVectorXd coeff = v->info().coeff;
  m.removeVertex(v);
  loc = m.dt.locate(q, lt, li);  // the removal changed the faces
  m.vertex[static_cast<size_t>(i)] = m.insertAt(q, lt, loc, li, i, std::move(coeff));
  m.relocateOutside();
  m.reindexFaces();
  m.changed();
  return {Status::success(), i};
}

RemovalPreview DelaunayMesh2::previewRemoval(int i) const {
  const auto& m = *impl_;
  RemovalPreview out;
  if (i < 0 || i >= vertices()) {
    out.status = Status::invalidInput("no vertex " + std::to_string(i));
    return out;
  }
  if (isCorner(i)) {
    out.status = Status::invalidInput("vertex " + std::to_string(i) + " is a domain corner");
    return out;
  }
  const VH v = m.vertex[static_cast<size_t>(i)];
  std::vector<FH> star;
  auto fc = m.dt.incident_faces(v), fend = fc;
  do {
    if (!m.dt.is_infinite(fc)) {
      star.push_back(fc);
      out.star.push_back(fc->info().index);
    }
  } while (++fc != fend);
  // Removing v from a Delaunay triangulation re-triangulates its star by the Delaunay triangles
  // of its link vertices that lie inside the star (they are empty of all other vertices).
  DT link;
  auto vc = m.dt.incident_vertices(v), vend = vc;
  do {
    if (m.dt.is_infinite(vc)) continue;
    VH lv = link.insert(vc->point());
    lv->info().index = vc->info().index;
    lv->info().coeff = vc->info().coeff;
  } while (++vc != vend);
  for (auto f = link.finite_faces_begin(); f != link.finite_faces_end(); ++f) {
    const double cx =
        (f->vertex(0)->point().x() + f->vertex(1)->point().x() + f->vertex(2)->point().x()) / 3;
    const double cy =
        (f->vertex(0)->point().y() + f->vertex(1)->point().y() + f->vertex(2)->point().y()) / 3;
    const bool in_star = std::any_of(star.begin(), star.end(), [&](FH s) {
      const auto w = barycentric(s, cx, cy);
      return std::min({w[0], w[1], w[2]}) >= -1e-12;
    });
    if (in_star)
      out.fill.push_back(
          {f->vertex(0)->info().index, f->vertex(1)->info().index, f->vertex(2)->info().index});
  }
  if (out.fill.empty()) {
    out.status =
        Status::numerical("the link of vertex " + std::to_string(i) + " spans no triangle");
    return out;
  }
  // The surplus: c_i minus the value at p_i of the fill (the triangle that contains p_i best).
  const Point& p = v->point();
  double best = -1e300;
  Eigen::RowVectorXd interp = Eigen::RowVectorXd::Zero(outputs());
  for (auto f = link.finite_faces_begin(); f != link.finite_faces_end(); ++f) {
    const auto w = barycentric(f->vertex(0)->point(), f->vertex(1)->point(), f->vertex(2)->point(),
                               p.x(), p.y());
    const double worst = std::min({w[0], w[1], w[2]});
    if (worst <= best) continue;
    best = worst;
    interp = w[0] * f->vertex(0)->info().coeff + w[1] * f->vertex(1)->info().coeff +
             w[2] * f->vertex(2)->info().coeff;
  }
  out.surplus = v->info().coeff - interp;
  return out;
}

InsertionPreview DelaunayMesh2::previewInsertion(const Eigen::Vector2d& p) const {
  const auto& m = *impl_;
  InsertionPreview out;
  if (triangles() == 0 || !m.inside(p)) {
    out.status = Status::invalidInput("the point " + str(p) + " lies outside the domain");
    return out;
  }
  const Point q = toPoint(p);
  DT::Locate_type lt;
  int li = 0;
  const FH loc = m.dt.locate(q, lt, li);
  if (lt == DT::VERTEX) {
    out.status = Status::invalidInput("vertex " + std::to_string(loc->vertex(li)->info().index) +
                                      " already lies at " + str(p));
    return out;
  }
  std::vector<FH> faces;
  std::vector<DT::Edge> boundary;
  m.dt.get_conflicts_and_boundary(q, std::back_inserter(faces), std::back_inserter(boundary), loc);
  for (const FH f : faces)
    if (!m.dt.is_infinite(f)) out.conflict.push_back(f->info().index);
  // Boundary edges are given from the face outside the zone: seen from p, reversed.
  for (const auto& [f, j] : boundary) {
    const VH a = f->vertex(DT::cw(j)), b = f->vertex(DT::ccw(j));
    if (m.dt.is_infinite(a) || m.dt.is_infinite(b)) continue;
    if (CGAL::orientation(a->point(), b->point(), q) == CGAL::COLLINEAR)
      continue;  // p on the hull edge
    out.fan.push_back({a->info().index, b->info().index});
  }
  const FH f = m.locateFinite(q, loc);
  const auto w = barycentric(f, p.x(), p.y());
  out.coeff = w[0] * f->vertex(0)->info().coeff + w[1] * f->vertex(1)->info().coeff +
              w[2] * f->vertex(2)->info().coeff;
  return out;
}

// --- attached samples -------------------------------------------------------------------------

void DelaunayMesh2::attachSamples(const Eigen::MatrixX2d& x) {
  auto& m = *impl_;
  if (triangles() == 0) throw InputError("2D mesh: attach samples to an empty mesh");
  for (Eigen::Index r = 0; r < x.rows(); ++r)
    if (!x.row(r).allFinite())
      throw InputError("2D mesh: sample " + std::to_string(r) + " is not finite");
  detachSamples();
  m.xs = x;
  m.sface.assign(static_cast<size_t>(x.rows()), FH());
  m.sweight.resize(x.rows(), 3);
  std::vector<Point> pts(static_cast<size_t>(x.rows()));
  for (Eigen::Index r = 0; r < x.rows(); ++r) pts[static_cast<size_t>(r)] = Point(x(r, 0), x(r, 1));
  FH hint;
  for (const size_t u : Impl::hilbertOrder(pts)) {
    hint = m.locatePoint(x.row(static_cast<Eigen::Index>(u)).transpose(), hint);
    m.place(static_cast<int>(u), hint);
  }
  for (Eigen::Index r = 0; r < x.rows(); ++r)
    if (!m.inside(x.row(r).transpose())) m.soutside.push_back(static_cast<int>(r));
  m.loc_dirty = true;
}

void DelaunayMesh2::detachSamples() {
  auto& m = *impl_;
  for (auto f = m.dt.all_faces_begin(); f != m.dt.all_faces_end(); ++f) f->info().samples.clear();
  m.xs.resize(0, 2);
  m.sface.clear();
  m.sweight.resize(0, 3);
  m.soutside.clear();
  m.loc_dirty = true;
}

int DelaunayMesh2::samples() const { return static_cast<int>(impl_->xs.rows()); }
const Eigen::MatrixX2d& DelaunayMesh2::samplePoints() const { return impl_->xs; }

const SampleLocations& DelaunayMesh2::sampleLocations() const {
  auto& m = *impl_;
  if (m.loc_dirty) {
    const Eigen::Index n = m.xs.rows();
    m.loc.triangle.resize(n);
    m.loc.vertex.resize(n, 3);
    m.loc.weight = m.sweight;
    for (Eigen::Index s = 0; s < n; ++s) {
      const FH f = m.sface[static_cast<size_t>(s)];
      m.loc.triangle[s] = f->info().index;
      for (int k = 0; k < 3; ++k) m.loc.vertex(s, k) = f->vertex(k)->info().index;
    }
    m.loc_dirty = false;
  }
  return m.loc;
}

MeshLocation DelaunayMesh2::sampleLocation(int s) const {
  if (s < 0 || s >= samples()) throw InputError("2D mesh: no attached sample " + std::to_string(s));
  const FH f = impl_->sface[static_cast<size_t>(s)];
  MeshLocation out;
  out.triangle = f->info().index;
  for (int k = 0; k < 3; ++k) {
    out.vertex[static_cast<size_t>(k)] = f->vertex(k)->info().index;
    out.weight[static_cast<size_t>(k)] = impl_->sweight(s, k);
  }
  return out;
}

const std::vector<int>& DelaunayMesh2::samplesIn(int t) const {
  if (t < 0 || t >= triangles()) throw InputError("2D mesh: no triangle " + std::to_string(t));
  return impl_->face[static_cast<size_t>(t)]->info().samples;
}

double DelaunayMesh2::sampleLocationError() const {
  const auto& m = *impl_;
  double worst = 0;
  size_t bucketed = 0;
  for (const FH f : m.face) bucketed += f->info().samples.size();
  if (bucketed != m.sface.size()) return 1.0;  // a sample got lost or counted twice
  for (Eigen::Index s = 0; s < m.xs.rows(); ++s) {
    const FH f = m.sface[static_cast<size_t>(s)];
    if (m.dt.is_infinite(f)) return 1.0;
    const auto w = barycentric(f, m.xs(s, 0), m.xs(s, 1));
    const bool outside = !m.inside(m.xs.row(s).transpose());
    if (outside && m.locatePoint(m.xs.row(s).transpose(), FH()) != f) return 1.0;
    for (int k = 0; k < 3; ++k) {
      if (!outside) worst = std::max(worst, -w[static_cast<size_t>(k)]);
      worst = std::max(worst, std::abs(w[static_cast<size_t>(k)] - m.sweight(s, k)));
    }
  }
  return worst;
}

}  // namespace lreg
