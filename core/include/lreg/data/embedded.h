#pragma once
// Data compiled into lreg::core, so the CLI and the studio work without any data directory.
#include <string_view>

#include "lreg/data/dataset.h"

namespace lreg {

// Raw text of an embedded file: "sdf_Y.csv" or "abalone.csv"; empty if unknown.
std::string_view embeddedFile(std::string_view name);

// Barbu's SDF decoder image: x = (row, col) pixel coordinates of the 232 x 315 image in row-major
// order, y = signed distance in pixels. All 73,080 pixels, unsplit (x_test empty).
Dataset sdfDecoder();
constexpr int kSdfRows = 232;
constexpr int kSdfCols = 315;

// UCI abalone: 7 measurements -> rings. All 4,177 rows, unsplit.
Dataset abalone();

}  // namespace lreg
