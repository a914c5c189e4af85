#pragma once
// DelaunayMesh2's CGAL state, shared by its two translation units (delaunay_mesh_2.cpp: building,
// structure and evaluation; delaunay_mesh_2_edit.cpp: edits, previews and attached samples).
// Private to core: only translation units of the lreg_core_cgal object library include CGAL.
#include <CGAL/Delaunay_triangulation_2.h>
#include <CGAL/Exact_predicates_inexact_constructions_kernel.h>
#include <CGAL/Spatial_sort_traits_adapter_2.h>
#include <CGAL/Triangulation_face_base_with_info_2.h>
#include <CGAL/Triangulation_vertex_base_with_info_2.h>
#include <CGAL/hilbert_sort.h>
#include <CGAL/property_map.h>

#include <algorithm>
#include <array>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "lreg/mesh/delaunay_mesh_2.h"
#include "nearest_face_2.h"

// A named namespace, not an anonymous one: DelaunayMesh2::Impl is defined in two translation
// units and must see the same types in both.
namespace lreg::detail::dm2 {

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

inline Point toPoint(const Eigen::Vector2d& p) { return {p.x(), p.y()}; }
inline Eigen::Vector2d toVector(const Point& p) { return {p.x(), p.y()}; }

inline std::string str(const Eigen::Vector2d& p) {
  std::ostringstream s;
  s << "(" << p.x() << ", " << p.y() << ")";
  return s.str();
}

// Barycentric coordinates of x in triangle (a, b, c), from three signed areas.
inline std::array<double, 3> barycentric(const Point& a, const Point& b, const Point& c, double x,
                                         double y) {
  const double ax = a.x() - x, ay = a.y() - y, bx = b.x() - x, by = b.y() - y, cx = c.x() - x,
               cy = c.y() - y;
  const double wa = bx * cy - by * cx, wb = cx * ay - cy * ax, wc = ax * by - ay * bx;
  const double sum = wa + wb + wc;  // twice the area of (a, b, c)
  return {wa / sum, wb / sum, wc / sum};
}

inline std::array<double, 3> barycentric(FH f, double x, double y) {
  return barycentric(f->vertex(0)->point(), f->vertex(1)->point(), f->vertex(2)->point(), x, y);
}

}  // namespace lreg::detail::dm2

namespace lreg {

using namespace detail::dm2;  // the private types of this one class

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

}  // namespace lreg
