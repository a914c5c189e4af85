#include "lreg/train/connection_trainer.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "lreg/cuda/gpu_connection.h"
#include "lreg/cuda/gpu_linalg.h"

namespace lreg {

namespace {

Eigen::MatrixXd initialProjection(const ConnectionOptions& o, const Eigen::MatrixXd& x,
                                  Eigen::VectorXd& b) {
  const auto cin = x.cols();
  if (o.projection ==
      ProjectionInit::Random) {  // torch.nn.Linear's default: U(-1/sqrt(C_in), 1/sqrt(C_in))
    std::mt19937_64 rng(o.seed);
    const double a = 1.0 / std::sqrt(static_cast<double>(cin));
    std::uniform_real_distribution<double> u(-a, a);
    Eigen::MatrixXd P(o.components, cin);
    for (Eigen::Index k = 0; k < P.size(); ++k) P.data()[k] = u(rng);
    b = Eigen::VectorXd::NullaryExpr(o.components, [&] { return u(rng); });
    return P;
  }
  if (o.components > cin)
    throw InputError("connection: --components " + std::to_string(o.components) + " exceeds the " +
                     std::to_string(cin) +
                     " feature columns, so PCA cannot supply them (use --projection random)");
  const Eigen::RowVectorXd mean = x.colwise().mean();
  const Eigen::MatrixXd xc = x.rowwise() - mean;
  const Eigen::MatrixXd cov =
      xc.transpose() * xc / static_cast<double>(std::max<Eigen::Index>(1, x.rows() - 1));
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(cov);
  if (eig.info() != Eigen::Success) throw NumericalError("connection: PCA of the features failed");
  // Largest components first, each scaled to unit variance so the sigmoid sees O(1) inputs.
  Eigen::MatrixXd P(o.components, cin);
  const double floor = 1e-12 * std::max(1e-300, eig.eigenvalues().maxCoeff());
  for (int k = 0; k < o.components; ++k) {
    const Eigen::Index col = cin - 1 - k;
    P.row(k) = eig.eigenvectors().col(col).transpose() /
               std::sqrt(std::max(eig.eigenvalues()[col], floor));
  }
  b = -(P * mean.transpose());
  return P;
}

Eigen::MatrixXd initialNodes(const ConnectionOptions& o, const Eigen::MatrixXd& s) {
  const int d = o.components, n = o.nodes;
  Eigen::MatrixXd nodes(d, n);
  const Eigen::RowVectorXd unit = Eigen::RowVectorXd::LinSpaced(n, 0.0, 1.0);
  for (int i = 0; i < d; ++i) {
    if (o.edges == EdgeInit::Paper) {
      nodes.row(i) = Eigen::RowVectorXd::LinSpaced(n, -1.0, 1.0);
    } else if (o.edges == EdgeInit::SigmoidRange) {
      nodes.row(i) = unit;
    } else {  // quantiles of the initial sigmoid outputs, ends at the range 0 and 1
      std::vector<double> v(s.col(i).data(), s.col(i).data() + s.rows());
      std::sort(v.begin(), v.end());
      nodes(i, 0) = 0.0;
      nodes(i, n - 1) = 1.0;
      const double gap = 1e-6;
      for (int k = 1; k + 1 < n; ++k) {
        const double q =
            v[static_cast<size_t>(std::lround(unit[k] * static_cast<double>(v.size() - 1)))];
        nodes(i, k) =
            std::clamp(std::max(q, nodes(i, k - 1) + gap), gap * k, 1.0 - gap * (n - 1 - k));
      }
    }
  }
  return nodes;
}

// Value of the piecewise-linear function (x, c) at z (linear beyond the ends).
Eigen::RowVectorXd evalPiecewise(const std::vector<double>& x, const Eigen::MatrixXd& c, double z) {
  const auto it = std::upper_bound(x.begin() + 1, x.end() - 1, z);
  const auto e = static_cast<Eigen::Index>(it - x.begin()) - 1;
  const double t =
      (z - x[static_cast<size_t>(e)]) / (x[static_cast<size_t>(e) + 1] - x[static_cast<size_t>(e)]);
  return (1.0 - t) * c.row(e) + t * c.row(e + 1);
}

}  // namespace

ConnectionOptions ConnectionOptions::paper() {
  ConnectionOptions o;
  o.edges = EdgeInit::Paper;
  o.projection = ProjectionInit::Random;
  o.train_projection = false;
  o.count_validation = true;
  return o;
}

void ConnectionOptions::validate() const {
  const auto need = [](bool ok, const std::string& m) {
    if (!ok) throw InputError("connection option " + m);
  };
  need(components >= 1 && components <= 4096,
       "components must be in [1, 4096], got " + std::to_string(components));
  need(nodes >= 2 && nodes <= 4096, "nodes must be in [2, 4096], got " + std::to_string(nodes));
  need(epochs >= 0, "epochs must be >= 0");
  need(batch >= 1, "batch must be >= 1");
  need(lr > 0 && std::isfinite(lr), "lr must be > 0");
  need(momentum >= 0 && momentum < 1, "momentum must be in [0, 1)");
  need(weight_decay >= 0, "weight_decay must be >= 0");
  need(update_every >= 0, "update_every must be >= 0 (0 = once per epoch)");
  need(topk >= 0, "topk must be >= 0");
  need(refine_fraction >= 0 && refine_fraction <= 1, "refine_fraction must be in [0, 1]");
  need(smoothness >= 0, "smoothness must be >= 0");
}

void updateComponentMesh(LRegConnection& m, int i, const Eigen::VectorXd& counts,
                         double refine_fraction) {
  const int n = m.nodesPerComponent();
  std::vector<double> x(static_cast<size_t>(n));
  for (int k = 0; k < n; ++k) x[static_cast<size_t>(k)] = m.nodes()(i, k);
  const Eigen::MatrixXd c = m.W().middleRows(static_cast<Eigen::Index>(i) * n, n);
  // Refine: split the most-counted intervals at their midpoints, each half taking half the count.
  std::vector<int> order(static_cast<size_t>(n - 1));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return counts[a] > counts[b]; });
  const int k = std::min(n - 1, static_cast<int>(std::floor(refine_fraction * n)));
  std::vector<char> split(static_cast<size_t>(n - 1), 0);
  for (int j = 0; j < k; ++j) split[static_cast<size_t>(order[static_cast<size_t>(j)])] = 1;
  std::vector<double> xr{x[0]}, mass;
  for (int j = 0; j + 1 < n; ++j) {
    const double cj = counts[j];
    if (split[static_cast<size_t>(j)]) {
      xr.push_back(0.5 * (x[static_cast<size_t>(j)] + x[static_cast<size_t>(j) + 1]));
      mass.push_back(0.5 * cj + 1.0);
      mass.push_back(0.5 * cj + 1.0);
    } else {
      mass.push_back(cj + 1.0);
    }
    xr.push_back(x[static_cast<size_t>(j) + 1]);
  }
  // Coarsen back to n nodes at equal steps of the cumulative mass (density (count + 1) / width).
  const double total = std::accumulate(mass.begin(), mass.end(), 0.0);
  Eigen::RowVectorXd nx(n);
  nx[0] = xr.front();
  nx[n - 1] = xr.back();
  size_t j = 0;
  double before = 0;
  for (int q = 1; q + 1 < n; ++q) {
    const double target = total * q / (n - 1);
    while (j + 1 < mass.size() && before + mass[j] < target) before += mass[j++];
    const double t = std::clamp((target - before) / mass[j], 0.0, 1.0);
    nx[q] = xr[j] + t * (xr[j + 1] - xr[j]);
  }
  Eigen::MatrixXd nc(n, c.cols());
  for (int q = 0; q < n; ++q) nc.row(q) = evalPiecewise(x, c, nx[q]);
  m.setComponent(i, nx, nc);
}

ConnectionTrainer::ConnectionTrainer(std::shared_ptr<const ConnectionSplit> data,
                                     ConnectionOptions options)
    : data_(std::move(data)), options_(options) {
  options_.validate();
  data_->train.validate("training data");
  data_->val.validate("validation data");
  if (data_->val.features.cols() != data_->train.features.cols() ||
      data_->val.classes() != data_->train.classes())
    throw InputError("connection: training and validation data differ in shape");
  Eigen::VectorXd b;
  Eigen::MatrixXd P = initialProjection(options_, data_->train.features, b);
  Eigen::MatrixXd z = data_->train.features * P.transpose();
  z.rowwise() += b.transpose();
  const Eigen::MatrixXd s = z.unaryExpr([](double v) { return 1.0 / (1.0 + std::exp(-v)); });
  const int d = options_.components, n = options_.nodes, C = data_->train.classes();
  model_ =
      LRegConnection(std::move(P), std::move(b), initialNodes(options_, s),
                     Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(d) * n, C), data_->train.loss);
  counts_ = Eigen::MatrixXd::Zero(d, n - 1);
  mW_ = vW_ = Eigen::MatrixXd::Zero(model_.W().rows(), C);
  mP_ = vP_ = Eigen::MatrixXd::Zero(d, model_.inputs());
  mb_ = vb_ = Eigen::VectorXd::Zero(d);
  history_.method = "lreg-connection";
  history_.loss = data_->train.loss == ConnectionLoss::CrossEntropy ? "ce" : "mse";
  edges_.push_back(model_.nodes());
  clock_.pause();
  frozen_val_loss_ = connectionLoss(model_, data_->val, 0.0);
  frozen_val_acc_ = connectionAccuracy(model_, data_->val);
  record(std::numeric_limits<double>::quiet_NaN());
}

int ConnectionTrainer::batchesPerEpoch() const {
  return static_cast<int>((data_->train.rows() + options_.batch - 1) / options_.batch);
}

void ConnectionTrainer::record(double samples_per_s) {
  clock_.pause();
  HistoryPoint p;
  p.step = epoch_;
  p.seconds = elapsed();
  p.train_loss = connectionLoss(model_, data_->train, 0.0);
  p.test_loss = connectionLoss(model_, data_->val, 0.0);
  if (data_->train.loss == ConnectionLoss::CrossEntropy) {
    p.extra["train_acc"] = connectionAccuracy(model_, data_->train);
    p.extra["val_acc"] = connectionAccuracy(model_, data_->val);
  }
  p.extra["samples_per_s"] = samples_per_s;
  p.extra["mesh_updates"] = static_cast<double>(edges_.size() - 1);
  history_.points.push_back(std::move(p));
}

void ConnectionTrainer::optimizerStep(const ConnectionGradient& g) {
  const double lr = options_.lr, wd = options_.weight_decay;
  const bool adam = options_.optimizer == ConnectionOptimizer::Adam;
  const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
  const double c1 = 1 - std::pow(b1, static_cast<double>(steps_ + 1)),
               c2 = 1 - std::pow(b2, static_cast<double>(steps_ + 1));
  const auto update = [&](auto& w, const auto& grad, auto& m, auto& v) {
    const auto gw = (grad + wd * w).eval();
    if (adam) {
      m = b1 * m + (1 - b1) * gw;
      v = b2 * v + (1 - b2) * gw.cwiseProduct(gw);
      w -= (lr * (m / c1).array() / ((v / c2).array().sqrt() + eps)).matrix();
    } else {
      m = options_.momentum * m + gw;
      w -= lr * m;
    }
  };
  update(model_.mutableW(), g.dW, mW_, vW_);
  if (options_.train_projection) {
    update(model_.mutableP(), g.dP, mP_, vP_);
    update(model_.mutableB(), g.db, mb_, vb_);
  }
}

void ConnectionTrainer::meshUpdate() {
  const int n = options_.nodes;
  for (int i = 0; i < options_.components; ++i) {
    updateComponentMesh(model_, i, counts_.row(i).transpose(), options_.refine_fraction);
    // The nodes moved: momentum of their coefficients no longer refers to the same places.
    mW_.middleRows(static_cast<Eigen::Index>(i) * n, n).setZero();
    vW_.middleRows(static_cast<Eigen::Index>(i) * n, n).setZero();
  }
  counts_.setZero();
  edges_.push_back(model_.nodes());
}

const HistoryPoint& ConnectionTrainer::step(const ProgressFn& progress) {
  if (done()) return history_.last();
  const ConnectionData& train = data_->train;
  std::vector<Eigen::Index> order(static_cast<size_t>(train.rows()));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::shuffle(order.begin(), order.end(),
               std::mt19937_64(options_.seed * 1000003 + static_cast<std::uint64_t>(epoch_)));
  // elements (d x N, from the GPU step) saves locating the batch's samples again.
  const auto countWorst = [&](const ConnectionData& batch, const Eigen::VectorXd& each,
                              const Eigen::MatrixXi* elements = nullptr) {
    const int k = std::min<int>(options_.topk, static_cast<int>(each.size()));
    if (k == 0) return;
    std::vector<Eigen::Index> idx(static_cast<size_t>(each.size()));
    std::iota(idx.begin(), idx.end(), Eigen::Index{0});
    std::partial_sort(idx.begin(), idx.begin() + k, idx.end(),
                      [&](auto a, auto b) { return each[a] > each[b]; });
    const Eigen::MatrixXd s = elements ? Eigen::MatrixXd() : model_.sigmoidNorm(batch.features);
    for (int q = 0; q < k; ++q) {
      const Eigen::Index r = idx[static_cast<size_t>(q)];
      for (int i = 0; i < options_.components; ++i)
        counts_(i, elements ? (*elements)(i, r) : model_.locate(i, s(r, i))) += 1;
    }
  };
  clock_.resume();
  const double start = clock_.seconds();
  const int batches = batchesPerEpoch();
  for (int bi = 0; bi < batches; ++bi) {
    const auto from = order.begin() + static_cast<std::ptrdiff_t>(bi) * options_.batch;
    const auto to = std::min(from + options_.batch, order.end());
    const ConnectionData batch = train.subset(std::vector<Eigen::Index>(from, to));
    ConnectionGradient g;
    Eigen::VectorXd each;
    if (gpu_) {
      const gpu::ConnectionResult res = gpu_->lossGradient(model_, batch, g);
      if (!res.status.ok()) {
        status_ = Status::numerical("connection: the GPU step failed at step " +
                                    std::to_string(steps_ + 1) + ": " + res.status.message);
        clock_.pause();
        return history_.last();
      }
      const Eigen::MatrixXd WT = model_.W().transpose();
      Eigen::MatrixXd dWT = g.dW.transpose();
      smoothnessPenalty(WT, options_.nodes, options_.smoothness, &dWT);
      g.dW = dWT.transpose();
      countWorst(batch, res.each, &res.elements);
    } else {
      connectionLoss(model_, batch, options_.smoothness, &g, options_.train_projection, &each);
      countWorst(batch, each);
    }
    optimizerStep(g);
    ++steps_;
    if (!model_.W().allFinite() || !model_.P().allFinite()) {
      status_ = Status::numerical("connection: the parameters diverged at step " +
                                  std::to_string(steps_) + " (lower --lr)");
      clock_.pause();
      return history_.last();
    }
    if (options_.update_every > 0 && steps_ % options_.update_every == 0) meshUpdate();
    if (!lreg::report(progress, {bi + 1, batches, elapsed(), {}})) {
      status_ = Status::cancelled();
      clock_.pause();
      return history_.last();
    }
  }
  if (options_.count_validation) {
    Eigen::VectorXd each;
    const ConnectionData& val = data_->val;
    for (Eigen::Index from = 0; from < val.rows(); from += options_.batch) {
      std::vector<Eigen::Index> rows;
      for (Eigen::Index r = from; r < std::min(val.rows(), from + options_.batch); ++r)
        rows.push_back(r);
      const ConnectionData batch = val.subset(rows);
      connectionLoss(model_, batch, 0.0, nullptr, false, &each);
      countWorst(batch, each);
    }
  }
  if (options_.update_every == 0) meshUpdate();
  const double epoch_seconds = clock_.seconds() - start;
  ++epoch_;
  record(static_cast<double>(train.rows()) / std::max(epoch_seconds, 1e-12));
  return history_.last();
}

std::string ConnectionTrainer::useGpu() {
  if (!gpu::device().available) return gpu::device().message;
  if (std::string why = gpu::connectionUnsupported(options_, data_->train.loss); !why.empty())
    return why;
  gpu_ = std::make_shared<gpu::ConnectionGpu>();
  return {};
}

ConnectionReport ConnectionTrainer::run(const ProgressFn& progress) {
  while (!done()) step(progress);
  return report();
}

ConnectionReport ConnectionTrainer::report() const {
  ConnectionReport r;
  r.status = status_;
  r.model = model_;
  r.history = history_;
  r.frozen_val_loss = frozen_val_loss_;
  r.frozen_val_acc = frozen_val_acc_;
  r.edges = edges_;
  r.seconds = elapsed();
  return r;
}

}  // namespace lreg
