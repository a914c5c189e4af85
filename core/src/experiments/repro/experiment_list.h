#pragma once
// The experiments' factories, one file each in this folder (registry.cpp lists them in order).
#include "lreg/experiments/repro.h"

namespace lreg::repro {

Experiment appendixCExperiment();  // appendix_c.cpp

}  // namespace lreg::repro
