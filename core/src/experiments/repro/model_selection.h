#pragma once
// The model-selection experiment's pieces (issue 14, "Model selection first"), for its tests.
#include <cstdint>
#include <string>

#include "lreg/data/dataset.h"

namespace lreg::repro {

// Sets with sharp and multi-frequency features (docs/model-selection/make_sets.py, drawn here
// from a seed with this library's generator, so the draws differ from the script's):
// "sharp1d": x ~ U(0, 1), a jump at 0.3, a kink at 0.7, a slow wave and a fast wave on the right
//            half, noise sd 0.1;
// "sharp2d": x ~ U(0, 1)^2, a disc with a jump, a slow and a fast diagonal wave, noise sd 0.05.
Dataset sharpData(const std::string& set, int n_train, int n_test, std::uint64_t seed);

// The targets against tuned k-NN: auto's test R^2 >= k-NN's less this margin.
double knnMargin(int inputs);  // 0.007 in 1D, 0.0003 in 2D

}  // namespace lreg::repro
