#pragma once
// Built-in data sets of known structure for `lreg minima --data tiny|tiny-kink` (docs/minima.md):
//   tiny:      a V, steeper on the right: h = 1 has two isolated minima (one smooth, one with
//              its kink on the last sample).
//   tiny-kink: one hinge, flat then rising: h = 2 has a segment of minima (one neuron split in
//   two).
#include <Eigen/Core>
#include <string>
#include <vector>

namespace lreg::minima {

std::vector<std::string> tinySetNames();
// Fills x, y and returns true for a known name; false otherwise.
bool tinySet(const std::string& name, Eigen::VectorXd& x, Eigen::VectorXd& y);

}  // namespace lreg::minima
