// `lreg repro table1`: Table 1 of the LReg paper (A1, B1, A2, B2), train and test R^2 over seeds
// for the LReg (MRC), the equal-DoF fixed mesh, OLS, k-NN with tuned k, the MLP and ANMIN, beside
// the paper's printed values, the noise ceiling and the oracle.
#include "table1.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <memory>

#include "experiment_list.h"
#include "lreg/common/timer.h"
#include "lreg/data/generators.h"
#include "lreg/experiments/repro_output.h"
#include "lreg/experiments/repro_run_log.h"
#include "lreg/train/compare.h"
#include "repro_fits.h"
#include "repro_stats.h"

namespace lreg::repro {

namespace {

constexpr int kDefaultRuns = 10;

// The paper's method names for ours, where Table 1 has a row for it.
const char* paperRowFor(const std::string& method) {
  if (method == "mrc") return "LReg";
  if (method == "ols") return "OLS Linear";
  return nullptr;
}

const PaperTable1Row* paperRow(const std::string& name) {
  for (const auto& r : paperTable1())
    if (r.method == name) return &r;
  return nullptr;
}

int setIndex(const std::string& set) {
  for (int i = 0; i < 4; ++i)
    if (set == kTable1Sets[i]) return i;
  return -1;
}

std::string upperName(const std::string& set) {
  return std::string(1, char(std::toupper(set[0]))) + set.substr(1);
}

struct Cell {
  std::vector<double> train_r2, test_r2, test_mae, seconds;
};

ReproReport runTable1(const ReproOptions& o, RunLog& log, const ProgressFn& progress) {
  ReproReport r;
  r.title = "Table 1: R^2 of the LReg and its peers on A1, B1, A2, B2 (LReg paper, section 3.2)";
  const int runs = o.runs > 0 ? o.runs : (o.quick ? 2 : kDefaultRuns);
  const auto& methods = fitMethods();
  const int total = 4 * runs * static_cast<int>(methods.size());
  const Stopwatch clock;
  std::map<std::pair<std::string, std::string>, Cell> cells;
  std::map<std::string, std::vector<double>> ceiling, oracle;
  bool cancelled = false;
  for (const char* set : kTable1Sets) {
    const Table1Sizes sz = table1Sizes(set, o.quick);
    for (int s = 0; s < runs && !cancelled; ++s) {
      const std::uint64_t seed = o.seed + s;
      GenOptions g;
      g.seed = seed;
      g.n_train = sz.n_train;
      g.n_test = sz.n_test;
      auto data = std::make_shared<const Dataset>(generate(set, g));
      ceiling[set].push_back(data->noise_ceiling_r2.value_or(NAN));
      oracle[set].push_back(oracleR2(*data).value_or(NAN));
      for (const auto& m : methods) {
        FitSettings fs;
        fs.seed = seed;
        fs.threads = o.threads;
        fs.mlp_epochs = sz.mlp_epochs;
        const std::string key = std::string("set=") + set +
                                ";n=" + std::to_string(data->x_train.rows()) + ";method=" + m +
                                (m == "mlp" ? ";epochs=" + std::to_string(sz.mlp_epochs) : "") +
                                ";seed=" + std::to_string(seed);
        const auto v = log.get(key, [&] {
          const FitResult f = fitMethod(m, data, fs);
          return std::vector<double>{f.train.r2, f.test.r2, f.test.mae, f.seconds};
        });
        Cell& c = cells[{set, m}];
        c.train_r2.push_back(v[0]);
        c.test_r2.push_back(v[1]);
        c.test_mae.push_back(v[2]);
        c.seconds.push_back(v[3]);
        if (!runFinished(r, progress, total, clock.seconds(),
                         std::string(set) + " " + m + " seed " + std::to_string(seed))) {
          cancelled = true;
          break;
        }
      }
    }
  }

  ReproTable t{"r2",
               "R^2 over seeds (mean ± sd), ours beside the paper's printed values",
               {"set", "method", "runs", "train R^2", "test R^2", "paper train", "paper test",
                "noise ceiling", "oracle", "test MAE", "seconds"},
               {}};
  std::map<std::string, std::pair<std::string, double>> best_peer;  // set -> (method, test R^2)
  for (const char* set : kTable1Sets) {
    const int k = setIndex(set);
    for (const auto& m : methods) {
      const auto it = cells.find({set, m});
      if (it == cells.end()) continue;
      const Cell& c = it->second;
      const MeanSd tr = meanSd(c.train_r2), te = meanSd(c.test_r2);
      if (m != "mrc" && (!best_peer.count(set) || te.mean > best_peer[set].second))
        best_peer[set] = {m, te.mean};
      const PaperTable1Row* p = paperRowFor(m) ? paperRow(paperRowFor(m)) : nullptr;
      t.rows.push_back({upperName(set), fitMethodLabel(m), std::to_string(te.n),
                        fmtMeanSd(tr.mean, tr.sd), fmtMeanSd(te.mean, te.sd),
                        p ? fmtNumber(p->train[k], 3) : "-", p ? fmtNumber(p->test[k], 3) : "-",
                        fmtNumber(meanSd(ceiling[set]).mean), fmtNumber(meanSd(oracle[set]).mean),
                        fmtNumber(meanSd(c.test_mae).mean), fmtNumber(meanSd(c.seconds).mean, 3)});
    }
  }
  r.tables.push_back(t);

  // The paper's table as printed, each value beside the ceiling of its set.
  ReproTable pt{"paper",
                "The paper's Table 1 as printed (train / test R^2); * above the noise "
                "ceiling",
                {"method", "A1", "B1", "A2", "B2"},
                {}};
  std::vector<std::string> above;
  for (const auto& row : paperTable1()) {
    std::vector<std::string> cells_out{row.method};
    for (int k = 0; k < 4; ++k) {
      const double c = meanSd(ceiling[kTable1Sets[k]]).mean;
      auto mark = [&](double v, const char* part) {
        const bool over = std::isfinite(c) && v > c + 5e-4;
        if (over)
          above.push_back(row.method + " " + part + " " + fmtNumber(v, 3) + " on " +
                          upperName(kTable1Sets[k]) + " (ceiling " + fmtNumber(c) + ")");
        return fmtNumber(v, 3) + (over ? "*" : "");
      };
      cells_out.push_back(mark(row.train[k], "train") + " / " + mark(row.test[k], "test"));
    }
    pt.rows.push_back(cells_out);
  }
  std::vector<std::string> ceil_row{"noise ceiling (ours)"};
  for (const char* set : kTable1Sets) ceil_row.push_back(fmtNumber(meanSd(ceiling[set]).mean));
  pt.rows.push_back(ceil_row);
  r.tables.push_back(pt);

  // Claims: the LReg's test R^2 per set, the LReg against its best peer, the train-test gap.
  std::string lost, ties, gaps;
  double worst_gap = 0;
  for (const char* set : kTable1Sets) {
    const auto it = cells.find({set, "mrc"});
    if (it == cells.end()) continue;
    const int k = setIndex(set);
    const MeanSd te = meanSd(it->second.test_r2), tr = meanSd(it->second.train_r2);
    const double paper = paperRow("LReg")->test[k], c = meanSd(ceiling[set]).mean;
    ReproClaim cl;
    cl.claim = "LReg test R^2 on " + upperName(set);
    cl.paper = fmtNumber(paper, 3);
    cl.ours = fmtMeanSd(te.mean, te.sd) + " (" + std::to_string(te.n) + " seeds; ceiling " +
              fmtNumber(c) + ")";
    const double tol = std::max(0.005, 2 * te.sd);
    if (std::isfinite(c) && paper > c + 5e-4) {
      cl.verdict = Verdict::Differs;
      cl.reason = "the paper's " + fmtNumber(paper, 3) + " exceeds the noise ceiling " +
                  fmtNumber(c) +
                  " of the data as stated: no model reaches it in expectation; "
                  "ours is " +
                  fmtNumber(c - te.mean) + " below the ceiling";
    } else if (std::fabs(te.mean - paper) <= tol) {
      cl.verdict = Verdict::Reproduced;
      cl.reason = "ours is within " + fmtNumber(tol, 3) + " (2 sd, >= 0.005) of the paper's";
    } else if (te.mean > paper) {
      cl.verdict = Verdict::Differs;
      cl.reason = "ours is " + fmtNumber(te.mean - paper) + " above the paper's (and " +
                  fmtNumber(c - te.mean) +
                  " below the ceiling): the paper's runs did not reach "
                  "what the data as stated allow, or its data differ (see the OLS row)";
    } else {
      cl.verdict = Verdict::NotReproduced;
      cl.reason = "ours is " + fmtNumber(paper - te.mean) + " below the paper's (tolerance " +
                  fmtNumber(tol, 3) + ")";
    }
    r.claims.push_back(cl);
    // Beaten: the best peer's mean is higher and, paired by seed, significantly so (p < 0.01;
    // with fewer than 3 seeds, higher by more than 0.001).
    const auto& bp = best_peer[set];
    const auto peer = cells.find({set, bp.first});
    if (bp.second > te.mean && peer != cells.end()) {
      const PairedTest pt = pairedTTest(peer->second.test_r2, it->second.test_r2);
      const bool beaten = pt.n >= 3 ? pt.p < 0.01 : bp.second > te.mean + 1e-3;
      if (beaten)
        lost += (lost.empty() ? "" : "; ") + upperName(set) + ": " + fitMethodLabel(bp.first) +
                " " + fmtNumber(bp.second) + " > " + fmtNumber(te.mean) + " (paired p " +
                fmtNumber(pt.p, 3) + ")";
      else if (pt.n >= 3)
        ties += (ties.empty() ? "" : "; ") + upperName(set) + " " + fitMethodLabel(bp.first) +
                " +" + fmtNumber(bp.second - te.mean) + ", paired p " + fmtNumber(pt.p, 3);
    }
    const double gap = tr.mean - te.mean;
    worst_gap = std::max(worst_gap, std::fabs(gap));
    gaps += (gaps.empty() ? "" : ", ") + upperName(set) + " " + fmtNumber(gap, 4);
  }
  if (!best_peer.empty()) {
    std::string peers;
    for (const char* set : kTable1Sets)
      if (best_peer.count(set))
        peers += (peers.empty() ? "" : ", ") + upperName(set) + " " +
                 fitMethodLabel(best_peer[set].first) + " " + fmtNumber(best_peer[set].second);
    r.claims.push_back({"the LReg scores the highest test R^2 of all regressors on every set",
                        "LReg highest or tied on A1, B1, A2, B2", "best peer per set: " + peers,
                        lost.empty() ? Verdict::Reproduced : Verdict::NotReproduced,
                        lost.empty()
                            ? "no peer's mean test R^2 is significantly higher "
                              "(paired t-test over the seeds, p < 0.01)" +
                                  (ties.empty() ? "" : "; higher, not significantly: " + ties)
                            : "significantly beaten (paired t-test, p < 0.01): " + lost});
    r.claims.push_back(
        {"a minimal gap between the LReg's train and test R^2", "gaps <= 0.008",
         "train - test: " + gaps, worst_gap <= 0.01 ? Verdict::Reproduced : Verdict::NotReproduced,
         worst_gap <= 0.01 ? "every mean gap is within 0.01" : "a mean gap exceeds 0.01"});
  }

  // OLS is fixed by the data: where ours and the printed row differ, the data differ.
  std::string ols, ols_off;
  for (const char* set : kTable1Sets) {
    const auto it = cells.find({set, "ols"});
    if (it == cells.end()) continue;
    const double ours = meanSd(it->second.test_r2).mean,
                 paper = paperRow("OLS Linear")->test[setIndex(set)];
    ols += (ols.empty() ? "" : ", ") + upperName(set) + " " + fmtNumber(ours, 3);
    if (std::fabs(ours - paper) > 0.05)
      ols_off +=
          (ols_off.empty() ? "" : ", ") + upperName(set) + " (paper " + fmtNumber(paper, 3) + ")";
  }
  if (!ols.empty())
    r.claims.push_back(
        {"OLS test R^2 as printed (a check that the data match the stated formulas)",
         "A1 0.042, B1 0.951, A2 0.092, B2 0.984", "ours: " + ols,
         ols_off.empty() ? Verdict::Reproduced : Verdict::Differs,
         ols_off.empty()
             ? "within 0.05 on every set"
             : "more than 0.05 off on " + ols_off +
                   ": a linear fit is determined by the data, so the paper's sets differ from the "
                   "formulas it states (on A1, x ~ U(-pi, pi) and y ~ N(sin x, 0.2 cos^2 x) give "
                   "a line a population R^2 of 0.59, 6 / pi^2 = 0.608 without the noise)"});

  if (!above.empty()) {
    std::string s;
    for (const auto& a : above) s += (s.empty() ? "" : "; ") + a;
    r.notes.push_back(
        "Printed values above the noise ceiling (1 - E[noise var] / Var(y) of the "
        "data as the paper states it; no model reaches it in expectation): " +
        s + ".");
  }
  std::string sizes;
  for (const char* set : kTable1Sets) {
    const Table1Sizes sz = table1Sizes(set, o.quick);
    const GeneratorInfo& gi = generatorInfo(set);
    sizes += (sizes.empty() ? "" : ", ") + upperName(set) + " " +
             std::to_string(sz.n_train > 0 ? sz.n_train : gi.default_train) + " / " +
             std::to_string(sz.n_test > 0 ? sz.n_test : gi.default_test) + " (MLP " +
             std::to_string(sz.mlp_epochs) + " epochs)";
  }
  r.notes.push_back(std::to_string(runs) + " seeds (" + std::to_string(o.seed) + ".." +
                    std::to_string(o.seed + runs - 1) +
                    "; the issue asks for 10), train / test "
                    "sizes " +
                    sizes + ".");
  r.notes.push_back(
      "LReg: the MRC loop with lreg fit's defaults (64 nodes in 1D, 64 vertices in 2D, 30 steps, "
      "least-squares refits); fixed mesh: least squares on 64 quantile knots / a 64-vertex "
      "quantile grid; k-NN: k by 5-fold CV on the training rows; MLP: 2 hidden layers of 64 ReLU, "
      "Adam lr 0.01, batch 64 (fewer epochs on the large sets, to bound the time); ANMIN: 64 "
      "hidden ReLU, 30 iterations. B1 and B2 follow the paper's formula literally (1/x ~ U(a, "
      "b): a smooth target, which is why OLS scores 0.95 there in the paper too).");
  r.notes.push_back(
      "The paper's other rows (Theil-Sen, RANSAC, Huber, Ridge, SGD, KRR, SVR, "
      "Voting) are in the printed table; k-NN, the MLP and ANMIN are this project's "
      "peers.");
  return r;
}

}  // namespace

const std::vector<PaperTable1Row>& paperTable1() {
  static const std::vector<PaperTable1Row> rows{
      {"OLS Linear", {0.037, 0.963, 0.085, 0.984}, {0.042, 0.951, 0.092, 0.984}},
      {"Theil-Sen", {-44.7, 0.958, -0.41, 0.982}, {-54.4, 0.946, -3.81, 0.982}},
      {"RANSAC", {-1.21, 0.963, -27.0, 0.983}, {-1.43, 0.951, -27.1, 0.983}},
      {"Huber", {0.036, 0.962, 0.085, 0.984}, {0.041, 0.949, 0.092, 0.984}},
      {"Ridge", {0.031, 0.963, 0.055, 0.984}, {0.038, 0.951, 0.061, 0.984}},
      {"RidgeCV", {0.037, 0.963, 0.085, 0.984}, {0.042, 0.951, 0.092, 0.984}},
      {"SGD", {0.009, 0.962, 0.005, 0.983}, {0.01, 0.95, 0.004, 0.983}},
      {"KRR", {0.0036, 0.97, 0.056, 0.993}, {0.04, 0.962, 0.051, 0.992}},
      {"SVR", {0.11, 0.97, 0.29, 0.992}, {0.101, 0.962, 0.308, 0.992}},
      {"Voting", {0.852, 0.942, 0.869, 0.951}, {0.852, 0.917, 0.868, 0.946}},
      {"LReg", {1.0, 0.971, 0.999, 0.992}, {1.0, 0.963, 0.999, 0.992}},
  };
  return rows;
}

Table1Sizes table1Sizes(const std::string& set, bool quick) {
  Table1Sizes s;
  const bool big = set == "a2" || set == "b2";
  if (quick && big) {
    s.n_train = set == "a2" ? 2000 : 5000;
    s.n_test = s.n_train / 5;
  }
  const int n = s.n_train > 0 ? s.n_train : generatorInfo(set).default_train;
  // The MLP's cost grows with epochs x samples: cap it at 300,000 sample passes (300 epochs of
  // the 1D sets), 20 epochs at least.
  s.mlp_epochs = std::max(20, std::min(300, 300000 / n));
  if (quick) s.mlp_epochs = std::min(s.mlp_epochs, 60);
  return s;
}

Experiment table1Experiment() {
  Experiment e;
  e.name = "table1";
  e.claim = "the LReg scores the highest R^2 on A1, B1, A2, B2 (Table 1)";
  e.paper = "LReg, section 3.2 and Table 1";
  e.run_columns = {"train_r2", "test_r2", "test_mae", "seconds"};
  e.run = runTable1;
  return e;
}

}  // namespace lreg::repro
