#pragma once
// The zero level set of a scalar field sampled on a grid, by marching squares: line segments
// with end points in grid coordinates (x = column, y = row; sample (r, c) sits at (c, r)).
// Saddle cells are split by the sign of the cell's mean value.
#include <utility>
#include <vector>

namespace lreg::views {

// values: rows x cols, row-major. Returns 2 points per segment.
std::vector<std::pair<float, float>> zeroLevelSet(const float* values, int rows, int cols);

}  // namespace lreg::views
