#include "lreg/train/step_marks_1d.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lreg {
namespace {

// Whether x is within tol of an element of the sorted list v.
bool near(const std::vector<double>& v, double x, double tol) {
  const auto it = std::lower_bound(v.begin(), v.end(), x - tol);
  return it != v.end() && *it <= x + tol;
}

// Order-preserving matching of all of `few` to a subsequence of `many` (few.size() <=
// many.size()) with least summed |difference|; returns for each element of `few` its partner's
// index in `many`. O(|many| |few|), about 16k cells at DoF 128.
std::vector<size_t> monotoneMatch(const std::vector<double>& many, const std::vector<double>& few) {
  const size_t m = many.size(), n = few.size();
  const double inf = std::numeric_limits<double>::infinity();
  // cost[i][j]: best cost of matching few[0..j) into many[0..i).
  std::vector<double> cost((m + 1) * (n + 1), inf);
  auto at = [&](size_t i, size_t j) -> double& { return cost[i * (n + 1) + j]; };
  for (size_t i = 0; i <= m; ++i) at(i, 0) = 0;
  for (size_t i = 1; i <= m; ++i)
    for (size_t j = 1; j <= std::min(i, n); ++j)
      at(i, j) = std::min(at(i - 1, j), at(i - 1, j - 1) + std::abs(many[i - 1] - few[j - 1]));
  std::vector<size_t> partner(n);
  for (size_t i = m, j = n; j > 0; --i) {
    if (at(i, j) == at(i - 1, j - 1) + std::abs(many[i - 1] - few[j - 1])) {
      partner[j - 1] = i - 1;
      --j;
    }
  }
  return partner;
}

}  // namespace

StepMarks1D classifyStep1D(const std::vector<double>& before, const std::vector<double>& midpoints,
                           const std::vector<double>& after, double tol) {
  StepMarks1D marks;
  std::vector<double> gone,
      fresh;  // vanished old nodes; new nodes that are neither old nor midpoints
  for (double p : before)
    if (!near(after, p, tol)) gone.push_back(p);
  for (double p : after) {
    if (near(before, p, tol)) continue;
    if (near(midpoints, p, tol))
      marks.inserted.push_back(p);
    else
      fresh.push_back(p);
  }
  const bool more_gone = gone.size() >= fresh.size();
  const std::vector<double>& many = more_gone ? gone : fresh;
  const std::vector<double>& few = more_gone ? fresh : gone;
  const std::vector<size_t> partner = monotoneMatch(many, few);
  std::vector<char> paired(many.size(), 0);
  for (size_t j = 0; j < few.size(); ++j) {
    paired[partner[j]] = 1;
    marks.moved.emplace_back(more_gone ? many[partner[j]] : few[j],
                             more_gone ? few[j] : many[partner[j]]);
  }
  for (size_t i = 0; i < many.size(); ++i)
    if (!paired[i]) (more_gone ? marks.removed : marks.inserted).push_back(many[i]);
  std::sort(marks.inserted.begin(), marks.inserted.end());
  return marks;
}

}  // namespace lreg
