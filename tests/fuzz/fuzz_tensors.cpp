// libFuzzer target for the tensor readers (.npy, .npz, .safetensors), all parsed from memory. The
// first byte picks the reader. A file must be rejected with lreg::Error or give tensors whose
// values match their shapes, and writing them out and parsing that again gives the same tensors.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "lreg/common/status.h"
#include "lreg/io/npy.h"
#include "lreg/io/safetensors.h"

namespace {

void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz_tensors: %s\n", what);
  std::abort();
}

void checkTensor(const lreg::Tensor& t) {
  require(static_cast<std::int64_t>(t.values.size()) == lreg::checkedElements(t.shape, "t"),
          "a tensor's values do not match its shape");
}

bool same(const lreg::TensorMap& a, const lreg::TensorMap& b) {
  if (a.size() != b.size()) return false;
  for (const auto& [name, t] : a) {
    const auto it = b.find(name);
    if (it == b.end() || it->second.shape != t.shape || it->second.dtype != t.dtype) return false;
    for (size_t i = 0; i < t.values.size(); ++i)  // NaN payloads aside, values round-trip bitwise
      if (!(t.values[i] == it->second.values[i]) &&
          !(t.values[i] != t.values[i] && it->second.values[i] != it->second.values[i]))
        return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    switch (data[0] % 3) {
      case 0: {
        const lreg::Tensor t = lreg::parseNpy(bytes, "fuzz.npy");
        checkTensor(t);
        require(same({{"t", lreg::parseNpy(lreg::formatNpy(t), "again.npy")}}, {{"t", t}}),
                ".npy does not read its own output back");
        break;
      }
      case 1: {
        const lreg::TensorMap m = lreg::parseNpz(bytes, "fuzz.npz");
        for (const auto& [name, t] : m) checkTensor(t);
        require(same(lreg::parseNpz(lreg::formatNpz(m), "again.npz"), m),
                ".npz does not read its own output back");
        break;
      }
      default: {
        const lreg::Safetensors s = lreg::parseSafetensors(bytes, "fuzz.safetensors");
        for (const auto& [name, t] : s.tensors) checkTensor(t);
        require(same(lreg::parseSafetensors(lreg::formatSafetensors(s.tensors, s.metadata),
                                            "again.safetensors")
                         .tensors,
                     s.tensors),
                ".safetensors does not read its own output back");
      }
    }
  } catch (const lreg::Error&) {
    // Rejected with a message: the expected outcome for bad input.
  }
  return 0;
}
