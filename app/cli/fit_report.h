#pragma once
// The parts of the `lreg fit` report that the 1D and the 2D fit share: number formatting, the
// equal-DoF baseline's scores, the summary's score lines and the common JSON contract fields.
#include <cmath>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "lreg/common/history.h"
#include "lreg/common/json.h"
#include "lreg/common/metrics.h"
#include "lreg/common/status.h"
#include "lreg/data/dataset.h"

namespace lreg::cli {

// printf-formats v; "n/a" when it is not finite.
std::string fmt(double v, const char* spec = "%.5f");

// Throws NumericalError (exit 4) when the run ended in a numerical failure.
void throwOnNumericalFailure(const Dataset& d, const Status& status);

// Train and test scores of a baseline model (the test scores are NaN without a test set).
template <typename Model>
std::pair<Metrics, Metrics> baselineScores(const Model& base, const Dataset& d) {
  return {evaluate(base.predict(d.x_train), d.y_train),
          d.hasTest() ? evaluate(base.predict(d.x_test), d.y_test) : Metrics{NAN, NAN, NAN, {}}};
}

// Whether history point i of n is a row of the summary table: the first steps, then every fifth,
// and the last; enough to see the loop converge.
inline bool summaryRow(std::size_t i, std::size_t n) { return i <= 5 || i % 5 == 0 || i + 1 == n; }

// The summary's train and test score lines (the test line with the oracle and the noise ceiling
// of a generated set), the last one left open.
void printScores(const Dataset& d, const Metrics& train, const Metrics& test);

// The fields of the JSON report that both dimensions write, from their MRC options and report.
template <typename Options, typename Report>
nlohmann::json fitJson(const Dataset& d, int dim, const Options& o, const Report& r) {
  nlohmann::json j;
  j["command"] = "fit";
  j["data"] = d.name;
  j["dim"] = dim;
  j["n_train"] = d.x_train.rows();
  j["n_test"] = d.x_test.rows();
  j["train"] = toJson(r.train);
  j["test"] = toJson(r.test);
  j["noise_ceiling_r2"] = finiteOrNull(d.noise_ceiling_r2);
  j["oracle_r2"] = finiteOrNull(oracleR2(d));
  j["init"] = toString(o.init);
  j["indicator"] = toString(o.indicator);
  j["refit"] = toString(o.refit);
  j["topk"] = o.topk;
  j["epochs"] = o.epochs;
  j["seed"] = o.seed;
  j["seconds"] = finiteOrNull(r.history.last().seconds);
  j["status"] = toString(r.status.code);
  j["history"] = toJson(r.history);
  return j;
}

}  // namespace lreg::cli
