#pragma once
// Exact k-nearest-neighbour regression, the simple peer every LReg fit is compared with: a
// KD-tree over the training inputs, the prediction the mean target of the k nearest training
// points. Inputs are divided by their training standard deviation first, so that no input
// dominates the distance by its units. k is chosen by k-fold cross-validation on the training
// data only (selectK).
#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace lreg {

// KD-tree over the rows of an n by d matrix. Queries are exact: the k nearest rows by Euclidean
// distance, ties broken by the smaller row index, so the answer equals a brute-force sort by
// (distance, index).
class KdTree {
 public:
  explicit KdTree(Eigen::MatrixXd points);  // n by d, n >= 1
  // Row indices of the k nearest points to q (d values), nearest first; k in [1, n].
  void nearest(const double* q, int k, std::vector<int>& out) const;
  int size() const { return static_cast<int>(points_.rows()); }
  int dims() const { return static_cast<int>(points_.cols()); }

 private:
  struct Node {
    int begin, end;  // range of order_ held by this node
    int left = -1, right = -1;
    int axis = -1;  // -1: leaf
    double split = 0;
  };
  int build(int begin, int end);
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> points_;
  std::vector<int> order_;
  std::vector<Node> nodes_;
};

class KnnRegressor {
 public:
  // x: n by d training inputs, y: n by c targets, k in [1, n]; throws InputError otherwise.
  KnnRegressor(const Eigen::MatrixXd& x, Eigen::MatrixXd y, int k);
  // m by d -> m by c: the mean target of the k nearest training rows of each row.
  Eigen::MatrixXd predict(const Eigen::MatrixXd& x) const;
  // The predictions for every k in 1..kmax at once (prefix means of one neighbour list):
  // element k - 1 is predict(x) with that k. kmax in [1, n].
  std::vector<Eigen::MatrixXd> predictAllK(const Eigen::MatrixXd& x, int kmax) const;
  int k() const { return k_; }
  int inputs() const { return static_cast<int>(scale_.size()); }
  int outputs() const { return static_cast<int>(y_.cols()); }

 private:
  Eigen::RowVectorXd scale_;  // training standard deviation per input (1 where constant)
  KdTree tree_;
  Eigen::MatrixXd y_;
  int k_;
};

// Validation MAE at one candidate, mean and standard deviation over the folds.
struct KnnCurvePoint {
  int k = 0;
  double mae_mean = 0, mae_sd = 0;
};

struct KnnSelection {
  int k = 0;  // the candidate with the least mean validation MAE (the smaller k on a tie)
  int folds = 0;
  std::vector<KnnCurvePoint> curve;  // one point per candidate, ascending k
  double seconds = 0;
};

struct KnnSelectOptions {
  std::vector<int> candidates;  // empty: 1..10, then about x1.25 steps up to 200
  int folds = 5;
  std::uint64_t seed = 1;  // the seeded assignment of training rows to folds
};

// Chooses k by k-fold cross-validation on (x, y), the training data only. Candidates above
// the smallest fold's training size are dropped; throws InputError if none is left or there
// are fewer rows than folds.
KnnSelection selectK(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                     const KnnSelectOptions& options = {});

// The seeded fold of each of n rows (0..folds-1, sizes differing by at most one); shared by the
// k-NN and the DoF selection so that both see the same folds for one seed.
std::vector<int> foldAssignment(int n, int folds, std::uint64_t seed);

}  // namespace lreg
