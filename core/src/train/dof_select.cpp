#include "lreg/train/dof_select.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>

#include "lreg/common/json.h"
#include "lreg/common/metrics.h"
#include "lreg/common/status.h"
#include "lreg/common/timer.h"
#include "lreg/models/knn.h"

namespace lreg {

DofSearch parseDofSearch(const std::string& s) {
  if (s == "kfold") return DofSearch::KFold;
  if (s == "grow") return DofSearch::Grow;
  throw InputError("DoF search must be kfold or grow, got '" + s + "'");
}

std::string toString(DofSearch v) { return v == DofSearch::KFold ? "kfold" : "grow"; }

std::vector<int> dofLadder(int lo, int hi, double ratio) {
  std::vector<int> v;
  for (double x = lo; std::lround(x) <= hi; x *= ratio) {
    const int k = static_cast<int>(std::lround(x));
    if (v.empty() || k > v.back()) v.push_back(k);
  }
  if (!v.empty() && v.back() < hi && hi - v.back() > v.back() * (ratio - 1) / 2) v.push_back(hi);
  return v;
}

namespace {

// The training rows split into fold datasets: x_train / y_train the other folds, x_test /
// y_test the held-out fold, the domain that of the full training data (meshes span it).
std::vector<std::shared_ptr<const Dataset>> foldSets(const Dataset& d, int folds,
                                                     std::uint64_t seed) {
  const int n = static_cast<int>(d.x_train.rows());
  const std::vector<int> fold = foldAssignment(n, folds, seed);
  std::vector<std::shared_ptr<const Dataset>> out;
  for (int f = 0; f < folds; ++f) {
    std::vector<int> tr, va;
    for (int i = 0; i < n; ++i) (fold[static_cast<size_t>(i)] == f ? va : tr).push_back(i);
    auto s = std::make_shared<Dataset>();
    s->name = d.name + " (fold " + std::to_string(f + 1) + ")";
    s->x_train = d.x_train(tr, Eigen::all);
    s->y_train = d.y_train(tr, Eigen::all);
    s->x_test = d.x_train(va, Eigen::all);
    s->y_test = d.y_train(va, Eigen::all);
    s->domain_lo = d.domain_lo;
    s->domain_hi = d.domain_hi;
    s->input_names = d.input_names;
    s->output_names = d.output_names;
    out.push_back(std::move(s));
  }
  return out;
}

// fit_mae(fold set, dof) -> the held-out MAE of an MRC fit with that DoF.
using FoldMae = std::function<double(const std::shared_ptr<const Dataset>&, int)>;

DofSelection search(const Dataset& d, const DofSelectOptions& o, int default_min,
                    double default_ratio, int default_patience, const FoldMae& fit_mae,
                    const ProgressFn& progress) {
  const Stopwatch clock;
  const int n = static_cast<int>(d.x_train.rows());
  if (o.folds < 2 || n < 2 * o.folds)
    throw InputError(d.name +
                     ": DoF selection needs at least 2 folds and 2 training rows per fold, got " +
                     std::to_string(o.folds) + " folds for " + std::to_string(n) + " rows");
  const int fold_train = n - (n + o.folds - 1) / o.folds;
  const int hi = static_cast<int>(std::floor(fold_train / o.samples_per_dof));
  const int lo = o.min_dof > 0 ? o.min_dof : default_min;
  std::vector<int> cand =
      o.candidates.empty() ? dofLadder(lo, hi, o.ladder_ratio > 0 ? o.ladder_ratio : default_ratio)
                           : o.candidates;
  std::sort(cand.begin(), cand.end());
  cand.erase(std::unique(cand.begin(), cand.end()), cand.end());
  std::erase_if(cand, [&](int k) { return k < 2 || k > hi; });
  if (cand.empty())
    throw InputError(d.name + ": no DoF candidate fits " + std::to_string(fold_train) +
                     " fold-training rows at " + std::to_string(o.samples_per_dof) +
                     " samples per DoF");

  const auto sets = foldSets(d, o.folds, o.seed);
  DofSelection s;
  s.search = o.search;
  s.folds = o.folds;
  const int patience = o.patience > 0 ? o.patience : default_patience;
  double best = INFINITY;
  int since_best = 0;
  for (size_t c = 0; c < cand.size(); ++c) {
    Eigen::VectorXd mae(o.folds);
    for (int f = 0; f < o.folds; ++f) mae(f) = fit_mae(sets[static_cast<size_t>(f)], cand[c]);
    const double mean = mae.mean();
    const double sd = std::sqrt((mae.array() - mean).square().sum() / (o.folds - 1));
    s.curve.push_back({cand[c], mean, sd});
    if (mean < best) {
      best = mean, s.dof = cand[c], since_best = 0;
    } else {
      ++since_best;
    }
    const Progress p{static_cast<int>(c + 1), static_cast<int>(cand.size()), clock.seconds(),
                     "dof " + std::to_string(cand[c])};
    if (!report(progress, p)) break;
    if (o.search == DofSearch::Grow && since_best >= patience) break;
  }
  s.seconds = clock.seconds();
  return s;
}

}  // namespace

DofSelection selectDof1D(const Dataset& d, const Mrc1DOptions& fit, const DofSelectOptions& o,
                         const ProgressFn& progress) {
  return search(
      d, o, 4, 1.25, 2,
      [&](const std::shared_ptr<const Dataset>& set, int dof) {
        Mrc1DOptions f = fit;
        f.dof = dof;
        if (o.epochs >= 0) f.epochs = o.epochs;
        Mrc1D mrc(set, f);
        const Mrc1DReport r = mrc.run();
        if (r.status.code != StatusCode::Success)
          throw NumericalError(set->name + ": " + r.status.message);
        return meanAbsoluteError(r.model.predict(set->x_test), set->y_test);
      },
      progress);
}

DofSelection selectDof2D(const Dataset& d, const Mrc2DOptions& fit, const DofSelectOptions& o,
                         const ProgressFn& progress) {
  return search(
      d, o, 16, 1.6, 1,
      [&](const std::shared_ptr<const Dataset>& set, int dof) {
        Mrc2DOptions f = fit;
        f.dof = dof;
        f.epochs = o.epochs >= 0 ? o.epochs : std::min(fit.epochs, 10);
        Mrc2D mrc(set, f);
        const Mrc2DReport r = mrc.run();
        if (r.status.code != StatusCode::Success)
          throw NumericalError(set->name + ": " + r.status.message);
        return meanAbsoluteError(r.model.predict(set->x_test), set->y_test);
      },
      progress);
}

nlohmann::json toJson(const DofSelection& s) {
  nlohmann::json curve = nlohmann::json::array();
  for (const DofCurvePoint& p : s.curve)
    curve.push_back({{"dof", p.dof},
                     {"mae_mean", finiteOrNull(p.mae_mean)},
                     {"mae_sd", finiteOrNull(p.mae_sd)}});
  return {{"dof", s.dof},
          {"method", toString(s.search)},
          {"folds", s.folds},
          {"curve", curve},
          {"seconds", s.seconds}};
}

}  // namespace lreg
