#include "barbu_common.h"

#include <Eigen/QR>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>

#include "lreg/common/metrics.h"
#include "lreg/common/timer.h"
#include "lreg/data/data_source.h"
#include "lreg/experiments/repro_output.h"
#include "lreg/models/knn.h"
#include "lreg/train/compare.h"

namespace lreg::repro {

namespace {
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr int kFixed = 8;  // the scalar columns of a run row
}  // namespace

const std::vector<BarbuMethod>& barbuMethods() {
  static const std::vector<BarbuMethod> list = {
      {"SGD", "sgd", "sgd", 0.0},        {"Adam", "adam", "adam", 0.0},
      {"Adam-L", "adam-l", "adam", 0.1}, {"LBFGS", "lbfgs", "lbfgs", 0.0},
      {"ANMIN", "anmin", "anmin", 0.0},  {"ANMIN-L", "anmin-l", "anmin", 0.1}};
  return list;
}

const BarbuMethod& barbuMethod(const std::string& key) {
  for (const auto& m : barbuMethods())
    if (m.key == key) return m;
  throw InputError("no Barbu method \"" + key + "\"");
}

TrainerConfig barbuConfig(const BarbuMethod& m, std::uint64_t seed, int hidden, int threads) {
  TrainerConfig c;  // the defaults are the paper's (adam.h, sgd.h, lbfgs.h, anmin.h)
  NetOptions net;
  net.hidden = hidden;
  net.alpha = m.alpha;
  net.seed = seed;
  net.threads = threads;
  c.setCommon(net);
  return c;
}

BarbuSet loadBarbuSet(const std::string& data) {
  DataSource src;
  src.data = data;
  src.test_fraction = 0;  // every row, in order; the experiments draw their own splits
  const Dataset all = resolveData(src);
  BarbuSet s;
  s.name = data;
  s.label = data == "sdf"       ? "SDF decoder"
            : data == "abalone" ? "Abalone"
                                : std::filesystem::path(data).filename().string();
  s.x = all.x_train;
  s.y = all.y_train;
  return s;
}

std::vector<std::string> runColumns(int checkpoints, bool test_curve) {
  std::vector<std::string> c = {"train_mse", "test_mse", "train_r2", "test_r2",
                                "seconds",   "svd",      "restarts", "steps"};
  for (int i = 0; i <= checkpoints; ++i) c.push_back("mse_" + std::to_string(i));
  for (int i = 0; i <= checkpoints; ++i) c.push_back("t_" + std::to_string(i));
  if (test_curve)
    for (int i = 0; i <= checkpoints; ++i) c.push_back("test_mse_" + std::to_string(i));
  return c;
}

std::vector<double> toValues(const RunRow& r, int checkpoints, bool test_curve) {
  std::vector<double> v = {r.train_mse, r.test_mse, r.train_r2, r.test_r2,
                           r.seconds,   r.svd,      r.restarts, r.steps};
  const size_t k = static_cast<size_t>(checkpoints) + 1;
  const auto add = [&](const std::vector<double>& c) {  // a peer has no curve: NaN
    if (c.empty())
      v.insert(v.end(), k, kNan);
    else
      v.insert(v.end(), c.begin(), c.end());
  };
  add(r.curve);
  add(r.curve_seconds);
  if (test_curve) add(r.test_curve);
  return v;
}

RunRow fromValues(const std::vector<double>& v, int checkpoints, bool test_curve) {
  const size_t k = static_cast<size_t>(checkpoints) + 1;
  if (v.size() != kFixed + k * (test_curve ? 3 : 2))
    throw InputError("a run row of " + std::to_string(v.size()) + " values, expected " +
                     std::to_string(kFixed + k * (test_curve ? 3 : 2)));
  RunRow r{v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], {}, {}, {}};
  const auto at = [&](size_t block) {
    return std::vector<double>(v.begin() + static_cast<long>(kFixed + block * k),
                               v.begin() + static_cast<long>(kFixed + (block + 1) * k));
  };
  r.curve = at(0);
  r.curve_seconds = at(1);
  if (test_curve) r.test_curve = at(2);
  return r;
}

RunRow trainOnSplit(std::shared_ptr<const Dataset> split, const std::string& trainer,
                    const TrainerConfig& config, int checkpoints, bool test_curve,
                    const ProgressFn& progress, int done, int total, const std::string& label) {
  auto t = makeTrainer(trainer, std::move(split), config);
  const auto within = [&](int step, int of, double seconds) {
    return report(progress,
                  {done, total, seconds,
                   label + ": step " + std::to_string(step) + " of " + std::to_string(of)});
  };
  double asked = 0;  // inside a long step at most every 10 ms of training
  t->setStopCheck([&] {
    const double s = t->seconds();
    if (s - asked < 0.01) return false;
    asked = s;
    return !within(t->completedSteps() + 1, t->totalSteps(), s);
  });
  const NetTrainReport rep =
      t->run([&](const Progress& p) { return within(p.step, p.total, p.seconds); });
  if (rep.status.code == StatusCode::Cancelled) throw RunCancelled{};
  RunRow r;
  const bool ok = rep.status.ok();
  r.train_mse = ok ? rep.train.mse : kNan;
  r.test_mse = ok ? rep.test.mse : kNan;
  r.train_r2 = ok ? rep.train.r2 : kNan;
  r.test_r2 = ok ? rep.test.r2 : kNan;
  r.seconds = rep.seconds;
  r.steps = t->completedSteps();
  const auto& pts = rep.history.points;
  for (const auto& p : pts) {
    const auto svd = p.extra.find("svd"), restart = p.extra.find("restart");
    if (svd != p.extra.end() && svd->second == 1.0) ++r.svd;
    if (restart != p.extra.end() && restart->second == 1.0) ++r.restarts;
  }
  // Checkpoints at evenly spaced points of the planned run; a run that stopped early keeps its
  // last value (NaN where there is no point at all).
  const double last = static_cast<double>(std::max(t->totalSteps(), 1));
  for (int i = 0; i <= checkpoints; ++i) {
    const size_t at = static_cast<size_t>(std::lround(i * last / checkpoints));
    const bool has = !pts.empty();
    const auto& p = has ? pts[std::min(at, pts.size() - 1)] : HistoryPoint{};
    r.curve.push_back(has ? p.train_loss : kNan);
    r.curve_seconds.push_back(has ? p.seconds : kNan);
    if (test_curve) r.test_curve.push_back(has ? p.test_loss : kNan);
  }
  return r;
}

namespace {
RunRow peerRow(const Eigen::MatrixXd& train_pred, const Eigen::MatrixXd& test_pred,
               const Dataset& d, double seconds, double steps) {
  RunRow r;
  const Metrics tr = evaluate(train_pred, d.y_train), te = evaluate(test_pred, d.y_test);
  r.train_mse = tr.mse;
  r.test_mse = te.mse;
  r.train_r2 = tr.r2;
  r.test_r2 = te.r2;
  r.seconds = seconds;
  r.steps = steps;
  return r;
}
}  // namespace

RunRow linearPeer(const Dataset& d) {
  const Stopwatch clock;
  const auto ones = [](const Eigen::MatrixXd& x) {
    Eigen::MatrixXd o(x.rows(), x.cols() + 1);
    o << Eigen::VectorXd::Ones(x.rows()), x;
    return o;
  };
  const Eigen::MatrixXd xt = ones(d.x_train);
  const Eigen::MatrixXd beta = xt.colPivHouseholderQr().solve(d.y_train);
  const double s = clock.seconds();
  return peerRow(xt * beta, ones(d.x_test) * beta, d, s, 1);
}

RunRow knnPeer(const Dataset& d, std::uint64_t seed) {
  const Stopwatch clock;
  KnnSelectOptions o;
  o.seed = seed;
  const KnnSelection sel = selectK(d.x_train, d.y_train, o);
  const KnnRegressor knn(d.x_train, d.y_train, sel.k);
  const double s = clock.seconds();
  return peerRow(knn.predict(d.x_train), knn.predict(d.x_test), d, s, sel.k);
}

double mean(const std::vector<double>& v) {
  if (v.empty()) return kNan;
  double s = 0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}

double sd(const std::vector<double>& v) {
  if (v.size() < 2) return kNan;
  const double m = mean(v);
  double ss = 0;
  for (double x : v) ss += (x - m) * (x - m);
  return std::sqrt(ss / static_cast<double>(v.size() - 1));
}

BoldMarks boldMarks(const std::vector<std::vector<double>>& columns, bool higher_better,
                    double level) {
  BoldMarks b;
  b.bold.assign(columns.size(), false);
  b.p.assign(columns.size(), kNan);
  double best_v = 0;
  for (size_t i = 0; i < columns.size(); ++i) {
    const double m = mean(columns[i]);
    if (std::isfinite(m) && (b.best < 0 || (higher_better ? m > best_v : m < best_v))) {
      b.best = static_cast<int>(i);
      best_v = m;
    }
  }
  if (b.best < 0) return b;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (static_cast<int>(i) == b.best) {
      b.bold[i] = true;
      b.p[i] = 1;
      continue;
    }
    b.p[i] = pairedTTest(columns[i], columns[static_cast<size_t>(b.best)]).p;
    b.bold[i] = std::isfinite(b.p[i]) && b.p[i] > level;
  }
  return b;
}

std::string cell(const std::vector<double>& v, bool bold, int digits) {
  const std::string c = fmtMeanSd(mean(v), sd(v), digits);
  return bold && c != "n/a" ? "**" + c + "**" : c;
}

std::string paperCell(const PaperValue& p, int digits) {
  if (!std::isfinite(p.mean)) return "n/a";
  const std::string c = fmtNumber(p.mean, digits) + " (" + fmtNumber(p.sd, digits) + ")";
  return p.bold ? "**" + c + "**" : c;
}

std::string countOf(int n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string fmtP(double p) {
  if (!std::isfinite(p)) return "n/a";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", p);
  return buf;
}

}  // namespace lreg::repro
