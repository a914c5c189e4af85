#include "fit_report.h"

#include <cstdio>
#include <iostream>

namespace lreg::cli {

std::string fmt(double v, const char* spec) {
  if (!std::isfinite(v)) return "n/a";
  char buf[64];
  std::snprintf(buf, sizeof buf, spec, v);
  return buf;
}

void throwOnNumericalFailure(const Dataset& d, const Status& status) {
  if (status.code == StatusCode::NumericalIssue || status.code == StatusCode::NoConvergence)
    throw NumericalError(d.name + ": " + status.message);
}

void printScores(const Dataset& d, const Metrics& train, const Metrics& test) {
  const auto oracle = oracleR2(d);
  std::cout << "\n  train     R^2 " << fmt(train.r2) << "   MAE " << fmt(train.mae, "%.6f")
            << "   MSE " << fmt(train.mse, "%.3g") << "\n";
  std::cout << "  test      R^2 " << fmt(test.r2) << "   MAE " << fmt(test.mae, "%.6f") << "   MSE "
            << fmt(test.mse, "%.3g");
  if (oracle)
    std::cout << "   (oracle R^2 " << fmt(*oracle) << ", noise ceiling "
              << fmt(d.noise_ceiling_r2.value_or(NAN), "%.4f") << ")";
}

}  // namespace lreg::cli
