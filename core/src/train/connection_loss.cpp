// The connection's data checks, split, loss and gradient (connection_trainer.h).
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <thread>

#include "lreg/train/connection_trainer.h"

namespace lreg {

void ConnectionData::validate(const std::string& what) const {
  const auto n = features.rows();
  if (n < 1 || features.cols() < 1)
    throw InputError(what + ": 'features' must be N x C_in with N, C_in >= 1");
  if (frozen.rows() != n || frozen.cols() < 1)
    throw InputError(what + ": 'logits' has " + std::to_string(frozen.rows()) +
                     " rows, 'features' " + std::to_string(n));
  if (!features.allFinite()) throw InputError(what + ": 'features' holds NaN or inf");
  if (!frozen.allFinite()) throw InputError(what + ": 'logits' holds NaN or inf");
  if (loss == ConnectionLoss::CrossEntropy) {
    if (labels.size() != n)
      throw InputError(what + ": 'labels' has " + std::to_string(labels.size()) +
                       " entries, need " + std::to_string(n));
    for (Eigen::Index r = 0; r < n; ++r)
      if (labels[r] < 0 || labels[r] >= frozen.cols())
        throw InputError(what + ": 'labels' row " + std::to_string(r) + " = " +
                         std::to_string(labels[r]) + " is outside [0, " +
                         std::to_string(frozen.cols()) + ")");
  } else if (targets.rows() != n || targets.cols() != frozen.cols() || !targets.allFinite()) {
    throw InputError(what + ": 'targets' must be N x C and finite");
  }
}

ConnectionData ConnectionData::subset(const std::vector<Eigen::Index>& rows) const {
  ConnectionData d;
  d.loss = loss;
  d.features.resize(static_cast<Eigen::Index>(rows.size()), features.cols());
  d.frozen.resize(d.features.rows(), frozen.cols());
  if (loss == ConnectionLoss::CrossEntropy)
    d.labels.resize(d.features.rows());
  else
    d.targets.resize(d.features.rows(), targets.cols());
  for (size_t k = 0; k < rows.size(); ++k) {
    const auto r = rows[k], i = static_cast<Eigen::Index>(k);
    d.features.row(i) = features.row(r);
    d.frozen.row(i) = frozen.row(r);
    if (loss == ConnectionLoss::CrossEntropy)
      d.labels[i] = labels[r];
    else
      d.targets.row(i) = targets.row(r);
  }
  return d;
}

SplitRows splitRows(Eigen::Index rows, double val_fraction, std::uint64_t seed) {
  if (!(val_fraction > 0 && val_fraction < 1))
    throw InputError("validation fraction must be in (0, 1)");
  std::vector<Eigen::Index> order(static_cast<size_t>(rows));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::shuffle(order.begin(), order.end(), std::mt19937_64(seed));
  const auto nval = std::max<size_t>(
      1, static_cast<size_t>(std::round(val_fraction * static_cast<double>(order.size()))));
  if (nval >= order.size()) throw InputError("too few samples for a validation split");
  SplitRows r;
  r.val.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(nval));
  r.train.assign(order.begin() + static_cast<std::ptrdiff_t>(nval), order.end());
  return r;
}

ConnectionSplit splitConnectionData(const ConnectionData& all, double val_fraction,
                                    std::uint64_t seed) {
  const SplitRows r = splitRows(all.rows(), val_fraction, seed);
  return {all.subset(r.train), all.subset(r.val)};
}

namespace {

// Runs body(begin, end) over [0, count) on both cores when the work is worth a thread start.
template <class Body>
void parallelRanges(Eigen::Index count, double work, const Body& body) {
  const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
  const auto parts =
      static_cast<Eigen::Index>(std::min<double>({double(hw), double(count), work / 2e5 + 1}));
  if (parts <= 1) {
    body(Eigen::Index{0}, count);
    return;
  }
  std::vector<std::thread> pool;
  for (Eigen::Index p = 1; p < parts; ++p)
    pool.emplace_back([&, p] { body(count * p / parts, count * (p + 1) / parts); });
  body(Eigen::Index{0}, count / parts);
  for (auto& t : pool) t.join();
}

}  // namespace

double smoothnessPenalty(const Eigen::MatrixXd& WT, int n, double smoothness,
                         Eigen::MatrixXd* dWT) {
  const auto C = WT.rows();
  const int d = static_cast<int>(WT.cols() / n), interior = std::max(0, n - 2);
  if (!(smoothness > 0) || interior == 0) return 0.0;
  const double count = static_cast<double>(d) * interior * static_cast<double>(C);
  double pen = 0;
  Eigen::VectorXd sg(C);
  for (int i = 0; i < d; ++i)
    for (int k = 1; k + 1 < n; ++k) {
      const int j = i * n + k;
      const auto r = (WT.col(j) - 0.5 * (WT.col(j - 1) + WT.col(j + 1))).eval();
      pen += r.cwiseAbs().sum();
      if (dWT) {
        sg = r.unaryExpr([](double v) { return double((v > 0) - (v < 0)); }) * (smoothness / count);
        dWT->col(j) += sg;
        dWT->col(j - 1) -= 0.5 * sg;
        dWT->col(j + 1) -= 0.5 * sg;
      }
    }
  return smoothness * pen / count;
}

double connectionLoss(const LRegConnection& m, const ConnectionData& data, double smoothness,
                      ConnectionGradient* grad, bool grad_projection, Eigen::VectorXd* per_sample) {
  const Eigen::Index N = data.rows();
  const int d = m.components(), n = m.nodesPerComponent(), C = m.outputs();
  // The projection is one GEMM; the encoder and head are, per sample and component, a gather of
  // two coefficient rows. Work in transposed (class-major) layout so those rows are contiguous.
  const Eigen::MatrixXd s = m.sigmoidNorm(data.features);
  const Eigen::MatrixXd WT = m.W().transpose();  // C x (d n)
  const Eigen::MatrixXd& nodes = m.nodes();
  Eigen::MatrixXi elem(d, N);
  Eigen::MatrixXd t(d, N);
  Eigen::MatrixXd outT = data.frozen.transpose();  // C x N
  Eigen::MatrixXd gT(C, N);                        // dL/dout, already divided by N
  Eigen::VectorXd each(N);
  const double work = double(N) * d * C;
  parallelRanges(N, work, [&](Eigen::Index r0, Eigen::Index r1) {
    for (Eigen::Index r = r0; r < r1; ++r) {
      auto o = outT.col(r);
      for (int i = 0; i < d; ++i) {
        const int e = m.locate(i, s(r, i));
        const double u = (s(r, i) - nodes(i, e)) / (nodes(i, e + 1) - nodes(i, e));
        elem(i, r) = e;
        t(i, r) = u;
        o += (1.0 - u) * WT.col(i * n + e) + u * WT.col(i * n + e + 1);
      }
      if (data.loss == ConnectionLoss::CrossEntropy) {
        const double mx = o.maxCoeff();
        gT.col(r) = (o.array() - mx).exp();
        const double z = gT.col(r).sum();
        each[r] = std::log(z) + mx - o(data.labels[r]);
        gT.col(r) /= z;
        gT(data.labels[r], r) -= 1.0;
      } else {
        const auto diff = (o - data.targets.row(r).transpose()).eval();
        each[r] = diff.squaredNorm() / C;
        gT.col(r) = 2.0 * diff / C;
      }
    }
  });
  gT /= static_cast<double>(N);
  if (per_sample) *per_sample = each;
  double loss = each.mean();
  Eigen::MatrixXd dWT;
  if (grad) {
    dWT = Eigen::MatrixXd::Zero(C, static_cast<Eigen::Index>(d) * n);
    // Each component owns its n columns of dW^T, so components split across threads safely.
    parallelRanges(d, work, [&](Eigen::Index i0, Eigen::Index i1) {
      for (Eigen::Index i = i0; i < i1; ++i)
        for (Eigen::Index r = 0; r < N; ++r) {
          const Eigen::Index j = i * n + elem(i, r);
          dWT.col(j) += (1.0 - t(i, r)) * gT.col(r);
          dWT.col(j + 1) += t(i, r) * gT.col(r);
        }
    });
  }
  loss += smoothnessPenalty(WT, n, smoothness, grad ? &dWT : nullptr);
  if (grad) grad->dW = dWT.transpose();
  if (grad && grad_projection) {
    // d out / d s_i = (W[e+1] - W[e]) / width; d s / d z = s (1 - s).
    Eigen::MatrixXd dz(N, d);
    for (int i = 0; i < d; ++i)
      for (Eigen::Index r = 0; r < N; ++r) {
        const int e = elem(i, r);
        const double width = nodes(i, e + 1) - nodes(i, e);
        const double ds = gT.col(r).dot(WT.col(i * n + e + 1) - WT.col(i * n + e)) / width;
        dz(r, i) = ds * s(r, i) * (1.0 - s(r, i));
      }
    grad->dP = dz.transpose() * data.features;
    grad->db = dz.colwise().sum().transpose();
  }
  return loss;
}

double connectionAccuracy(const LRegConnection& m, const ConnectionData& data) {
  if (data.loss != ConnectionLoss::CrossEntropy) return std::numeric_limits<double>::quiet_NaN();
  const Eigen::MatrixXd out = m.logits(data.features, data.frozen);
  Eigen::Index hits = 0;
  for (Eigen::Index r = 0; r < out.rows(); ++r) {
    Eigen::Index arg;
    out.row(r).maxCoeff(&arg);
    hits += arg == data.labels[r];
  }
  return static_cast<double>(hits) / static_cast<double>(std::max<Eigen::Index>(1, out.rows()));
}

}  // namespace lreg
