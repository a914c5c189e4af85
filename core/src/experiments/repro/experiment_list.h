#pragma once
// The experiments' factories, one file each in this folder (registry.cpp lists them in order).
#include "lreg/experiments/repro.h"

namespace lreg::repro {

Experiment barbuTable3Experiment();
Experiment barbuTable4Experiment();
Experiment barbuTable5Experiment();
Experiment barbuSimExperiment();

}  // namespace lreg::repro
