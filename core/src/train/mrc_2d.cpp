#include "lreg/train/mrc_2d.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

#include "lreg/common/timer.h"
#include "lreg/mesh/barycentric.h"
#include "lreg/train/refit_2d.h"
#include "mrc_2d_costs.h"
#include "mrc_2d_init.h"

namespace lreg {

InsertAt parseInsertAt(const std::string& s) {
  if (s == "midpoint") return InsertAt::LongestEdgeMidpoint;
  if (s == "centroid") return InsertAt::Centroid;
  throw InputError("unknown insertion point '" + s + "' (midpoint, centroid)");
}

std::string toString(InsertAt v) { return v == InsertAt::Centroid ? "centroid" : "midpoint"; }

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// An insertion may at most double the training SSE of the triangles it replaces (before any
// refit): ordinary re-triangulation changes stay well below, the far-reaching ones through
// cocircular thin cells go several-fold above (measured on sin-inv-2d: 0.01 and 0.2 block useful
// insertions, 1.0 gives the lowest test MAE over b2, sin-inv-2d and franke). A step tries at most
// kMaxTriesPerInsertion triangles per requested insertion.
constexpr double kInsertTolerance = 1.0;
constexpr int kMaxTriesPerInsertion = 4;

Status refitWith(DelaunayMesh2& mesh, const Eigen::MatrixXd& y, const Mrc2DOptions& o) {
  if (o.refit == RefitMethod::Adam) {
    AdamRefit2DOptions a;
    a.steps = o.adam_steps;
    a.learning_rate = o.learning_rate;
    return refitAdam2D(mesh, y, a);
  }
  return refitLeastSquares2D(mesh, y, o.ridge);
}

// The point inserted into triangle t.
Eigen::Vector2d insertionPoint(const Eigen::MatrixX2d& P, const Eigen::MatrixX3i& T, int t,
                               InsertAt how) {
  const Eigen::Vector2d a = P.row(T(t, 0)), b = P.row(T(t, 1)), c = P.row(T(t, 2));
  if (how == InsertAt::Centroid) return (a + b + c) / 3.0;
  const double ab = (a - b).squaredNorm(), bc = (b - c).squaredNorm(), ca = (c - a).squaredNorm();
  if (ab >= bc && ab >= ca) return (a + b) / 2.0;
  if (bc >= ca) return (b + c) / 2.0;
  return (c + a) / 2.0;
}

}  // namespace

// --- state ------------------------------------------------------------------------------------

struct Mrc2D::State {
  std::shared_ptr<const Dataset> data;
  Mrc2DOptions opt;
  DelaunayMesh2 mesh;
  Eigen::Index ntrain = 0, ntest = 0;
  std::vector<std::size_t> test_order;  // the test rows' spatial order, computed once
  Eigen::MatrixXd fit;                  // f at all attached samples (train rows first, then test)
  History history;
  Mrc2DSnapshotPtr snap;
  double seconds = 0;
  int steps = 0;
  std::mt19937_64 rng;

  const Eigen::MatrixXd& ytrain() const { return data->y_train; }
  detail::AttachedFit attached() const { return {mesh, fit, data->y_train, ntrain}; }

  void refit() {
    const Status s = refitWith(mesh, data->y_train, opt);
    if (!s.ok()) throw NumericalError("2D MRC refit: " + s.message);
    fit = predictAttached(mesh);
  }

  // |f(x_j) - y_j| averaged over outputs, training samples.
  Eigen::VectorXd trainLoss() const {
    return (fit.topRows(ntrain) - data->y_train).cwiseAbs().rowwise().mean();
  }

  Eigen::VectorXd indicator(const Eigen::VectorXd& loss) {
    const auto& L = mesh.sampleLocations();
    Eigen::VectorXd ind = Eigen::VectorXd::Zero(mesh.triangles());
    if (opt.indicator == RefineIndicator::AbsResidual) {
      for (Eigen::Index s = 0; s < ntrain; ++s) ind[L.triangle[s]] += loss[s];
      return ind;
    }
    if (opt.indicator != RefineIndicator::Count)
      throw InputError(
          "2D MRC: this refinement indicator is not available in 2D (count, abs-residual)");
    // The paper's TrainPhase count: each batch's topk largest losses vote for their triangles.
    std::vector<int> perm(static_cast<size_t>(ntrain));
    std::iota(perm.begin(), perm.end(), 0);
    std::shuffle(perm.begin(), perm.end(), rng);
    const size_t batch =
        opt.batch <= 0 || opt.batch >= ntrain ? perm.size() : static_cast<size_t>(opt.batch);
    for (size_t b = 0; b < perm.size(); b += batch) {
      const auto first = perm.begin() + static_cast<std::ptrdiff_t>(b);
      const auto last =
          perm.begin() + static_cast<std::ptrdiff_t>(std::min(perm.size(), b + batch));
      const auto k = std::min<std::ptrdiff_t>(opt.topk, last - first);
      std::partial_sort(first, first + k, last, [&](int a, int c) { return loss[a] > loss[c]; });
      for (auto it = first; it != first + k; ++it) ind[L.triangle[*it]] += 1;
    }
    return ind;
  }

  // Removes vertices until the mesh is back at the target DoF; returns the removed points.
  std::vector<Eigen::Vector2d> coarsen() {
    std::vector<Eigen::Vector2d> removed;
    while (mesh.vertices() > opt.dof) {
      const int excess = mesh.vertices() - opt.dof;
      const Eigen::MatrixX2d P = mesh.points();
      const Eigen::MatrixXd C = mesh.coeffs();
      // Cheap estimate: after a least-squares refit the residual is orthogonal to psi_i, so
      // dropping vertex i raises the SSE by about |surplus_i|^2 * sum_j psi_i(x_j)^2.
      const auto& L = mesh.sampleLocations();
      Eigen::VectorXd psi2 = Eigen::VectorXd::Zero(mesh.vertices());
      for (Eigen::Index s = 0; s < ntrain; ++s)
        for (int k = 0; k < 3; ++k) psi2[L.vertex(s, k)] += L.weight(s, k) * L.weight(s, k);
      struct Candidate {
        int vertex;
        double estimate, cost;
        RemovalPreview preview;
      };
      std::vector<Candidate> cands;
      for (int i = 0; i < mesh.vertices(); ++i) {
        if (mesh.isCorner(i)) continue;
        RemovalPreview r = mesh.previewRemoval(i);
        if (!r.status.ok()) continue;
        const double est = r.surplus.squaredNorm() * psi2[i];
        cands.push_back({i, est, 0.0, std::move(r)});
      }
      if (cands.empty()) throw NumericalError("2D MRC: no vertex can be removed");
      std::sort(cands.begin(), cands.end(),
                [](const Candidate& a, const Candidate& b) { return a.estimate < b.estimate; });
      // Verify the most promising ones on the samples of their star.
      const size_t m =
          std::min(cands.size(), static_cast<size_t>(std::max(3 * excess, excess + 8)));
      cands.resize(m);
      for (auto& c : cands) c.cost = detail::removalCost(attached(), c.preview, P, C);
      std::sort(cands.begin(), cands.end(),
                [](const Candidate& a, const Candidate& b) { return a.cost < b.cost; });
      // Non-adjacent vertices have disjoint stars, so their verified costs add up exactly.
      std::vector<char> blocked(static_cast<size_t>(mesh.vertices()), 0);
      std::vector<int> chosen;
      for (const auto& c : cands) {
        if (static_cast<int>(chosen.size()) == excess) break;
        if (blocked[static_cast<size_t>(c.vertex)]) continue;
        chosen.push_back(c.vertex);
        blocked[static_cast<size_t>(c.vertex)] = 1;
        for (const auto& f : c.preview.fill)
          for (int v : f) blocked[static_cast<size_t>(v)] = 1;
      }
      std::sort(chosen.rbegin(), chosen.rend());  // descending: lower indices stay valid
      for (int i : chosen) {
        removed.push_back(P.row(i));
        const Status s = mesh.remove(i);
        if (!s.ok()) throw NumericalError("2D MRC coarsening: " + s.message);
      }
      fit = predictAttached(mesh);
    }
    return removed;
  }

  Metrics metricsTrain() const { return evaluate(fit.topRows(ntrain), data->y_train); }
  Metrics metricsTest() const {
    if (ntest == 0) {
      Metrics m;
      m.r2 = m.mae = m.mse = kNaN;
      return m;
    }
    // Test inputs may lie outside the training domain: scored by the mesh's predict, never
    // attached (the mesh and its domain depend on the training samples only).
    return evaluate(mesh.predict(data->x_test, test_order), data->y_test);
  }

  Mrc2DSnapshotPtr publish(std::shared_ptr<Mrc2DSnapshot> s, bool record) {
    s->step = steps;
    s->seconds = seconds;
    s->vertices = mesh.points();
    s->triangles = mesh.triangleIndices();
    s->coeffs = mesh.coeffs();
    for (int i = 0; i < mesh.vertices(); ++i)
      if (mesh.isCorner(i)) s->corners.push_back(i);
    if (s->inserted.rows() > 0) {
      for (Eigen::Index r = 0; r < s->inserted.rows(); ++r)
        for (Eigen::Index i = 0; i < s->vertices.rows(); ++i)
          if (s->vertices.row(i) == s->inserted.row(r))
            s->inserted_kept.push_back(static_cast<int>(i));
    }
    const auto& L = mesh.sampleLocations();
    const Eigen::VectorXd loss = trainLoss();
    s->triangle_samples = Eigen::VectorXi::Zero(mesh.triangles());
    Eigen::VectorXd tri_sum = Eigen::VectorXd::Zero(mesh.triangles());
    s->vertex_samples = Eigen::VectorXi::Zero(mesh.vertices());
    s->vertex_loss_share = Eigen::VectorXd::Zero(mesh.vertices());
    for (Eigen::Index j = 0; j < ntrain; ++j) {
      const int t = L.triangle[j];
      s->triangle_samples[t] += 1;
      tri_sum[t] += loss[j];
      for (int k = 0; k < 3; ++k) {
        s->vertex_samples[L.vertex(j, k)] += 1;
        s->vertex_loss_share[L.vertex(j, k)] += L.weight(j, k) * loss[j];
      }
    }
    s->triangle_mae = tri_sum.cwiseQuotient(s->triangle_samples.cast<double>());
    for (Eigen::Index t = 0; t < s->triangle_mae.size(); ++t)
      if (s->triangle_samples[t] == 0) s->triangle_mae[t] = kNaN;
    const double total = s->vertex_loss_share.sum();
    if (total > 0) s->vertex_loss_share /= total;
    s->train = metricsTrain();
    s->test = metricsTest();
    if (record) {
      HistoryPoint h;
      h.step = steps;
      h.seconds = seconds;
      h.train_loss = s->train.mae;
      h.test_loss = s->test.mae;
      h.extra["dof"] = mesh.vertices();
      h.extra["elements"] = mesh.triangles();
      h.extra["train_mse"] = s->train.mse;
      h.extra["test_mse"] = s->test.mse;
      history.points.push_back(h);
    }
    snap = std::move(s);
    return snap;
  }
};

// --- Mrc2D ------------------------------------------------------------------------------------

Mrc2D::Mrc2D(std::shared_ptr<const Dataset> data, Mrc2DOptions options)
    : state_(std::make_unique<State>()) {
  if (!data) throw InputError("2D MRC: no data");
  if (options.dof < 4)
    throw InputError("--dof must be >= 4 in 2D (the 4 domain corners), got " +
                     std::to_string(options.dof));
  if (options.topk < 1)
    throw InputError("--topk must be >= 1, got " + std::to_string(options.topk));
  if (options.epochs < 0)
    throw InputError("--epochs must be >= 0, got " + std::to_string(options.epochs));
  if (!(options.ridge >= 0)) throw InputError("--ridge must be >= 0");
  if (options.refit == RefitMethod::Adam &&
      (options.adam_steps < 1 || !(options.learning_rate > 0)))
    throw InputError("Adam refit needs --adam-steps >= 1 and a positive --lr");
  detail::checkData2D(*data, options.dof);
  auto& st = *state_;
  Stopwatch watch;
  st.data = std::move(data);
  st.opt = options;
  st.rng.seed(options.seed);
  st.history.method = "mrc";
  st.history.loss = "mae";
  const Dataset& d = *st.data;
  st.ntrain = d.x_train.rows();
  st.ntest = d.x_test.rows();
  st.test_order = DelaunayMesh2::spatialOrder(d.x_test);
  st.mesh = detail::initialMesh2D(d, options.dof, options.init, options.initial_vertices);
  st.refit();
  st.seconds = watch.seconds();
  auto s = std::make_shared<Mrc2DSnapshot>();
  s->action = "init";
  st.publish(std::move(s), true);
}

Mrc2D::~Mrc2D() = default;
Mrc2D::Mrc2D(Mrc2D&&) noexcept = default;
Mrc2D& Mrc2D::operator=(Mrc2D&&) noexcept = default;

Mrc2DSnapshotPtr Mrc2D::step() {
  auto& st = *state_;
  Stopwatch watch;
  auto s = std::make_shared<Mrc2DSnapshot>();
  s->action = "mrc";
  // (1)-(2) per-sample loss and per-triangle indicator on the current mesh.
  s->indicator = st.indicator(st.trainLoss());
  const Eigen::MatrixX2d P = st.mesh.points();
  const Eigen::MatrixX3i T = st.mesh.triangleIndices();
  std::vector<int> order(static_cast<size_t>(T.rows()));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return s->indicator[a] > s->indicator[b]; });
  // (3) refine: one new vertex per top triangle, coefficient by interpolation. A midpoint shared
  // with an already refined neighbour is skipped in favour of the next triangle.
  std::vector<Eigen::Vector2d> inserted;
  std::vector<std::pair<int, int>> rows;  // (training sample, row of values) in a conflict zone
  Eigen::MatrixXd values;
  int tries = 0;
  for (int t : order) {
    if (static_cast<int>(inserted.size()) == st.opt.topk || !(s->indicator[t] > 0)) break;
    if (tries++ == kMaxTriesPerInsertion * st.opt.topk) break;
    const Eigen::Vector2d p = insertionPoint(P, T, t, st.opt.insert);
    const InsertionPreview preview = st.mesh.previewInsertion(p);
    if (!preview.status.ok() || preview.fan.empty()) continue;
    if (!detail::insertionKeepsFit(st.attached(), kInsertTolerance, p, preview, st.mesh.points(),
                                   st.mesh.coeffs(), rows, values))
      continue;
    const MeshEdit e = st.mesh.insert(p, preview.coeff);
    if (!e.status.ok()) continue;
    for (const auto& [sample, row] : rows) st.fit.row(sample) = values.row(row);
    inserted.push_back(st.mesh.point(e.vertex));
    s->refined_triangles.push_back(t);
  }
  s->refined.resize(static_cast<Eigen::Index>(s->refined_triangles.size()), 6);
  for (size_t r = 0; r < s->refined_triangles.size(); ++r)
    for (int k = 0; k < 3; ++k)
      s->refined.block<1, 2>(static_cast<Eigen::Index>(r), 2 * k) =
          P.row(T(s->refined_triangles[r], k));
  s->inserted.resize(static_cast<Eigen::Index>(inserted.size()), 2);
  for (size_t r = 0; r < inserted.size(); ++r)
    s->inserted.row(static_cast<Eigen::Index>(r)) = inserted[r];
  // (4) refit on the refined mesh, (5) coarsen back to the target DoF, (6) refit. Reindexing is
  // implicit: the mesh keeps its vertex indices compact.
  st.refit();
  const auto removed = st.coarsen();
  s->removed.resize(static_cast<Eigen::Index>(removed.size()), 2);
  for (size_t r = 0; r < removed.size(); ++r)
    s->removed.row(static_cast<Eigen::Index>(r)) = removed[r];
  st.refit();
  ++st.steps;
  st.seconds += watch.seconds();
  return st.publish(std::move(s), true);
}

Mrc2DReport Mrc2D::run(const ProgressFn& progress) {
  auto& st = *state_;
  Mrc2DReport report;
  while (st.steps < st.opt.epochs) {
    try {
      step();
    } catch (const NumericalError& e) {
      report.status = Status::numerical(e.what());
      break;
    }
    if (!lreg::report(progress, {st.steps, st.opt.epochs, st.seconds, "mrc step"})) {
      report.status = Status::cancelled();
      break;
    }
  }
  report.model = st.mesh;
  report.history = st.history;
  report.train = st.snap->train;
  report.test = st.snap->test;
  return report;
}

Mrc2DEdit Mrc2D::insertVertex(const Eigen::Vector2d& p) {
  auto& st = *state_;
  const MeshEdit e = st.mesh.insert(p);
  if (!e.status.ok()) return {e.status, st.snap};
  auto s = std::make_shared<Mrc2DSnapshot>();
  s->action = "insert";
  s->inserted = p.transpose();
  try {
    st.refit();
  } catch (const NumericalError& ex) {
    return {Status::numerical(ex.what()), st.snap};
  }
  return {Status::success(), st.publish(std::move(s), false)};
}

Mrc2DEdit Mrc2D::moveVertex(int i, const Eigen::Vector2d& p) {
  auto& st = *state_;
  if (i < 0 || i >= st.mesh.vertices())
    return {Status::invalidInput("no vertex " + std::to_string(i)), st.snap};
  const Eigen::Vector2d old = st.mesh.point(i);
  const MeshEdit e = st.mesh.move(i, p);
  if (!e.status.ok()) return {e.status, st.snap};
  auto s = std::make_shared<Mrc2DSnapshot>();
  s->action = "move";
  s->inserted = p.transpose();
  s->removed = old.transpose();
  try {
    st.refit();
  } catch (const NumericalError& ex) {
    return {Status::numerical(ex.what()), st.snap};
  }
  return {Status::success(), st.publish(std::move(s), false)};
}

Mrc2DEdit Mrc2D::removeVertex(int i) {
  auto& st = *state_;
  if (i < 0 || i >= st.mesh.vertices())
    return {Status::invalidInput("no vertex " + std::to_string(i)), st.snap};
  const Eigen::Vector2d old = st.mesh.point(i);
  const Status r = st.mesh.remove(i);
  if (!r.ok()) return {r, st.snap};
  auto s = std::make_shared<Mrc2DSnapshot>();
  s->action = "remove";
  s->removed = old.transpose();
  try {
    st.refit();
  } catch (const NumericalError& ex) {
    return {Status::numerical(ex.what()), st.snap};
  }
  return {Status::success(), st.publish(std::move(s), false)};
}

Mrc2DEdit Mrc2D::restore(const Mrc2DSnapshot& snapshot) {
  auto& st = *state_;
  DelaunayMesh2 mesh;
  try {
    mesh = DelaunayMesh2::fromVertices(snapshot.vertices, snapshot.coeffs);
  } catch (const InputError& e) {
    return {Status::invalidInput(e.what()), st.snap};
  }
  if (mesh.lo() != st.mesh.lo() || mesh.hi() != st.mesh.hi() || mesh.outputs() != st.mesh.outputs())
    return {Status::invalidInput("the snapshot belongs to another domain or data set"), st.snap};
  mesh.attachSamples(st.mesh.samplePoints());
  st.mesh = std::move(mesh);
  st.fit = predictAttached(st.mesh);
  auto s = std::make_shared<Mrc2DSnapshot>();
  s->action = "restore";
  return {Status::success(), st.publish(std::move(s), false)};
}

Mrc2DSnapshotPtr Mrc2D::snapshot() const { return state_->snap; }
const DelaunayMesh2& Mrc2D::model() const { return state_->mesh; }
const History& Mrc2D::history() const { return state_->history; }
const Mrc2DOptions& Mrc2D::options() const { return state_->opt; }
const Dataset& Mrc2D::data() const { return *state_->data; }
int Mrc2D::stepsDone() const { return state_->steps; }

// --- baseline ---------------------------------------------------------------------------------

DelaunayMesh2 quantileBaseline2D(const Dataset& data, int dof, double ridge) {
  if (dof < 4) throw InputError("baseline: dof must be >= 4, got " + std::to_string(dof));
  detail::checkData2D(data, dof);
  DelaunayMesh2 mesh = detail::initialMesh2D(data, dof, MeshInit::Quantile, {});
  const Status s = refitLeastSquares2D(mesh, data.y_train, ridge);
  if (!s.ok()) throw NumericalError("baseline: " + s.message);
  mesh.detachSamples();
  return mesh;
}

}  // namespace lreg
