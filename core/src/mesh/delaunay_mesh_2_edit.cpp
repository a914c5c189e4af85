// DelaunayMesh2: vertex insertion, removal and moves, their previews, and the attached samples
// whose locations the edits keep current.
#include <cmath>

#include "delaunay_mesh_2_impl.h"

namespace lreg {

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
