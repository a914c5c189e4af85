#pragma once
// The Mesh-Refinement-Coarsening loop in 2D (LReg paper, section 2.4 and appendix A.5) on a
// Delaunay mesh, each step observable through an immutable snapshot. One step:
//   per-sample loss -> per-triangle indicator -> refine the top-k triangles by inserting a point
//   (centroid or longest-edge midpoint; CGAL re-triangulates, the new coefficient interpolates the
//   fit; an insertion whose re-triangulation would double the training SSE of the triangles it
//   replaces is skipped for the next triangle) -> refit -> coarsen back to the
//   target DoF by removing the vertices whose removal raises the training loss least (estimated
//   from the hierarchical surplus, then verified on the samples of their star) -> refit -> reindex.
// Besides stepping, the studio's edit tools insert, move and delete vertices by hand; each edit
// refits at once and yields a snapshot like a step.
#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "lreg/common/history.h"
#include "lreg/common/metrics.h"
#include "lreg/common/progress.h"
#include "lreg/common/status.h"
#include "lreg/data/dataset.h"
#include "lreg/mesh/delaunay_mesh_2.h"
#include "lreg/train/mrc_options.h"

namespace lreg {

// Where a refined triangle gets its new vertex.
enum class InsertAt { LongestEdgeMidpoint, Centroid };
InsertAt parseInsertAt(const std::string& s);  // "midpoint" | "centroid"; throws InputError
std::string toString(InsertAt v);

struct Mrc2DOptions {
  int dof = 64;     // vertices (basis functions) kept after each step, the 4 corners included
  int topk = 8;     // triangles refined per step
  int epochs = 30;  // MRC steps
  InsertAt insert =
      InsertAt::Centroid;  // bench_mrc_2d: better on sin-inv-2d and franke, equal on b2, a2
  // Count: per batch of `batch` samples (seeded permutation), the triangles holding its topk
  // largest losses get one count each (the paper's TrainPhase); AbsResidual: summed |residual|.
  RefineIndicator indicator = RefineIndicator::Count;
  int batch = 1024;
  RefitMethod refit = RefitMethod::LeastSquares;
  // Quantile: start from the baseline's grid, so the loop adapts the mesh the grid would use.
  // From a uniform start 30 steps only just reach the grid on sin-inv-2d (test MAE 0.997 of the
  // grid's against 0.73; seeds 1-10).
  MeshInit init = MeshInit::Quantile;
  double ridge = 1e-8;   // relative weight of the least-squares regulariser (refit_2d.h)
  int adam_steps = 200;  // refit = Adam: gradient steps per refit
  double learning_rate = 0.1;
  std::uint64_t seed = 1;
  // When not empty: the initial vertices (#V x 2, the 4 domain corners among them; dof = #V),
  // e.g. a converted MLP's; init is then unused.
  Eigen::MatrixX2d initial_vertices = Eigen::MatrixX2d(0, 2);
};

// What one step (or edit) did, for drawing and inspection. Immutable once published.
// Vertex indices refer to this snapshot's `vertices`; the refinement fields refer to the mesh
// before the step, i.e. to the previous snapshot.
struct Mrc2DSnapshot {
  int step = 0;                // MRC steps done; edits keep the step number
  std::string action;          // "init", "mrc", "insert", "move", "remove", "restore"
  double seconds = 0;          // cumulative fitting time
  Eigen::MatrixX2d vertices;   // P: #V by 2
  Eigen::MatrixX3i triangles;  // T: #T by 3 vertex indices, counter-clockwise
  Eigen::MatrixXd coeffs;      // #V by outputs
  std::vector<int> corners;    // the 4 locked domain corners

  // Refinement, on the previous snapshot's mesh.
  Eigen::VectorXd indicator;           // per previous triangle (empty for edits)
  std::vector<int> refined_triangles;  // previous triangle indices
  Eigen::MatrixXd refined;             // one row per refined triangle: x0 y0 x1 y1 x2 y2
  Eigen::MatrixX2d inserted;           // points inserted in this step or edit
  std::vector<int> inserted_kept;      // indices (in `vertices`) of those still present
  Eigen::MatrixX2d removed;            // points removed by coarsening (or by the edit)

  // Inspection, on this snapshot's mesh and the training samples.
  Eigen::VectorXi triangle_samples;   // #T: training samples inside each triangle
  Eigen::VectorXd triangle_mae;       // #T: their mean |residual| (NaN where none)
  Eigen::VectorXi vertex_samples;     // #V: training samples in the support of psi_i
  Eigen::VectorXd vertex_loss_share;  // #V: share of the summed |residual|, split by psi_i

  Metrics train, test;
};

using Mrc2DSnapshotPtr = std::shared_ptr<const Mrc2DSnapshot>;

struct Mrc2DReport {
  Status status;
  DelaunayMesh2 model;
  History history;  // loss = "mae"; extra: dof, elements, train_mse, test_mse
  Metrics train, test;
};

// The outcome of a manual edit: the refused edit leaves the model unchanged.
struct Mrc2DEdit {
  Status status;
  Mrc2DSnapshotPtr snapshot;  // the new state (the old one when refused)
};

class Mrc2D {
 public:
  // Validates the options against the data (throws InputError: not 2 inputs, fewer training
  // points than DoF, collinear inputs, a domain without area, ...), builds the initial mesh and
  // fit.
  Mrc2D(std::shared_ptr<const Dataset> data, Mrc2DOptions options);
  ~Mrc2D();
  Mrc2D(Mrc2D&&) noexcept;
  Mrc2D& operator=(Mrc2D&&) noexcept;

  // Runs one MRC step and returns its snapshot. A failed refit throws NumericalError.
  Mrc2DSnapshotPtr step();
  // Runs the remaining epochs; progress may cancel (status Cancelled, model kept).
  Mrc2DReport run(const ProgressFn& progress = {});

  // Manual edits of the studio, each followed by a refit. The DoF follows the edit; the next
  // step coarsens back to options().dof.
  Mrc2DEdit insertVertex(const Eigen::Vector2d& p);
  Mrc2DEdit moveVertex(int i, const Eigen::Vector2d& p);
  Mrc2DEdit removeVertex(int i);
  // Undo / redo: back to a snapshot's vertices and coefficients (no refit).
  Mrc2DEdit restore(const Mrc2DSnapshot& s);

  Mrc2DSnapshotPtr snapshot() const;
  const DelaunayMesh2& model() const;
  const History& history() const;
  const Mrc2DOptions& options() const;
  const Dataset& data() const;
  int stepsDone() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The equal-DoF baseline shown beside every MRC fit: least squares (same refit) on the
// Delaunay triangulation of a grid whose lines sit at the marginal quantiles of the training
// inputs (nx = ny = floor(sqrt(dof)); the remaining vertices go to the centroids of the
// triangles holding most samples).
DelaunayMesh2 quantileBaseline2D(const Dataset& data, int dof, double ridge = 1e-8);

}  // namespace lreg
