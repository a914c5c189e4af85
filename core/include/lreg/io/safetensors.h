#pragma once
// The safetensors format: an 8-byte little-endian header length N, N bytes of JSON
// {"name": {"dtype": "F32"|"F64"|"I64", "shape": [...], "data_offsets": [begin, end]}, ...,
//  "__metadata__": {"key": "string", ...}}, then the byte buffer. Offsets are relative to the
// buffer; together the tensors must cover it exactly, without overlap or gaps.
#include <map>
#include <string>
#include <string_view>

#include "lreg/io/tensor.h"

namespace lreg {

struct Safetensors {
  TensorMap tensors;
  std::map<std::string, std::string> metadata;
};

Safetensors parseSafetensors(std::string_view bytes, const std::string& what);
std::string formatSafetensors(const TensorMap& tensors,
                              const std::map<std::string, std::string>& metadata = {});

Safetensors readSafetensors(const std::string& path);
void writeSafetensors(const std::string& path, const TensorMap& tensors,
                      const std::map<std::string, std::string>& metadata = {});

}  // namespace lreg
