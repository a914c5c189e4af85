// The CGAL half of the 2D conversion (its own translation unit: CGAL and -frounding-math stay
// here). Exact kernel throughout: the lines, their intersections and the constraints are exact;
// only the final vertex coordinates are rounded to double.
#include "lreg/models/mlp_to_lreg_2d.h"

#include <CGAL/Arr_segment_traits_2.h>
#include <CGAL/Arrangement_2.h>
#include <CGAL/Constrained_Delaunay_triangulation_2.h>
#include <CGAL/Exact_predicates_exact_constructions_kernel.h>

#include <map>
#include <string>
#include <vector>

#include "lreg/common/status.h"

namespace lreg {

namespace {
using K = CGAL::Exact_predicates_exact_constructions_kernel;
using Point = K::Point_2;
using Segment = K::Segment_2;
using Traits = CGAL::Arr_segment_traits_2<K>;
using Arrangement = CGAL::Arrangement_2<Traits>;
using Cdt = CGAL::Constrained_Delaunay_triangulation_2<K>;
}  // namespace

MlpConversion2D convertMlp2D(const Mlp& mlp, const Domain& domain) {
  if (mlp.inputs() != 2)
    throw InputError("convert: a 2D conversion needs a 2-input MLP, this one has " +
                     std::to_string(mlp.inputs()) + " inputs");
  if (!mlp.piecewiseLinear())
    throw InputError(
        "convert: a tanh MLP is not piecewise linear; only relu and leaky-relu convert");
  if (mlp.hiddenLayers() != 1)
    throw InputError("convert: 2D conversion supports one hidden layer; this MLP has " +
                     std::to_string(mlp.hiddenLayers()) + " (use --layers 1 in 2D)");
  const Domain& dom = domain.empty() ? mlp.domain() : domain;
  if (dom.empty() || dom.lo.size() != 2 || !(dom.lo[0] < dom.hi[0]) || !(dom.lo[1] < dom.hi[1]))
    throw InputError("convert: the MLP records no 2D domain; declare one (lo < hi per input)");

  const Point c00(dom.lo[0], dom.lo[1]), c10(dom.hi[0], dom.lo[1]), c11(dom.hi[0], dom.hi[1]),
      c01(dom.lo[0], dom.hi[1]);
  const K::Iso_rectangle_2 box(c00, c11);
  std::vector<Segment> segs = {{c00, c10}, {c10, c11}, {c11, c01}, {c01, c00}};

  // z_j = sum_k W_kj (x_k - m_k) / s_k + b_j: the line a x + b y + c = 0, built exactly from
  // the doubles (the division by the scale is done in exact arithmetic too).
  const MlpLayer& L = mlp.layers().front();
  const auto& m = mlp.inputScaling().mean;
  const auto& s = mlp.inputScaling().scale;
  MlpConversion2D out;
  for (Eigen::Index j = 0; j < L.W.cols(); ++j) {
    const K::FT a = K::FT(L.W(0, j)) / K::FT(s[0]), b = K::FT(L.W(1, j)) / K::FT(s[1]);
    if (a == 0 && b == 0) continue;  // a constant unit bends nothing
    const K::FT c = K::FT(L.b[j]) - a * K::FT(m[0]) - b * K::FT(m[1]);
    const auto hit = CGAL::intersection(K::Line_2(a, b, c), box);
    if (!hit) continue;
    if (const Segment* seg = boost::get<Segment>(&*hit)) {
      if (seg->is_degenerate()) continue;
      segs.push_back(*seg);
      ++out.lines;
    }
  }

  Arrangement arr;
  CGAL::insert(arr, segs.begin(), segs.end());
  out.regions = static_cast<int>(arr.number_of_faces()) - 1;  // all but the unbounded face

  Cdt cdt;
  for (auto e = arr.edges_begin(); e != arr.edges_end(); ++e)
    cdt.insert_constraint(e->source()->point(), e->target()->point());

  std::map<const Cdt::Vertex*, int> index;
  std::vector<Eigen::Vector2d> verts;
  for (auto v = cdt.finite_vertices_begin(); v != cdt.finite_vertices_end(); ++v) {
    index[&*v] = static_cast<int>(verts.size());
    verts.emplace_back(CGAL::to_double(v->point().x()), CGAL::to_double(v->point().y()));
  }
  std::vector<Eigen::Vector3i> tris;
  for (auto f = cdt.finite_faces_begin(); f != cdt.finite_faces_end(); ++f)
    tris.emplace_back(index.at(&*f->vertex(0)), index.at(&*f->vertex(1)), index.at(&*f->vertex(2)));

  P1Mesh2D& mesh = out.mesh;
  mesh.vertices.resize(static_cast<Eigen::Index>(verts.size()), 2);
  for (size_t i = 0; i < verts.size(); ++i)
    mesh.vertices.row(static_cast<Eigen::Index>(i)) = verts[i];
  mesh.triangles.resize(static_cast<Eigen::Index>(tris.size()), 3);
  for (size_t i = 0; i < tris.size(); ++i)
    mesh.triangles.row(static_cast<Eigen::Index>(i)) = tris[i].transpose();
  mesh.values = mlp.predict(mesh.vertices);
  return out;
}

}  // namespace lreg
