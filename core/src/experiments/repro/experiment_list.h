#pragma once
// The experiments' factories, one file each in this folder (registry.cpp lists them in order).
#include <vector>

#include "lreg/experiments/repro.h"

namespace lreg::repro {

Experiment scalingExperiment();
Experiment table1Experiment();
Experiment figure4Experiment();
Experiment modelSelectionExperiment();
Experiment appendixCExperiment();  // appendix_c.cpp: all four sections in one report
// appendix-c1 .. appendix-c4, one section each (C.1 alone solves 2 x 12,000 PDEs).
std::vector<Experiment> appendixCSectionExperiments();
Experiment barbuTable3Experiment();
Experiment barbuTable4Experiment();
Experiment barbuTable5Experiment();
Experiment barbuSimExperiment();

}  // namespace lreg::repro
