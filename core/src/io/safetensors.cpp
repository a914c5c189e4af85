#include "lreg/io/safetensors.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "lreg/common/status.h"

namespace lreg {

namespace {

// A header this large is corrupt (the format's own reference caps it at 100 MB).
constexpr std::uint64_t kMaxHeader = 100'000'000;

DType dtypeOf(const std::string& s, const std::string& what) {
  if (s == "F32") return DType::F32;
  if (s == "F64") return DType::F64;
  if (s == "I64") return DType::I64;
  throw InputError(what + ": field 'dtype' is \"" + s + "\" (supported: F32, F64, I64)");
}

const char* nameOf(DType d) { return d == DType::F32 ? "F32" : d == DType::F64 ? "F64" : "I64"; }

}  // namespace

Safetensors parseSafetensors(std::string_view b, const std::string& what) {
  if (b.size() < 8)
    throw InputError(what + ": not a safetensors file (shorter than its 8-byte header length)");
  std::uint64_t n = 0;
  for (int k = 7; k >= 0; --k) n = (n << 8) | static_cast<unsigned char>(b[static_cast<size_t>(k)]);
  if (n > kMaxHeader || n > b.size() - 8)
    throw InputError(what + ": header length " + std::to_string(n) + " runs past the file (" +
                     std::to_string(b.size()) + " bytes)");
  nlohmann::json h;
  try {
    h = nlohmann::json::parse(b.substr(8, static_cast<size_t>(n)));
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(what + ": header is not valid JSON (byte " + std::to_string(e.byte) + ")");
  } catch (const nlohmann::json::exception& e) {  // e.g. a number beyond the range of a double
    throw InputError(what + ": header is not valid JSON (" + e.what() + ")");
  }
  if (!h.is_object()) throw InputError(what + ": header is not a JSON object");
  const std::string_view buffer = b.substr(8 + static_cast<size_t>(n));
  Safetensors out;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> spans;
  for (const auto& [name, v] : h.items()) {
    const std::string tw = what + ": tensor '" + name + "'";
    if (name == "__metadata__") {
      if (!v.is_object()) throw InputError(what + ": '__metadata__' must be an object of strings");
      for (const auto& [k, s] : v.items()) {
        if (!s.is_string())
          throw InputError(what + ": '__metadata__' value of '" + k + "' is not a string");
        out.metadata[k] = s.get<std::string>();
      }
      continue;
    }
    if (!v.is_object()) throw InputError(tw + " is not an object");
    for (const auto& [k, ignored] : v.items())
      if (k != "dtype" && k != "shape" && k != "data_offsets")
        throw InputError(tw + ": unknown field '" + k + "' (expected dtype, shape, data_offsets)");
    if (!v.contains("dtype") || !v["dtype"].is_string())
      throw InputError(tw + ": field 'dtype' missing or not a string");
    if (!v.contains("shape") || !v["shape"].is_array())
      throw InputError(tw + ": field 'shape' missing or not an array");
    if (!v.contains("data_offsets") || !v["data_offsets"].is_array() ||
        v["data_offsets"].size() != 2)
      throw InputError(tw + ": field 'data_offsets' must be [begin, end]");
    Tensor t;
    t.dtype = dtypeOf(v["dtype"].get<std::string>(), tw);
    for (const auto& d : v["shape"]) {
      if (!d.is_number_unsigned())
        throw InputError(tw + ": field 'shape' holds a non-integer or negative entry");
      t.shape.push_back(static_cast<std::int64_t>(
          std::min<std::uint64_t>(d.get<std::uint64_t>(), std::uint64_t{1} << 62)));
    }
    const auto& off = v["data_offsets"];
    if (!off[0].is_number_unsigned() || !off[1].is_number_unsigned())
      throw InputError(tw + ": field 'data_offsets' must hold non-negative integers");
    const std::uint64_t begin = off[0].get<std::uint64_t>(), end = off[1].get<std::uint64_t>();
    if (begin > end || end > buffer.size())
      throw InputError(tw + ": field 'data_offsets' [" + std::to_string(begin) + ", " +
                       std::to_string(end) + "] is outside the " + std::to_string(buffer.size()) +
                       "-byte buffer");
    const std::int64_t count = checkedElements(t.shape, tw);
    t.values = decodeLittleEndian(buffer.substr(begin, end - begin), t.dtype, count, tw);
    spans.emplace_back(begin, end);
    out.tensors.emplace(name, std::move(t));
  }
  // The tensors must tile the buffer: sorted spans start where the previous one ended.
  std::sort(spans.begin(), spans.end());
  std::uint64_t at = 0;
  for (const auto& [begin, end] : spans) {
    if (begin != at)
      throw InputError(what + ": data_offsets " + (begin < at ? "overlap" : "leave a gap") +
                       " at byte " + std::to_string(std::min(begin, at)) + " of the buffer");
    at = end;
  }
  if (at != buffer.size())
    throw InputError(what + ": " + std::to_string(buffer.size() - at) +
                     " bytes after the last tensor are not covered");
  return out;
}

std::string formatSafetensors(const TensorMap& tensors,
                              const std::map<std::string, std::string>& metadata) {
  nlohmann::json h = nlohmann::json::object();
  std::string buffer;
  for (const auto& [name, t] : tensors) {
    if (name == "__metadata__")
      throw InputError("safetensors: '__metadata__' cannot name a tensor");
    const std::string bytes = encodeLittleEndian(t, "tensor '" + name + "'");
    h[name] = {{"dtype", nameOf(t.dtype)},
               {"shape", t.shape},
               {"data_offsets", {buffer.size(), buffer.size() + bytes.size()}}};
    buffer += bytes;
  }
  if (!metadata.empty()) h["__metadata__"] = metadata;
  std::string header = h.dump();
  header.append((8 - header.size() % 8) % 8, ' ');  // keeps the buffer 8-byte aligned
  std::string out;
  for (int k = 0; k < 8; ++k) out.push_back(static_cast<char>((header.size() >> (8 * k)) & 0xff));
  return out + header + buffer;
}

Safetensors readSafetensors(const std::string& path) {
  return parseSafetensors(readFileBytes(path), path);
}

void writeSafetensors(const std::string& path, const TensorMap& tensors,
                      const std::map<std::string, std::string>& metadata) {
  writeFileAtomically(path, formatSafetensors(tensors, metadata));
}

}  // namespace lreg
