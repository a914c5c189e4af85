// Linear-probe and low-rank baselines of the LReg connection (lreg/train/baseline_heads.h).
#include "lreg/train/baseline_heads.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <numeric>
#include <random>

#include "lreg/common/timer.h"

namespace lreg {

namespace {

std::vector<double> vec(const Eigen::MatrixXd& m) { return {m.data(), m.data() + m.size()}; }

Eigen::MatrixXd mat(const nlohmann::json& j, const char* key, Eigen::Index rows,
                    Eigen::Index cols) {
  if (!j.contains(key) || !j[key].is_array())
    throw InputError(std::string("baseline head: '") + key + "' missing");
  const auto v = j[key].get<std::vector<double>>();
  if (static_cast<Eigen::Index>(v.size()) != rows * cols)
    throw InputError(std::string("baseline head: '") + key + "' has " + std::to_string(v.size()) +
                     " numbers, need " + std::to_string(rows * cols));
  return Eigen::Map<const Eigen::MatrixXd>(v.data(), rows, cols);
}

// dL/dlogits of the mean CE, per sample (N x C, divided by N), and the per-sample losses.
Eigen::MatrixXd ceGradient(const Eigen::MatrixXd& out, const Eigen::VectorXi& labels,
                           double& loss) {
  Eigen::MatrixXd g(out.rows(), out.cols());
  loss = 0;
  for (Eigen::Index r = 0; r < out.rows(); ++r) {
    const double mx = out.row(r).maxCoeff();
    g.row(r) = (out.row(r).array() - mx).exp();
    const double z = g.row(r).sum();
    loss += std::log(z) + mx - out(r, labels[r]);
    g.row(r) /= z;
    g(r, labels[r]) -= 1.0;
  }
  const double n = static_cast<double>(std::max<Eigen::Index>(1, out.rows()));
  loss /= n;
  return g / n;
}

}  // namespace

BaselineHead::BaselineHead(BaselineKind kind, Eigen::RowVectorXd mean, Eigen::RowVectorXd scale,
                           Eigen::MatrixXd U, Eigen::MatrixXd V, Eigen::RowVectorXd c)
    : kind_(kind),
      mean_(std::move(mean)),
      scale_(std::move(scale)),
      c_(std::move(c)),
      U_(std::move(U)),
      V_(std::move(V)) {
  if (scale_.size() != mean_.size() || U_.rows() != mean_.size() || V_.rows() != U_.cols() ||
      c_.size() != V_.cols())
    throw InputError("baseline head: inconsistent shapes");
}

Eigen::MatrixXd BaselineHead::standardise(const Eigen::MatrixXd& x) const {
  if (x.cols() != mean_.size())
    throw InputError(kind() + ": features have " + std::to_string(x.cols()) +
                     " columns, the head takes " + std::to_string(mean_.size()));
  return ((x.rowwise() - mean_).array().rowwise() / scale_.array()).matrix();
}

Eigen::MatrixXd BaselineHead::predict(const Eigen::MatrixXd& x) const {
  const Eigen::MatrixXd xs = standardise(x);
  Eigen::MatrixXd out = kind_ == BaselineKind::Linear ? (xs * U_).eval() : ((xs * U_) * V_).eval();
  out.rowwise() += c_;
  return out;
}

ParameterCount BaselineHead::parameters() const {
  ParameterCount p;
  p.coefficients = kind_ == BaselineKind::Linear ? static_cast<long>(U_.size() + c_.size())
                                                 : static_cast<long>(U_.size() + V_.size());
  return p;
}

nlohmann::json BaselineHead::toJson() const {
  return {{"format", "lreg-model"}, {"kind", kind()},
          {"inputs", inputs()},     {"outputs", outputs()},
          {"rank", rank()},         {"mean", vec(mean_)},
          {"scale", vec(scale_)},   {"U", vec(U_)},
          {"V", vec(V_)},           {"c", vec(c_)}};
}

BaselineHead BaselineHead::fromJson(const nlohmann::json& j) {
  const std::string k = j.value("kind", std::string());
  if (k != "linear-probe" && k != "low-rank")
    throw InputError("baseline head: kind '" + k + "' is not a baseline");
  const int in = j.value("inputs", 0), out = j.value("outputs", 0), r = j.value("rank", 0);
  if (in < 1 || out < 1 || r < 1)
    throw InputError("baseline head: inputs, outputs and rank must be >= 1");
  return BaselineHead(k == "linear-probe" ? BaselineKind::Linear : BaselineKind::LowRank,
                      mat(j, "mean", 1, in), mat(j, "scale", 1, in), mat(j, "U", in, r),
                      mat(j, "V", r, out), mat(j, "c", 1, out));
}

int matchedRank(long n, int inputs, int classes) {
  return std::max(1, static_cast<int>(std::lround(static_cast<double>(n) / (inputs + classes))));
}

double baselineLoss(const BaselineHead& h, const ConnectionData& data, Eigen::MatrixXd* dU,
                    Eigen::MatrixXd* dV, Eigen::RowVectorXd* dc) {
  const Eigen::MatrixXd xs = h.standardise(data.features);
  const Eigen::MatrixXd xu = xs * h.U();
  Eigen::MatrixXd out =
      data.frozen + (h.baseline() == BaselineKind::Linear ? xu : (xu * h.V()).eval());
  out.rowwise() += h.c();
  double loss = 0;
  const Eigen::MatrixXd g = ceGradient(out, data.labels, loss);
  if (dU) {
    if (h.baseline() == BaselineKind::Linear) {
      *dU = xs.transpose() * g;
      if (dc) *dc = g.colwise().sum();
    } else {
      *dU = xs.transpose() * (g * h.V().transpose());
      if (dV) *dV = xu.transpose() * g;
    }
  }
  return loss;
}

double baselineAccuracy(const BaselineHead& h, const ConnectionData& data) {
  const Eigen::MatrixXd out = data.frozen + h.predict(data.features);
  Eigen::Index hits = 0;
  for (Eigen::Index r = 0; r < out.rows(); ++r) {
    Eigen::Index arg;
    out.row(r).maxCoeff(&arg);
    hits += arg == data.labels[r];
  }
  return static_cast<double>(hits) / static_cast<double>(std::max<Eigen::Index>(1, out.rows()));
}

BaselineReport trainBaseline(BaselineKind kind, const ConnectionSplit& data,
                             const ConnectionOptions& o, int rank,
                             const std::function<bool(const HistoryPoint&)>& epoch_done) {
  o.validate();
  data.train.validate("training data");
  data.val.validate("validation data");
  if (data.train.loss != ConnectionLoss::CrossEntropy)
    throw InputError("baseline heads train class labels only");
  const ConnectionData& train = data.train;
  const auto cin = train.features.cols();
  const int C = train.classes();
  const Eigen::RowVectorXd mean = train.features.colwise().mean();
  const Eigen::RowVectorXd sd = ((train.features.rowwise() - mean).colwise().squaredNorm() /
                                 static_cast<double>(std::max<Eigen::Index>(1, train.rows() - 1)))
                                    .cwiseSqrt()
                                    .unaryExpr([](double v) {
                                      return v > 1e-12 ? v : 1.0;
                                    });  // constant columns stay as they are
  BaselineReport rep;
  if (kind == BaselineKind::Linear) {
    rep.head = BaselineHead(kind, mean, sd, Eigen::MatrixXd::Zero(cin, C),
                            Eigen::MatrixXd::Identity(C, C), Eigen::RowVectorXd::Zero(C));
  } else {
    std::mt19937_64 rng(o.seed);
    std::normal_distribution<double> g(0.0, 1.0 / std::sqrt(static_cast<double>(cin)));
    rep.head = BaselineHead(kind, mean, sd,
                            Eigen::MatrixXd::NullaryExpr(cin, rank, [&] { return g(rng); }),
                            Eigen::MatrixXd::Zero(rank, C), Eigen::RowVectorXd::Zero(C));
  }
  BaselineHead& h = rep.head;
  rep.history.method = kind == BaselineKind::Linear ? "linear-probe" : "low-rank";
  rep.history.loss = "ce";
  Stopwatch clock;
  const auto record = [&](int epoch, double rate) {
    clock.pause();  // evaluation is not training time
    HistoryPoint p;
    p.step = epoch;
    p.seconds = clock.seconds();
    p.train_loss = baselineLoss(h, train);
    p.test_loss = baselineLoss(h, data.val);
    p.extra["train_acc"] = baselineAccuracy(h, train);
    p.extra["val_acc"] = baselineAccuracy(h, data.val);
    p.extra["samples_per_s"] = rate;
    rep.history.points.push_back(p);
    const bool go_on = !epoch_done || epoch_done(p);
    clock.resume();
    return go_on;
  };
  if (!record(0, std::nan(""))) {
    rep.status = Status::cancelled();
    return rep;
  }
  Eigen::MatrixXd mU = Eigen::MatrixXd::Zero(h.U().rows(), h.U().cols()),
                  mV = Eigen::MatrixXd::Zero(h.V().rows(), h.V().cols());
  Eigen::RowVectorXd mc = Eigen::RowVectorXd::Zero(C);
  Eigen::MatrixXd dU, dV;
  Eigen::RowVectorXd dc;
  std::vector<Eigen::Index> order(static_cast<size_t>(train.rows()));
  for (int epoch = 0; epoch < o.epochs; ++epoch) {
    const double start = clock.seconds();
    // The connection trainer's batch order (connection_trainer.cpp), so both see the same batches.
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    std::shuffle(order.begin(), order.end(),
                 std::mt19937_64(o.seed * 1000003 + static_cast<std::uint64_t>(epoch)));
    for (size_t from = 0; from < order.size(); from += static_cast<size_t>(o.batch)) {
      const auto to = std::min(order.size(), from + static_cast<size_t>(o.batch));
      const ConnectionData batch =
          train.subset(std::vector<Eigen::Index>(order.begin() + from, order.begin() + to));
      baselineLoss(h, batch, &dU, &dV, &dc);
      mU = o.momentum * mU + dU + o.weight_decay * h.U();
      h.mutableU() -= o.lr * mU;
      if (kind == BaselineKind::Linear) {
        mc = o.momentum * mc + dc;
        h.mutableC() -= o.lr * mc;
      } else {
        mV = o.momentum * mV + dV + o.weight_decay * h.V();
        h.mutableV() -= o.lr * mV;
      }
    }
    if (!h.U().allFinite() || !h.V().allFinite()) {
      rep.status = Status::numerical(rep.history.method + ": the parameters diverged in epoch " +
                                     std::to_string(epoch + 1) + " (lower lr)");
      break;
    }
    if (!record(epoch + 1,
                static_cast<double>(train.rows()) / std::max(1e-12, clock.seconds() - start))) {
      rep.status = Status::cancelled();
      break;
    }
  }
  rep.seconds = clock.seconds();
  return rep;
}

}  // namespace lreg
