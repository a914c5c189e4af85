#pragma once
// What one 1D mesh update did to the nodes, in the terms of the LReg paper's Figure 1: midpoints
// inserted, nodes removed, and (for an equal-mass re-placement) nodes moved. A moved node is one
// node that changed position, not a removal plus an insertion, so a re-placement that shifts
// every node slightly reads "moved 126", not "+62 / -70".
#include <utility>
#include <vector>

namespace lreg {

struct StepMarks1D {
  std::vector<double> inserted;                  // nodes new to the mesh, ascending
  std::vector<double> removed;                   // nodes gone from the mesh, ascending
  std::vector<std::pair<double, double>> moved;  // (from, to) per moved node, ascending in both
};

// Classifies the change from `before` to `after` (both sorted node lists). Nodes within `tol` of
// each other are the same node. `midpoints` (sorted) are the refinement's insertions: one that
// survives into `after` is inserted, never moved. Every other node of `after` that is not in
// `before` is paired with a vanished node of `before` by the order-preserving matching of least
// total displacement (nodes cannot cross, so a move keeps the node's rank among the movers); the
// unpaired rest are inserted or removed. Hence before.size() + inserted - removed == after.size().
StepMarks1D classifyStep1D(const std::vector<double>& before, const std::vector<double>& midpoints,
                           const std::vector<double>& after, double tol);

}  // namespace lreg
