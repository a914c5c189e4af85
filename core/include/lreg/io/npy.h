#pragma once
// NumPy's .npy format (versions 1.0, 2.0 and 3.0 headers), C and Fortran order, little-endian
// f4 / f8 / i8, and .npz archives of them (zip: stored and deflated members, zip64 records).
// See numpy.lib.format: magic "\x93NUMPY", major, minor, header length (2 bytes in 1.0, 4 in 2.0
// and 3.0), then a Python dict literal {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }
// padded with spaces to a multiple of 64 bytes and ended by '\n'.
#include <string>
#include <string_view>

#include "lreg/io/tensor.h"

namespace lreg {

// `what` names the source in errors (a path, or "archive.npz:member.npy").
Tensor parseNpy(std::string_view bytes, const std::string& what);
std::string formatNpy(const Tensor& t);  // version 1.0 (2.0 when the header needs it), C order

Tensor readNpy(const std::string& path);
void writeNpy(const std::string& path, const Tensor& t);

// Members "name.npy" become tensors "name". Duplicate names are an error.
TensorMap parseNpz(std::string_view bytes, const std::string& what);
std::string formatNpz(const TensorMap& tensors, bool deflate = true);

TensorMap readNpz(const std::string& path);
void writeNpz(const std::string& path, const TensorMap& tensors, bool deflate = true);

}  // namespace lreg
