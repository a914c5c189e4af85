#include "lreg/train/mlp_classifier.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "lreg/common/timer.h"
#include "lreg/train/flat_update.h"

namespace lreg {

namespace {

// Row-wise softmax, shifted by the row maximum so that exp never overflows.
Eigen::MatrixXd softmax(const Eigen::MatrixXd& logits) {
  Eigen::MatrixXd p = logits.colwise() - logits.rowwise().maxCoeff();
  p = p.array().exp().matrix();
  return p.array().colwise() / p.rowwise().sum().array();
}

void checkLabels(const Eigen::VectorXi& labels, int classes, Eigen::Index rows, const char* what) {
  if (labels.size() != rows)
    throw InputError(std::string("mlp classifier: ") + what + ": " + std::to_string(labels.size()) +
                     " labels for " + std::to_string(rows) + " rows");
  for (Eigen::Index i = 0; i < labels.size(); ++i)
    if (labels[i] < 0 || labels[i] >= classes)
      throw InputError(std::string("mlp classifier: ") + what + ": label " +
                       std::to_string(labels[i]) + " of row " + std::to_string(i + 1) +
                       " is not in [0, " + std::to_string(classes) + ")");
}

}  // namespace

double crossEntropy(const Eigen::MatrixXd& logits, const Eigen::VectorXi& labels) {
  if (logits.rows() == 0) return std::nan("");
  const Eigen::VectorXd m = logits.rowwise().maxCoeff();
  double sum = 0;
  for (Eigen::Index i = 0; i < logits.rows(); ++i)
    sum += m[i] + std::log((logits.row(i).array() - m[i]).exp().sum()) - logits(i, labels[i]);
  return sum / static_cast<double>(logits.rows());
}

double accuracy(const Eigen::MatrixXd& logits, const Eigen::VectorXi& labels) {
  if (logits.rows() == 0) return std::nan("");
  Eigen::Index hits = 0;
  for (Eigen::Index i = 0; i < logits.rows(); ++i) {
    Eigen::Index best = 0;
    logits.row(i).maxCoeff(&best);
    hits += best == labels[i];
  }
  return static_cast<double>(hits) / static_cast<double>(logits.rows());
}

MlpClassifierReport trainMlpClassifier(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels,
                                       const Eigen::MatrixXd& x_val,
                                       const Eigen::VectorXi& labels_val, int classes,
                                       const MlpClassifierOptions& o, const ProgressFn& progress) {
  if (x.rows() < 2 || x.cols() < 1) throw InputError("mlp classifier: needs >= 2 training rows");
  if (!x.allFinite() || !x_val.allFinite()) throw InputError("mlp classifier: non-finite inputs");
  if (x_val.rows() > 0 && x_val.cols() != x.cols())
    throw InputError("mlp classifier: validation rows have " + std::to_string(x_val.cols()) +
                     " columns, training rows " + std::to_string(x.cols()));
  if (labels.size()) classes = std::max(classes, labels.maxCoeff() + 1);
  if (classes < 2) throw InputError("mlp classifier: needs at least 2 classes");
  checkLabels(labels, classes, x.rows(), "training");
  checkLabels(labels_val, classes, x_val.rows(), "validation");
  if (o.epochs < 0 || o.batch < 1 || !(o.lr > 0) || !(o.weight_decay >= 0) ||
      o.plateau_window < 1 || !(o.plateau_tol >= 0 && o.plateau_tol < 1))
    throw InputError(
        "mlp classifier: needs epochs >= 0, batch >= 1, lr > 0, weight_decay >= 0, "
        "plateau_window >= 1 and plateau_tol in [0, 1)");

  const Standardizer in = Standardizer::fit(x);
  MlpClassifierReport r;
  r.model = Mlp::random(static_cast<int>(x.cols()), classes, o.hidden, o.layers, Activation::Relu,
                        0.0, o.seed, in, Standardizer::identity(classes));
  r.history.method = "mlp-classifier";
  r.history.loss = "ce";
  const Eigen::MatrixXd xs = in.apply(x), xs_val = x_val.rows() ? in.apply(x_val) : x_val;
  Stopwatch clock;
  clock.pause();
  double seconds = 0;
  const auto record = [&](int epoch) {
    const Eigen::MatrixXd f = r.model.forward(xs);
    HistoryPoint p;
    p.step = epoch;
    p.seconds = seconds;
    p.train_loss = crossEntropy(f, labels);
    p.extra["train_acc"] = accuracy(f, labels);
    if (xs_val.rows() > 0) {
      const Eigen::MatrixXd fv = r.model.forward(xs_val);
      p.test_loss = crossEntropy(fv, labels_val);
      p.extra["val_acc"] = accuracy(fv, labels_val);
    } else {
      p.test_loss = std::nan("");
    }
    r.history.points.push_back(std::move(p));
  };
  record(0);

  AdamRule adam;
  std::mt19937_64 rng(o.seed);
  std::vector<Eigen::Index> order(static_cast<size_t>(xs.rows()));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  Eigen::VectorXd theta = r.model.flatParameters(), g;
  for (int epoch = 1; epoch <= o.epochs; ++epoch) {
    clock.resume();
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t i0 = 0; i0 < order.size(); i0 += static_cast<size_t>(o.batch)) {
      const size_t nb = std::min(order.size() - i0, static_cast<size_t>(o.batch));
      Eigen::MatrixXd xb(static_cast<Eigen::Index>(nb), xs.cols());
      Eigen::VectorXi yb(static_cast<Eigen::Index>(nb));
      for (size_t k = 0; k < nb; ++k) {
        xb.row(static_cast<Eigen::Index>(k)) = xs.row(order[i0 + k]);
        yb[static_cast<Eigen::Index>(k)] = labels[order[i0 + k]];
      }
      // d(mean CE)/d logits = (softmax - onehot) / n.
      r.model.backward(
          xb,
          [&](const Eigen::MatrixXd& f) -> Eigen::MatrixXd {
            Eigen::MatrixXd d = softmax(f);
            for (Eigen::Index k = 0; k < d.rows(); ++k) d(k, yb[k]) -= 1.0;
            return d / static_cast<double>(nb);
          },
          g);
      g += 2.0 * o.weight_decay * theta;
      adam.apply(theta, g, o.lr);
      r.model.setFlatParameters(theta);
    }
    clock.pause();
    seconds = clock.seconds();
    if (!r.model.allFinite()) {
      r.status = Status::numerical("mlp classifier: epoch " + std::to_string(epoch) +
                                   ": the weights are no longer finite (lr too large?)");
      break;
    }
    record(epoch);
    if (!report(progress, {epoch, o.epochs, seconds, "pretrain"})) {
      r.status = Status::cancelled();
      break;
    }
    if (plateaued(r.history, o.plateau_window, o.plateau_tol)) {
      r.plateaued = true;
      break;
    }
  }
  r.seconds = seconds;
  return r;
}

Eigen::MatrixXd lastHiddenFeatures(const Mlp& net, const Eigen::MatrixXd& x) {
  Eigen::MatrixXd z = net.preActivation(net.inputScaling().apply(x), net.hiddenLayers() - 1);
  return net.activation() == Activation::Tanh ? Eigen::MatrixXd(z.array().tanh())
                                              : Eigen::MatrixXd(z.cwiseMax(net.leak() * z));
}

}  // namespace lreg
