#include "lreg/train/compare.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "lreg/common/json.h"
#include "lreg/train/method_registry.h"

namespace lreg {

namespace {

// Regularised incomplete beta I_x(a, b) by Lentz's continued fraction.
double betaContinuedFraction(double a, double b, double x) {
  const double tiny = 1e-300;
  double c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0);
  if (std::fabs(d) < tiny) d = tiny;
  d = 1.0 / d;
  double f = d;
  for (int m = 1; m <= 300; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
    d = 1.0 + aa * d;
    c = 1.0 + aa / c;
    if (std::fabs(d) < tiny) d = tiny;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    f *= d * c;
    aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
    d = 1.0 + aa * d;
    c = 1.0 + aa / c;
    if (std::fabs(d) < tiny) d = tiny;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double delta = d * c;
    f *= delta;
    if (std::fabs(delta - 1.0) < 1e-15) break;
  }
  return f;
}

double incompleteBeta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double lbeta = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b);
  const double front = std::exp(lbeta + a * std::log(x) + b * std::log1p(-x));
  if (x < (a + 1.0) / (a + b + 2.0)) return front * betaContinuedFraction(a, b, x) / a;
  return 1.0 - front * betaContinuedFraction(b, a, 1.0 - x) / b;
}

MeanStd meanStd(const std::vector<double>& v) {
  MeanStd m;
  m.n = static_cast<int>(v.size());
  if (v.empty()) {
    m.mean = m.std = std::numeric_limits<double>::quiet_NaN();
    return m;
  }
  for (double x : v) m.mean += x;
  m.mean /= static_cast<double>(v.size());
  double ss = 0;
  for (double x : v) ss += (x - m.mean) * (x - m.mean);
  m.std = v.size() > 1 ? std::sqrt(ss / static_cast<double>(v.size() - 1)) : 0.0;
  return m;
}

const char* kMetrics[] = {"train_mse", "test_mse", "train_r2", "test_r2"};

double metricOf(const SplitRun& r, const std::string& m) {
  if (m == "train_mse") return r.train_mse;
  if (m == "test_mse") return r.test_mse;
  if (m == "train_r2") return r.train_r2;
  if (m == "test_r2") return r.test_r2;
  return r.seconds;
}

std::vector<double> column(const CompareReport& r, const std::string& method,
                           const std::string& metric) {
  std::vector<double> v;
  for (const auto& run : r.runs)
    if (run.method == method) v.push_back(metricOf(run, metric));
  return v;
}

std::string fmt(double v) {
  char buf[64];
  const double a = std::fabs(v);
  if (!std::isfinite(v)) return "n/a";
  if (a >= 1000)
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else if (a >= 100)
    std::snprintf(buf, sizeof buf, "%.1f", v);
  else if (a >= 1)
    std::snprintf(buf, sizeof buf, "%.2f", v);
  else
    std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

}  // namespace

double studentTwoSidedP(double t, double dof) {
  if (!std::isfinite(t)) return std::isnan(t) ? std::numeric_limits<double>::quiet_NaN() : 0.0;
  return incompleteBeta(dof / 2.0, 0.5, dof / (dof + t * t));
}

PairedTest pairedTTest(const std::vector<double>& a, const std::vector<double>& b) {
  PairedTest p;
  const size_t n = std::min(a.size(), b.size());
  p.n = static_cast<int>(n);
  std::vector<double> diff(n);
  for (size_t i = 0; i < n; ++i) diff[i] = a[i] - b[i];
  const MeanStd m = meanStd(diff);
  p.mean_diff = m.mean;
  if (n < 2) {
    p.t = std::numeric_limits<double>::quiet_NaN();
    p.p = std::numeric_limits<double>::quiet_NaN();
    return p;
  }
  if (m.std == 0) {  // identical paired values: no evidence of a difference unless the mean moved
    p.t = m.mean == 0 ? 0.0 : std::copysign(std::numeric_limits<double>::infinity(), m.mean);
    p.p = m.mean == 0 ? 1.0 : 0.0;
    return p;
  }
  p.t = m.mean / (m.std / std::sqrt(static_cast<double>(n)));
  p.p = studentTwoSidedP(p.t, static_cast<double>(n - 1));
  return p;
}

void checkMethodList(const std::vector<std::string>& methods) {
  const auto known = methodNames("net");
  std::string list;
  for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
  if (methods.empty()) throw InputError("compare: --methods is empty (known: " + list + ")");
  for (size_t i = 0; i < methods.size(); ++i) {
    if (std::find(known.begin(), known.end(), methods[i]) == known.end())
      throw InputError("compare: unknown method '" + methods[i] + "' in --methods (known: " + list +
                       ")");
    if (std::find(methods.begin(), methods.begin() + static_cast<long>(i), methods[i]) !=
        methods.begin() + static_cast<long>(i))
      throw InputError("compare: method '" + methods[i] + "' is listed twice in --methods");
  }
}

CompareReport compareMethods(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                             const std::string& name, const CompareOptions& options,
                             const ProgressFn& progress) {
  if (options.methods.empty()) throw InputError("compare: --methods is empty");
  if (options.splits < 1) throw InputError("compare: --splits must be >= 1");
  checkMethodList(options.methods);  // fail before hours of training, not after
  CompareReport r;
  r.data = name;
  r.splits = options.splits;
  const int total = options.splits * static_cast<int>(options.methods.size());
  int done = 0;
  double elapsed = 0;
  bool cancelled = false;
  for (int s = 0; s < options.splits && !cancelled; ++s) {
    const std::uint64_t seed = options.first_seed + static_cast<std::uint64_t>(s);
    auto data = std::make_shared<Dataset>(splitDataset(x, y, options.test_fraction, seed, name));
    TrainerConfig cfg = options.config;
    cfg.setSeed(seed);
    for (const auto& method : options.methods) {
      auto trainer = makeTrainer(method, data, cfg);
      const std::string label = method + " split " + std::to_string(s + 1);
      // Asked between the steps of the run too, and inside a long step (an L-BFGS step is 20
      // updates, seconds on the SDF set), so that a cancel does not wait for a whole run.
      const auto within = [&](int step, int of, double seconds) {
        return report(progress,
                      {done, total, elapsed + seconds,
                       label + ": step " + std::to_string(step) + " of " + std::to_string(of)});
      };
      // Between updates at most every 10 ms of training: a GUI gets no flood of progress.
      double asked = 0;
      trainer->setStopCheck([&] {
        const double t = trainer->seconds();
        if (t - asked < 0.01) return false;
        asked = t;
        return !within(trainer->completedSteps() + 1, trainer->totalSteps(), t);
      });
      const NetTrainReport rep =
          trainer->run([&](const Progress& p) { return within(p.step, p.total, p.seconds); });
      if (rep.status.code == StatusCode::Cancelled) {  // a partial run is no sample: dropped
        cancelled = true;
        break;
      }
      SplitRun run;
      run.split = s + 1;
      run.seed = seed;
      run.method = method;
      run.status = rep.status;
      run.train_mse = rep.train.mse;
      run.test_mse = rep.test.mse;
      run.train_r2 = rep.train.r2;
      run.test_r2 = rep.test.r2;
      run.seconds = rep.seconds;
      elapsed += rep.seconds;
      r.runs.push_back(run);
      if (!report(progress, {++done, total, elapsed, label})) {
        cancelled = true;
        break;
      }
    }
  }
  for (const auto& m : options.methods) {
    MethodSummary ms;
    ms.method = m;
    ms.train_mse = meanStd(column(r, m, "train_mse"));
    ms.test_mse = meanStd(column(r, m, "test_mse"));
    ms.train_r2 = meanStd(column(r, m, "train_r2"));
    ms.test_r2 = meanStd(column(r, m, "test_r2"));
    ms.seconds = meanStd(column(r, m, "seconds"));
    r.summary.push_back(ms);
  }
  for (const char* metric : kMetrics)
    for (size_t i = 0; i < options.methods.size(); ++i)
      for (size_t j = i + 1; j < options.methods.size(); ++j) {
        PairedTest t = pairedTTest(column(r, options.methods[i], metric),
                                   column(r, options.methods[j], metric));
        t.metric = metric;
        t.a = options.methods[i];
        t.b = options.methods[j];
        r.tests.push_back(t);
      }
  return r;
}

std::string toMarkdown(const CompareReport& r) {
  std::ostringstream md;
  md << "Data: " << r.data << ", " << r.splits
     << " random 80/20 splits; mean (std). Bold: the best and those not significantly worse "
        "(paired t-test, p > 0.01).\n\n";
  struct Block {
    const char* title;
    const char* metric;
    bool higher_better;
    bool bold;
  };
  const Block blocks[] = {{"MSE train", "train_mse", false, true},
                          {"MSE test", "test_mse", false, true},
                          {"R^2 train", "train_r2", true, true},
                          {"R^2 test", "test_r2", true, true},
                          {"Time (s)", "seconds", false, false}};
  for (const Block& b : blocks) {
    md << "| " << b.title << " |";
    for (const auto& s : r.summary) md << " " << s.method << " |";
    md << "\n|---|";
    for (size_t i = 0; i < r.summary.size(); ++i) md << "---|";
    md << "\n| " << r.data << " |";
    // The best method by mean, then a paired test of each other method against it.
    std::string best;
    double best_v = 0;
    for (const auto& s : r.summary) {
      const double v = meanStd(column(r, s.method, b.metric)).mean;
      if (std::isfinite(v) && (best.empty() || (b.higher_better ? v > best_v : v < best_v))) {
        best = s.method;
        best_v = v;
      }
    }
    for (const auto& s : r.summary) {
      const MeanStd m = meanStd(column(r, s.method, b.metric));
      bool bold = false;
      if (b.bold && !best.empty()) {
        if (s.method == best)
          bold = true;
        else {
          const double p = pairedTTest(column(r, s.method, b.metric), column(r, best, b.metric)).p;
          bold = std::isfinite(p) && p > 0.01;
        }
      }
      const std::string cell = fmt(m.mean) + " (" + fmt(m.std) + ")";
      md << " " << (bold ? "**" + cell + "**" : cell) << " |";
    }
    md << "\n\n";
  }
  if (!r.tests.empty()) {
    md << "| paired t-test | a - b | mean diff | t | p |\n|---|---|---|---|---|\n";
    for (const auto& t : r.tests) {
      char p[32];
      std::snprintf(p, sizeof p, "%.2g", t.p);
      md << "| " << t.metric << " | " << t.a << " - " << t.b << " | " << fmt(t.mean_diff) << " | "
         << fmt(t.t) << " | " << p << " |\n";
    }
  }
  return md.str();
}

std::string runsCsv(const CompareReport& r) {
  std::ostringstream csv;
  csv.precision(10);
  csv << "data,split,seed,method,status,train_mse,test_mse,train_r2,test_r2,seconds\n";
  for (const auto& run : r.runs)
    csv << r.data << "," << run.split << "," << run.seed << "," << run.method << ","
        << toString(run.status.code) << "," << run.train_mse << "," << run.test_mse << ","
        << run.train_r2 << "," << run.test_r2 << "," << run.seconds << "\n";
  return csv.str();
}

std::string summaryCsv(const CompareReport& r) {
  std::ostringstream csv;
  csv.precision(10);
  csv << "data,method,metric,mean,std,n\n";
  for (const auto& s : r.summary) {
    const std::pair<const char*, const MeanStd*> rows[] = {{"train_mse", &s.train_mse},
                                                           {"test_mse", &s.test_mse},
                                                           {"train_r2", &s.train_r2},
                                                           {"test_r2", &s.test_r2},
                                                           {"seconds", &s.seconds}};
    for (const auto& [metric, m] : rows)
      csv << r.data << "," << s.method << "," << metric << "," << m->mean << "," << m->std << ","
          << m->n << "\n";
  }
  return csv.str();
}

nlohmann::json toJson(const CompareReport& r) {
  auto ms = [](const MeanStd& m) {
    return nlohmann::json{{"mean", finiteOrNull(m.mean)}, {"std", finiteOrNull(m.std)}, {"n", m.n}};
  };
  nlohmann::json j;
  j["data"] = r.data;
  j["splits"] = r.splits;
  j["summary"] = nlohmann::json::object();
  for (const auto& s : r.summary)
    j["summary"][s.method] = {{"train", {{"mse", ms(s.train_mse)}, {"r2", ms(s.train_r2)}}},
                              {"test", {{"mse", ms(s.test_mse)}, {"r2", ms(s.test_r2)}}},
                              {"seconds", ms(s.seconds)}};
  j["tests"] = nlohmann::json::array();
  for (const auto& t : r.tests)
    j["tests"].push_back({{"metric", t.metric},
                          {"a", t.a},
                          {"b", t.b},
                          {"mean_diff", finiteOrNull(t.mean_diff)},
                          {"t", finiteOrNull(t.t)},
                          {"p", finiteOrNull(t.p)},
                          {"n", t.n}});
  j["runs"] = nlohmann::json::array();
  for (const auto& run : r.runs)
    j["runs"].push_back(
        {{"split", run.split},
         {"seed", run.seed},
         {"method", run.method},
         {"status", toString(run.status.code)},
         {"train", {{"mse", finiteOrNull(run.train_mse)}, {"r2", finiteOrNull(run.train_r2)}}},
         {"test", {{"mse", finiteOrNull(run.test_mse)}, {"r2", finiteOrNull(run.test_r2)}}},
         {"seconds", finiteOrNull(run.seconds)}});
  return j;
}

}  // namespace lreg
