// libFuzzer target for the model JSON reader. Any bytes that parse as JSON go to modelFromJson,
// which dispatches on "kind" to every kind the build registers (lreg-1d, lreg-2d, two-layer-relu,
// mlp, lreg-connection). A model must either be rejected with lreg::Error or be usable: it
// predicts without a crash, and writing it out and reading that back gives the same JSON
// (model.h: "reads it back exactly").
#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "lreg/common/status.h"
#include "lreg/models/model.h"

namespace {

using nlohmann::json;

void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz_model_json: a model the reader accepted %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const json j = json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return 0;  // not JSON: the JSON library's concern, not the reader's
  try {
    const auto m = lreg::modelFromJson(j);
    // Inside, at and beyond any plausible domain: predict may throw lreg::Error, never crash.
    Eigen::MatrixXd x(3, m->inputs());
    x.row(0).setZero();
    x.row(1).setConstant(-1e300);
    x.row(2).setConstant(1e300);
    const Eigen::MatrixXd y = m->predict(x);
    require(y.rows() == x.rows(), "predicts the wrong number of rows");
    const json written = m->toJson();
    require(lreg::modelFromJson(written)->toJson() == written,
            "does not read its own JSON back exactly");
  } catch (const lreg::Error&) {
    // Rejected with a message: the expected outcome for bad input.
  }
  return 0;
}
