// libFuzzer target for the model JSON readers. Any bytes that parse as JSON go to every reader;
// a model must either be rejected with lreg::Error or be usable: it predicts without a crash and
// writing it out and reading that back gives the same JSON (model.h: "reads it back exactly").
#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <tuple>

#include "lreg/common/status.h"
#include "lreg/models/lagrange_regressor_1d.h"
#include "lreg/models/model.h"
#include "lreg/models/two_layer_relu.h"

namespace {

using nlohmann::json;

// The readers under test. Once lreg::modelFromJson (model.h) is implemented, this becomes one line:
//   const auto kReaders = std::make_tuple([](const json& j) { return lreg::modelFromJson(j); });
const auto kReaders =
    std::make_tuple([](const json& j) { return lreg::LagrangeRegressor1D::fromJson(j); },
                    [](const json& j) { return lreg::TwoLayerRelu::fromJson(j); });

// The same checks for a model held by value (today's readers) or by pointer (modelFromJson).
template <class M>
const auto& deref(const M& m) {
  if constexpr (requires { *m; })
    return *m;
  else
    return m;
}

template <class M>
int inputsOf(const M& m) {
  if constexpr (requires { m.inputs(); })
    return m.inputs();
  else
    return 1;  // LagrangeRegressor1D
}

void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz_model_json: a model the reader accepted %s\n", what);
  std::abort();
}

template <class Reader>
void readOne(const Reader& read, const json& j) {
  try {
    const auto held = read(j);
    const auto& m = deref(held);
    // Inside, at and beyond any plausible domain: predict may throw lreg::Error, never crash.
    Eigen::MatrixXd x(3, inputsOf(m));
    x.row(0).setZero();
    x.row(1).setConstant(-1e300);
    x.row(2).setConstant(1e300);
    const Eigen::MatrixXd y = m.predict(x);
    require(y.rows() == x.rows(), "predicts the wrong number of rows");
    const json written = m.toJson();
    require(deref(read(written)).toJson() == written, "does not read its own JSON back exactly");
  } catch (const lreg::Error&) {
    // Rejected with a message: the expected outcome for bad input.
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const json j = json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return 0;  // not JSON: the JSON library's concern, not the readers'
  std::apply([&](const auto&... read) { (readOne(read, j), ...); }, kReaders);
  return 0;
}
