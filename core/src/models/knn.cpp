#include "lreg/models/knn.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <queue>
#include <random>
#include <string>
#include <utility>

#include "lreg/common/metrics.h"
#include "lreg/common/status.h"
#include "lreg/common/timer.h"

namespace lreg {

namespace {

constexpr int kLeafSize = 8;

// (squared distance, row): the lexicographic order is the (distance, index) tie rule.
using Candidate = std::pair<double, int>;

}  // namespace

KdTree::KdTree(Eigen::MatrixXd points) : points_(std::move(points)) {
  if (points_.rows() < 1 || points_.cols() < 1)
    throw InputError("k-NN: the tree needs at least one point with one coordinate");
  order_.resize(static_cast<size_t>(points_.rows()));
  std::iota(order_.begin(), order_.end(), 0);
  nodes_.reserve(2 * static_cast<size_t>(points_.rows() / kLeafSize + 1));
  build(0, static_cast<int>(order_.size()));
}

int KdTree::build(int begin, int end) {
  const int id = static_cast<int>(nodes_.size());
  nodes_.push_back({begin, end});
  if (end - begin <= kLeafSize) return id;
  // Split the widest coordinate at its median.
  int axis = 0;
  double widest = -1;
  for (int a = 0; a < points_.cols(); ++a) {
    double lo = INFINITY, hi = -INFINITY;
    for (int i = begin; i < end; ++i) {
      lo = std::min(lo, points_(order_[i], a));
      hi = std::max(hi, points_(order_[i], a));
    }
    if (hi - lo > widest) widest = hi - lo, axis = a;
  }
  if (widest <= 0) return id;  // all points equal: a leaf of any size
  const int mid = begin + (end - begin) / 2;
  std::nth_element(order_.begin() + begin, order_.begin() + mid, order_.begin() + end,
                   [&](int a, int b) { return points_(a, axis) < points_(b, axis); });
  const double split = points_(order_[mid], axis);
  const int left = build(begin, mid);
  const int right = build(mid, end);
  Node& n = nodes_[static_cast<size_t>(id)];
  n.axis = axis;
  n.split = split;
  n.left = left;
  n.right = right;
  return id;
}

void KdTree::nearest(const double* q, int k, std::vector<int>& out) const {
  if (k < 1 || k > size())
    throw InputError("k-NN: k must be in [1, " + std::to_string(size()) + "], got " +
                     std::to_string(k));
  std::priority_queue<Candidate> best;  // the worst of the k best on top
  const int d = dims();
  // Depth-first, nearer side first; a side is skipped only when its plane lies strictly
  // farther than the k-th best, so an equally distant point of smaller index is still seen.
  auto visit = [&](auto&& self, int id) -> void {
    const Node& n = nodes_[static_cast<size_t>(id)];
    if (n.axis < 0) {
      for (int i = n.begin; i < n.end; ++i) {
        const int r = order_[static_cast<size_t>(i)];
        double s = 0;
        for (int a = 0; a < d; ++a) {
          const double t = points_(r, a) - q[a];
          s += t * t;
        }
        const Candidate c{s, r};
        if (static_cast<int>(best.size()) < k) {
          best.push(c);
        } else if (c < best.top()) {
          best.pop();
          best.push(c);
        }
      }
      return;
    }
    const double gap = q[n.axis] - n.split;
    // Points equal to the split value sit on both sides of the median, so both children can
    // hold them; the plane bound below stays a lower bound either way.
    const int first = gap < 0 ? n.left : n.right;
    const int second = gap < 0 ? n.right : n.left;
    self(self, first);
    if (static_cast<int>(best.size()) < k || gap * gap <= best.top().first) self(self, second);
  };
  visit(visit, 0);
  out.resize(best.size());
  for (size_t i = out.size(); i-- > 0;) {
    out[i] = best.top().second;
    best.pop();
  }
}

namespace {

Eigen::RowVectorXd inputScale(const Eigen::MatrixXd& x) {
  Eigen::RowVectorXd s(x.cols());
  for (int a = 0; a < x.cols(); ++a) {
    const double mean = x.col(a).mean();
    const double sd = std::sqrt((x.col(a).array() - mean).square().mean());
    s(a) = sd > 0 ? sd : 1.0;
  }
  return s;
}

Eigen::MatrixXd scaled(const Eigen::MatrixXd& x, const Eigen::RowVectorXd& s) {
  return x.array().rowwise() / s.array();
}

}  // namespace

KnnRegressor::KnnRegressor(const Eigen::MatrixXd& x, Eigen::MatrixXd y, int k)
    : scale_(inputScale(x)), tree_(scaled(x, scale_)), y_(std::move(y)), k_(k) {
  if (y_.rows() != x.rows())
    throw InputError("k-NN: " + std::to_string(x.rows()) + " input rows but " +
                     std::to_string(y_.rows()) + " target rows");
  if (k < 1 || k > x.rows())
    throw InputError("k-NN: k must be in [1, " + std::to_string(x.rows()) + "], got " +
                     std::to_string(k));
}

Eigen::MatrixXd KnnRegressor::predict(const Eigen::MatrixXd& x) const {
  return predictAllK(x, k_).back();
}

std::vector<Eigen::MatrixXd> KnnRegressor::predictAllK(const Eigen::MatrixXd& x, int kmax) const {
  if (x.cols() != inputs())
    throw InputError("k-NN: the model takes " + std::to_string(inputs()) + " inputs, got " +
                     std::to_string(x.cols()) + " columns");
  std::vector<Eigen::MatrixXd> out(static_cast<size_t>(kmax), Eigen::MatrixXd(x.rows(), y_.cols()));
  const Eigen::MatrixXd xs = scaled(x, scale_);
  std::vector<int> idx;
  Eigen::VectorXd q(x.cols());
  Eigen::RowVectorXd sum(y_.cols());
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    q = xs.row(i).transpose();
    tree_.nearest(q.data(), kmax, idx);
    sum.setZero();
    for (int j = 0; j < kmax; ++j) {
      sum += y_.row(idx[static_cast<size_t>(j)]);
      out[static_cast<size_t>(j)].row(i) = sum / static_cast<double>(j + 1);
    }
  }
  return out;
}

std::vector<int> foldAssignment(int n, int folds, std::uint64_t seed) {
  std::vector<int> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(seed);
  std::shuffle(order.begin(), order.end(), rng);
  std::vector<int> fold(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) fold[static_cast<size_t>(order[static_cast<size_t>(i)])] = i % folds;
  return fold;
}

KnnSelection selectK(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                     const KnnSelectOptions& o) {
  const Stopwatch clock;
  const int n = static_cast<int>(x.rows());
  if (o.folds < 2 || n < o.folds)
    throw InputError("k-NN selection: needs at least 2 folds and a row per fold, got " +
                     std::to_string(o.folds) + " folds for " + std::to_string(n) + " rows");
  std::vector<int> cand = o.candidates;
  if (cand.empty()) {
    for (int k = 1; k <= 10; ++k) cand.push_back(k);
    for (double k = 12.5; k <= 200; k *= 1.25) cand.push_back(static_cast<int>(std::lround(k)));
  }
  const int smallest_train = n - (n + o.folds - 1) / o.folds;
  std::sort(cand.begin(), cand.end());
  cand.erase(std::unique(cand.begin(), cand.end()), cand.end());
  std::erase_if(cand, [&](int k) { return k < 1 || k > smallest_train; });
  if (cand.empty())
    throw InputError("k-NN selection: no candidate k fits the fold size " +
                     std::to_string(smallest_train));

  const std::vector<int> fold = foldAssignment(n, o.folds, o.seed);
  Eigen::MatrixXd mae(static_cast<Eigen::Index>(cand.size()), o.folds);
  for (int f = 0; f < o.folds; ++f) {
    std::vector<int> tr, va;
    for (int i = 0; i < n; ++i) (fold[static_cast<size_t>(i)] == f ? va : tr).push_back(i);
    const KnnRegressor knn(x(tr, Eigen::all), y(tr, Eigen::all), 1);
    const auto preds = knn.predictAllK(x(va, Eigen::all), cand.back());
    const Eigen::MatrixXd yv = y(va, Eigen::all);
    for (size_t c = 0; c < cand.size(); ++c)
      mae(static_cast<Eigen::Index>(c), f) =
          meanAbsoluteError(preds[static_cast<size_t>(cand[c] - 1)], yv);
  }
  KnnSelection s;
  s.folds = o.folds;
  double best = INFINITY;
  for (size_t c = 0; c < cand.size(); ++c) {
    const Eigen::RowVectorXd row = mae.row(static_cast<Eigen::Index>(c));
    const double mean = row.mean();
    const double sd = std::sqrt((row.array() - mean).square().sum() / (o.folds - 1));
    s.curve.push_back({cand[c], mean, sd});
    if (mean < best) best = mean, s.k = cand[c];
  }
  s.seconds = clock.seconds();
  return s;
}

}  // namespace lreg
