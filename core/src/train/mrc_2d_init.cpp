// The 2D MRC's starting meshes: a uniform or quantile grid of about sqrt(dof) lines per axis,
// given vertices, then centroid fill up to the DoF.
#include "mrc_2d_init.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <string>

#include "lreg/common/status.h"

namespace lreg::detail {

namespace {

std::vector<double> uniformLines(double lo, double hi, int n) {
  std::vector<double> v(static_cast<size_t>(n));
  for (int k = 0; k < n; ++k)
    v[static_cast<size_t>(k)] = k == n - 1 ? hi : lo + (hi - lo) * k / (n - 1);
  return v;
}

// n lines at the empirical quantiles of x, the ends pinned to [lo, hi]; ties are spread apart.
std::vector<double> quantileLines(Eigen::VectorXd x, double lo, double hi, int n) {
  std::sort(x.data(), x.data() + x.size());
  std::vector<double> v(static_cast<size_t>(n));
  const double gap = (hi - lo) * 1e-9;
  for (int k = 0; k < n; ++k) {
    double q;
    if (k == 0) {
      q = lo;
    } else if (k == n - 1) {
      q = hi;
    } else {
      const double pos = static_cast<double>(k) / (n - 1) * static_cast<double>(x.size() - 1);
      const auto i = static_cast<Eigen::Index>(std::floor(pos));
      const double t = pos - static_cast<double>(i);
      q = i + 1 < x.size() ? (1 - t) * x[i] + t * x[i + 1] : x[i];
      q = std::max(q, v[static_cast<size_t>(k - 1)] + gap);
    }
    v[static_cast<size_t>(k)] = q;
  }
  // Spread ties that ran into the upper end back down.
  for (int k = n - 2; k > 0; --k)
    v[static_cast<size_t>(k)] =
        std::min(v[static_cast<size_t>(k)], v[static_cast<size_t>(k + 1)] - gap);
  return v;
}

// The box with vertices at every crossing of the grid lines (corners first).
DelaunayMesh2 gridMesh(const Eigen::Vector2d& lo, const Eigen::Vector2d& hi,
                       const std::vector<double>& xs, const std::vector<double>& ys, int outputs) {
  DelaunayMesh2 mesh(lo, hi, outputs);
  for (size_t j = 0; j < ys.size(); ++j)
    for (size_t i = 0; i < xs.size(); ++i) {
      const bool corner = (i == 0 || i + 1 == xs.size()) && (j == 0 || j + 1 == ys.size());
      if (!corner) mesh.insert({xs[i], ys[j]}, Eigen::RowVectorXd::Zero(outputs));
    }
  return mesh;
}

int gridSide(int dof) {
  return std::max(2, static_cast<int>(std::floor(std::sqrt(static_cast<double>(dof)) + 1e-9)));
}

Eigen::Vector2d centroid(const DelaunayMesh2& mesh, int t) {
  const auto tri = mesh.triangle(t);
  return (mesh.point(tri[0]) + mesh.point(tri[1]) + mesh.point(tri[2])) / 3.0;
}

// Adds vertices at triangle centroids until the mesh has dof vertices: into the largest triangle,
// or (by_samples, with samples attached) the one holding most of the first n_train samples.
void fillTo(DelaunayMesh2& mesh, int dof, bool by_samples, Eigen::Index n_train) {
  while (mesh.vertices() < dof) {
    Eigen::VectorXd weight(mesh.triangles());
    if (by_samples) {
      weight.setZero();
      const auto& L = mesh.sampleLocations();
      for (Eigen::Index s = 0; s < n_train; ++s) weight[L.triangle[s]] += 1;
      for (int t = 0; t < mesh.triangles(); ++t) weight[t] += 1e-12 * mesh.area(t);  // ties: larger
    } else {
      for (int t = 0; t < mesh.triangles(); ++t) weight[t] = mesh.area(t);
    }
    Eigen::Index best;
    weight.maxCoeff(&best);
    const MeshEdit e = mesh.insert(centroid(mesh, static_cast<int>(best)));
    if (!e.status.ok()) throw NumericalError("2D mesh initialisation: " + e.status.message);
  }
}

}  // namespace

Eigen::Vector2d domainLo(const Dataset& d) {
  return d.domain_lo.size() == 2 ? Eigen::Vector2d(d.domain_lo)
                                 : Eigen::Vector2d(d.x_train.colwise().minCoeff().transpose());
}
Eigen::Vector2d domainHi(const Dataset& d) {
  return d.domain_hi.size() == 2 ? Eigen::Vector2d(d.domain_hi)
                                 : Eigen::Vector2d(d.x_train.colwise().maxCoeff().transpose());
}

void checkData2D(const Dataset& d, int dof) {
  if (d.inputs() != 2)
    throw InputError("2D fit of '" + d.name + "': needs 2 input columns, the data has " +
                     std::to_string(d.inputs()));
  if (d.outputs() < 1) throw InputError("2D fit of '" + d.name + "': no target column");
  if (d.x_train.rows() < dof)
    throw InputError("2D fit of '" + d.name + "': fewer training points (" +
                     std::to_string(d.x_train.rows()) + ") than vertices (--dof " +
                     std::to_string(dof) + ")");
  if (!d.x_train.allFinite() || !d.y_train.allFinite() || !d.x_test.allFinite() ||
      !d.y_test.allFinite())
    throw InputError("2D fit of '" + d.name + "': non-finite values in the data");
  // All inputs on one line (duplicates of a single point included): no triangle has samples on
  // both sides, and the fit off that line would be arbitrary.
  const Eigen::MatrixXd centred = d.x_train.rowwise() - d.x_train.colwise().mean();
  const Eigen::Matrix2d cov = centred.transpose() * centred;
  const Eigen::Vector2d ev =
      Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d>(cov, Eigen::EigenvaluesOnly).eigenvalues();
  if (!(ev[1] > 0) || ev[0] <= 1e-12 * ev[1])
    throw InputError("2D fit of '" + d.name +
                     "': the training inputs are collinear (they lie on one line), "
                     "a 2D mesh needs inputs that span an area");
}

DelaunayMesh2 initialMesh2D(const Dataset& d, int dof, MeshInit init,
                            const Eigen::MatrixX2d& initial_vertices) {
  const Eigen::Vector2d lo = domainLo(d), hi = domainHi(d);
  const int side = gridSide(dof);
  const bool quantile = init == MeshInit::Quantile;
  if (initial_vertices.rows() > 0 && initial_vertices.rows() != dof)
    throw InputError("2D MRC: the initial mesh has " + std::to_string(initial_vertices.rows()) +
                     " vertices but --dof is " + std::to_string(dof));
  DelaunayMesh2 mesh =
      initial_vertices.rows() > 0 ? DelaunayMesh2(lo, hi, d.outputs())
      : quantile ? gridMesh(lo, hi, quantileLines(d.x_train.col(0), lo.x(), hi.x(), side),
                            quantileLines(d.x_train.col(1), lo.y(), hi.y(), side), d.outputs())
                 : gridMesh(lo, hi, uniformLines(lo.x(), hi.x(), side),
                            uniformLines(lo.y(), hi.y(), side), d.outputs());
  mesh.attachSamples(d.x_train);
  for (Eigen::Index i = 0; i < initial_vertices.rows(); ++i) {
    const Eigen::Vector2d p = initial_vertices.row(i).transpose();
    const bool corner =
        (p.x() == lo.x() || p.x() == hi.x()) && (p.y() == lo.y() || p.y() == hi.y());
    if (!corner && !mesh.insert(p, Eigen::RowVectorXd::Zero(d.outputs())).status.ok())
      throw InputError("2D MRC: initial vertex " + std::to_string(i + 1) +
                       " is outside the domain or repeated");
  }
  fillTo(mesh, dof, quantile, d.x_train.rows());
  // Start from the mean so that vertices without samples begin at a sensible level.
  mesh.setCoeffs(Eigen::MatrixXd::Ones(mesh.vertices(), 1) * d.y_train.colwise().mean());
  return mesh;
}

}  // namespace lreg::detail
