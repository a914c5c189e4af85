#pragma once
// The experiments' factories, one file each in this folder (registry.cpp lists them in order).
#include "lreg/experiments/repro.h"

namespace lreg::repro {

Experiment scalingExperiment();
Experiment table1Experiment();
Experiment figure4Experiment();
Experiment modelSelectionExperiment();

}  // namespace lreg::repro
