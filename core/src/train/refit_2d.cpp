#include "lreg/train/refit_2d.h"

#include <Eigen/LU>
#include <Eigen/SparseCholesky>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

namespace lreg {

namespace {

void checkTargets(const DelaunayMesh2& mesh, const Eigen::MatrixXd& y) {
  if (y.rows() > mesh.samples())
    throw InputError("2D refit: " + std::to_string(y.rows()) + " targets for " +
                     std::to_string(mesh.samples()) + " attached samples");
  if (y.cols() != mesh.outputs())
    throw InputError("2D refit: targets have " + std::to_string(y.cols()) + " columns, the mesh " +
                     std::to_string(mesh.outputs()) + " outputs");
}

}  // namespace

Eigen::MatrixXd predictAttached(const DelaunayMesh2& mesh) {
  const SampleLocations& L = mesh.sampleLocations();
  const Eigen::MatrixXd& C = mesh.coeffs();
  Eigen::MatrixXd f(L.triangle.size(), C.cols());
  for (Eigen::Index s = 0; s < f.rows(); ++s)
    f.row(s) = L.weight(s, 0) * C.row(L.vertex(s, 0)) + L.weight(s, 1) * C.row(L.vertex(s, 1)) +
               L.weight(s, 2) * C.row(L.vertex(s, 2));
  return f;
}

Status refitLeastSquares2D(DelaunayMesh2& mesh, const Eigen::MatrixXd& y, double ridge) {
  checkTargets(mesh, y);
  const SampleLocations& L = mesh.sampleLocations();
  const int n = mesh.vertices(), nt = mesh.triangles();
  const Eigen::MatrixX3i T = mesh.triangleIndices();
  const Eigen::MatrixX2d P = mesh.points();

  // B^T B gathered per triangle (3 x 3 blocks in the triangle's vertex order, which is the
  // order of the cached sample locations), then scattered once: O(N + #T).
  std::vector<Eigen::Matrix3d> gram(static_cast<size_t>(nt), Eigen::Matrix3d::Zero());
  Eigen::MatrixXd rhs = Eigen::MatrixXd::Zero(n, y.cols());
  for (Eigen::Index s = 0; s < y.rows(); ++s) {
    const Eigen::RowVector3d w = L.weight.row(s);
    gram[static_cast<size_t>(L.triangle[s])].noalias() += w.transpose() * w;
    for (int k = 0; k < 3; ++k) rhs.row(L.vertex(s, k)) += w[k] * y.row(s);
  }
  // P1 stiffness per triangle: area * G^T G, G the (constant) gradients of the barycentrics.
  std::vector<Eigen::Matrix3d> stiff(static_cast<size_t>(nt));
  double trace_gram = 0, trace_stiff = 0;
  for (int t = 0; t < nt; ++t) {
    Eigen::Matrix3d V;
    for (int k = 0; k < 3; ++k) V.row(k) << P(T(t, k), 0), P(T(t, k), 1), 1.0;
    const Eigen::Matrix3d S = V.inverse();  // column k: barycentric k = [x y 1] S.col(k)
    const Eigen::Matrix<double, 2, 3> G = S.topRows<2>();
    stiff[static_cast<size_t>(t)] = 0.5 * std::abs(V.determinant()) * G.transpose() * G;
    trace_gram += gram[static_cast<size_t>(t)].trace();
    trace_stiff += stiff[static_cast<size_t>(t)].trace();
  }
  const double lambda = std::max(ridge, 1e-12) * (trace_gram > 0 ? trace_gram : 1.0) /
                        (trace_stiff > 0 ? trace_stiff : 1.0);
  const double pull = 1e-3 * lambda * (trace_stiff > 0 ? trace_stiff / n : 1.0);

  std::vector<Eigen::Triplet<double>> trip;
  trip.reserve(static_cast<size_t>(18 * nt + n));
  for (int t = 0; t < nt; ++t) {
    const Eigen::Matrix3d A = gram[static_cast<size_t>(t)] + lambda * stiff[static_cast<size_t>(t)];
    for (int a = 0; a < 3; ++a)
      for (int b = 0; b < 3; ++b) trip.emplace_back(T(t, a), T(t, b), A(a, b));
  }
  for (int i = 0; i < n; ++i) trip.emplace_back(i, i, pull);
  Eigen::SparseMatrix<double> A(n, n);
  A.setFromTriplets(trip.begin(), trip.end());
  rhs += pull * mesh.coeffs();

  Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>> solver(A);
  if (solver.info() != Eigen::Success)
    return Status::numerical("2D least squares: factorisation failed");
  Eigen::MatrixXd c = solver.solve(rhs);
  if (solver.info() != Eigen::Success || !c.allFinite())
    return Status::numerical("2D least squares: the solution is not finite");
  mesh.setCoeffs(c);
  return Status::success();
}

Status refitAdam2D(DelaunayMesh2& mesh, const Eigen::MatrixXd& y, const AdamRefit2DOptions& o) {
  checkTargets(mesh, y);
  if (o.steps < 0 || !(o.learning_rate > 0))
    throw InputError("Adam refit: steps >= 0 and a positive learning rate");
  const SampleLocations& L = mesh.sampleLocations();
  const Eigen::Index N = y.rows(), c = y.cols();
  if (N == 0) return Status::success();
  Eigen::MatrixXd C = mesh.coeffs();
  Eigen::MatrixXd m = Eigen::MatrixXd::Zero(C.rows(), c), v = m, grad(C.rows(), c);
  const double scale = 1.0 / static_cast<double>(N * c);
  for (int step = 1; step <= o.steps; ++step) {
    grad.setZero();
    for (Eigen::Index s = 0; s < N; ++s) {
      const int a = L.vertex(s, 0), b = L.vertex(s, 1), d = L.vertex(s, 2);
      const double wa = L.weight(s, 0), wb = L.weight(s, 1), wd = L.weight(s, 2);
      for (Eigen::Index k = 0; k < c; ++k) {
        const double r = wa * C(a, k) + wb * C(b, k) + wd * C(d, k) - y(s, k);
        // d/dr of smooth L1: r / beta inside, sign(r) outside.
        const double g =
            scale * (std::abs(r) < o.smooth_l1_beta ? r / o.smooth_l1_beta : (r > 0 ? 1.0 : -1.0));
        grad(a, k) += wa * g;
        grad(b, k) += wb * g;
        grad(d, k) += wd * g;
      }
    }
    const double progress = o.steps > 1 ? static_cast<double>(step - 1) / (o.steps - 1) : 1.0;
    const double lr =
        o.learning_rate * (o.final_lr_fraction + (1 - o.final_lr_fraction) * 0.5 *
                                                     (1 + std::cos(std::numbers::pi * progress)));
    m = o.beta1 * m + (1 - o.beta1) * grad;
    v = o.beta2 * v + (1 - o.beta2) * grad.cwiseProduct(grad);
    const double bc1 = 1 - std::pow(o.beta1, step), bc2 = 1 - std::pow(o.beta2, step);
    C.array() -= lr * (m.array() / bc1) / ((v.array() / bc2).sqrt() + o.epsilon);
  }
  if (!C.allFinite()) return Status::numerical("Adam refit: coefficients became non-finite");
  mesh.setCoeffs(C);
  return Status::success();
}

}  // namespace lreg
