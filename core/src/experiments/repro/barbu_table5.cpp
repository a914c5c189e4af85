// barbu-table5: Barbu (2023) section 3.3 and Table 5, ANMIN with parts of Algorithm 1 removed:
// the minimum over the iterations (keep-best) and the pseudo-inverse for a degenerate hidden-layer
// system (instead: stop the run, or draw A again). The paper ran it on bike-sharing, which the
// project does not ship: abalone (d = 7, the closest in kind) or --data stands in.
#include <cmath>
#include <string>

#include "barbu_paper.h"
#include "barbu_splits.h"
#include "experiment_list.h"
#include "lreg/common/timer.h"
#include "lreg/experiments/repro_output.h"
#include "lreg/train/compare.h"

namespace lreg::repro {

namespace {

struct Variant {
  int experiment;
  bool keep_best;
  AnminDegenerate degenerate;
};
// Table 5's rows: 1 stop at the first degenerate system and report the last model; 2 draw A
// again and keep the best; 3 the pseudo-inverse, last model; 4 Algorithm 1.
const Variant kVariants[] = {{1, false, AnminDegenerate::Stop},
                             {2, true, AnminDegenerate::Restart},
                             {3, false, AnminDegenerate::Pinv},
                             {4, true, AnminDegenerate::Pinv}};

// lambda = 1e-3 is the paper's; there ln|M + lambda I| >= n ln lambda > tau, so the tau test
// fails only where Cholesky does (docs/anmin.md). lambda = 0 lets a unit that fires on no row
// (or has b_j = 0) make M singular, where the three policies part.
const double kLambdas[] = {1e-3, 0.0};

std::string lambdaName(double l) { return l == 0 ? "0" : "1e-3"; }

struct Cell {
  std::vector<RunRow> runs;
};

}  // namespace

Experiment barbuTable5Experiment() {
  Experiment e;
  e.name = "barbu-table5";
  e.claim = "Keep-best and the pseudo-inverse fallback both lower ANMIN's final loss";
  e.paper = "Barbu 2023, section 3.3 and Table 5";
  e.run_columns = runColumns(kTableCheckpoints, false);
  e.run = [](const ReproOptions& o, RunLog& log, const ProgressFn& progress) {
    ReproReport r;
    r.title = "Barbu 2023, Table 5: ANMIN's ablation";
    const std::string name = o.data.empty() ? "abalone" : o.data.string();
    const BarbuSet set = loadBarbuSet(name);
    const int splits = o.splits > 0 ? o.splits : o.quick ? 3 : 100;
    const int total = splits * 2 * 4;
    const Stopwatch clock;
    const ProgressFn timed = [&](const Progress& p) {
      Progress q = p;
      q.seconds = clock.seconds();
      return report(progress, q);
    };
    // cells[block][variant], each with the runs of the complete splits
    std::vector<std::vector<Cell>> cells(2, std::vector<Cell>(4));
    int complete = 0, done = 0;
    bool cancelled = false;
    for (int s = 0; s < splits && !cancelled; ++s) {
      const std::uint64_t seed = o.seed + static_cast<std::uint64_t>(s);
      std::shared_ptr<const Dataset> split;
      std::vector<std::vector<RunRow>> rows(2);
      for (int b = 0; b < 2 && !cancelled; ++b)
        for (const Variant& v : kVariants) {
          const std::string label = set.label + " split " + std::to_string(s + 1) + " lambda " +
                                    lambdaName(kLambdas[b]) + " experiment " +
                                    std::to_string(v.experiment);
          const std::string key = splitKey(name, s + 1, seed, "anmin") +
                                  ";lambda=" + lambdaName(kLambdas[b]) +
                                  ";experiment=" + std::to_string(v.experiment);
          try {
            const auto values = log.get(key, [&] {
              if (!split)
                split = std::make_shared<Dataset>(splitDataset(set.x, set.y, 0.2, seed, name));
              TrainerConfig cfg = barbuConfig(barbuMethod("anmin"), seed, 64, o.threads);
              cfg.anmin.lambda = kLambdas[b];
              cfg.anmin.keep_best = v.keep_best;
              cfg.anmin.degenerate = v.degenerate;
              return toValues(trainOnSplit(split, "anmin", cfg, kTableCheckpoints, false, timed,
                                           done, total, label),
                              kTableCheckpoints, false);
            });
            rows[static_cast<size_t>(b)].push_back(fromValues(values, kTableCheckpoints, false));
          } catch (const RunCancelled&) {
            cancelled = true;
            break;
          }
          ++done;
          ++r.runs_done;
          if (!report(timed, {done, total, 0, label})) {
            cancelled = true;
            break;
          }
        }
      if (rows[0].size() < 4 || rows[1].size() < 4) break;  // an incomplete split is left out
      for (size_t b = 0; b < 2; ++b)
        for (size_t v = 0; v < 4; ++v) cells[b][v].runs.push_back(rows[b][v]);
      ++complete;
    }
    if (cancelled) r.status = Status::cancelled();

    const auto col = [&](int b, int v, double RunRow::*f) {
      std::vector<double> out;
      for (const auto& run : cells[static_cast<size_t>(b)][static_cast<size_t>(v)].runs)
        out.push_back(run.*f);
      return out;
    };
    ReproTable t{"ablation",
                 set.label + ", " + std::to_string(complete) +
                     " random 80/20 splits: mean ± sd; ** the best of its lambda block and those "
                     "not significantly worse (paired t-test, p > 0.01). The paper's columns are "
                     "bike-sharing's",
                 {"lambda", "Experiment", "min (keep-best)", "degenerate system", "MSE train",
                  "MSE test", "tau-test failures / run", "restarts / run", "iterations run",
                  "paper MSE train", "paper MSE test"},
                 {}};
    const char* policy[] = {"stop", "random A", "pinv", "pinv"};
    for (int b = 0; b < 2; ++b) {
      std::vector<std::vector<double>> tr, te;
      for (int v = 0; v < 4; ++v) {
        tr.push_back(col(b, v, &RunRow::train_mse));
        te.push_back(col(b, v, &RunRow::test_mse));
      }
      const BoldMarks btr = boldMarks(tr, false), bte = boldMarks(te, false);
      for (int v = 0; v < 4; ++v) {
        const auto& pv = paperTable5()[static_cast<size_t>(v)];
        const bool paper = b == 0;
        t.rows.push_back({lambdaName(kLambdas[b]),
                          std::to_string(kVariants[v].experiment) +
                              (kVariants[v].experiment == 4 ? " (Algorithm 1)" : ""),
                          kVariants[v].keep_best ? "+" : "-", policy[v],
                          cell(tr[static_cast<size_t>(v)], btr.bold[static_cast<size_t>(v)], 3),
                          cell(te[static_cast<size_t>(v)], bte.bold[static_cast<size_t>(v)], 3),
                          fmtNumber(mean(col(b, v, &RunRow::svd)), 2),
                          fmtNumber(mean(col(b, v, &RunRow::restarts)), 2),
                          fmtNumber(mean(col(b, v, &RunRow::steps)), 1),
                          paper ? paperCell(pv.train, 0) : "n/a",
                          paper ? paperCell(pv.test, 0) : "n/a"});
      }
    }
    r.tables.push_back(t);

    // Figure 9's right half: the best-so-far against the last iterate, Algorithm 1 at each lambda.
    ReproFigure f{
        "curves",    set.label + ": train MSE against iteration, mean over the splits (Figure 9)",
        "iteration", "train MSE",
        false,       true,
        {}};
    for (int b = 0; b < 2 && complete > 0; ++b)
      for (int v : {2, 3}) {
        ReproSeries ser;
        ser.name = "lambda " + lambdaName(kLambdas[b]) +
                   (v == 3 ? ", best so far (experiment 4)" : ", each iterate (experiment 3)");
        ser.bold = v == 3;
        const auto& runs = cells[static_cast<size_t>(b)][static_cast<size_t>(v)].runs;
        for (int i = 0; i <= kTableCheckpoints; ++i) {
          std::vector<double> y;
          for (const auto& run : runs) {
            double m = run.curve[static_cast<size_t>(i)];
            if (v == 3)
              for (int j = 0; j < i; ++j) m = std::min(m, run.curve[static_cast<size_t>(j)]);
            y.push_back(m);
          }
          ser.x.push_back(30.0 * i / kTableCheckpoints);
          ser.y.push_back(mean(y));
        }
        f.series.push_back(ser);
      }
    if (complete > 0) r.figures.push_back(f);

    if (complete >= 2) {
      const auto test = [&](int b, int better, int worse) {
        return pairedTTest(col(b, better, &RunRow::train_mse), col(b, worse, &RunRow::train_mse));
      };
      const PairedTest kb = test(0, 3, 2);
      r.claims.push_back(
          {"The minimum over the iterations lowers the final train MSE (experiment 4 vs 3)",
           "1457 vs 2199 (bike-sharing)",
           fmtNumber(mean(col(0, 3, &RunRow::train_mse)), 3) + " vs " +
               fmtNumber(mean(col(0, 2, &RunRow::train_mse)), 3) + " (p " + fmtP(kb.p) + ")",
           kb.mean_diff < 0 && kb.p < 0.01 ? Verdict::Reproduced
           : kb.mean_diff <= 0             ? Verdict::Differs
                                           : Verdict::NotReproduced,
           kb.mean_diff < 0 && kb.p < 0.01 ? "significantly lower with keep-best"
           : kb.mean_diff <= 0 ? "lower or equal, not significantly: the last iterate is mostly "
                                 "the best on this set"
                               : "higher with keep-best"});
      const double fails = mean(col(0, 3, &RunRow::svd));
      const double n = static_cast<double>((set.x.cols() + 1) * 64);
      const PairedTest pi = test(0, 3, 1), pi0 = test(1, 3, 1);
      const bool fires = fails > 0;
      const PairedTest& used = fires ? pi : pi0;
      r.claims.push_back(
          {"The pseudo-inverse beats a random restart on degenerate systems (experiment 4 vs 2)",
           "1457 vs 1826 (bike-sharing)",
           "lambda 1e-3: " + fmtNumber(mean(col(0, 3, &RunRow::train_mse)), 3) + " vs " +
               fmtNumber(mean(col(0, 1, &RunRow::train_mse)), 3) + ", " + fmtNumber(fails, 2) +
               " tau-test failures per run; lambda 0: " +
               fmtNumber(mean(col(1, 3, &RunRow::train_mse)), 3) + " vs " +
               fmtNumber(mean(col(1, 1, &RunRow::train_mse)), 3) + " (p " + fmtP(pi0.p) + "), " +
               fmtNumber(mean(col(1, 3, &RunRow::svd)), 2) + " failures per run",
           !fires && !(mean(col(1, 3, &RunRow::svd)) > 0) ? Verdict::Differs
           : used.mean_diff < 0 && used.p < 0.01          ? Verdict::Reproduced
           : used.mean_diff <= 0                          ? Verdict::Differs
                                                          : Verdict::NotReproduced,
           fires ? "the test fails at the paper's lambda; judged there"
                 : "at lambda = 1e-3 the test cannot fail while Cholesky succeeds (ln|M + lambda "
                   "I| >= n ln lambda = " +
                       fmtNumber(n * std::log(1e-3), 0) +
                       " > tau = -10000), so experiments 2 and 4 coincide; judged at lambda = 0"});
    }
    r.notes.push_back(set.label + ": " + std::to_string(complete) + " of " +
                      std::to_string(splits) +
                      " random 80/20 splits run (the paper: 100, on bike-sharing, which the "
                      "project does not ship)");
    r.notes.push_back(
        "Split s uses seed + s - 1 for the split and the initialisation, as Table 3's runs: "
        "experiment 4 at lambda 1e-3 is Table 3's ANMIN column on the same splits.");
    r.notes.push_back(
        "Experiment 1 stops at the first failed tau test (ln|M + lambda I| <= -10000 or Cholesky "
        "failing) with the model it has; experiment 2 then draws A at random (seed mixed with the "
        "iteration) and refits B; experiments 3 and 4 use the clamped pseudo-inverse "
        "(--degenerate stop|restart|pinv, --no-keep-best of `lreg anmin`).");
    return r;
  };
  return e;
}

}  // namespace lreg::repro
