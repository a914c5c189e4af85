#pragma once
// The data set of the LReg paper's Appendix C.1: inputs (alpha, beta), alpha ~ U(-pi/2, pi/2),
// beta ~ U(0, 2 pi); target the numerical solution of the semilinear Poisson problem
// (semilinear_poisson.h) at those parameters, read as the vector of u at the 7 x 7 interior
// nodes of the 1/8 grid of the unit square (x, y in {1/8, ..., 7/8}), row by row in y (output
// 3 * 7 + 3 = 24 is the centre). Noiseless: truth_test = y_test, noise ceiling 1.
#include <cstdint>
#include <string>

#include "lreg/common/progress.h"
#include "lreg/data/dataset.h"
#include "lreg/pde/semilinear_poisson.h"

namespace lreg {

constexpr int kParameterMapSide = 7;  // target nodes per side; 49 outputs
constexpr int kParameterMapCentre = 24;

struct ParameterMapOptions {
  int n_train = 10000, n_test = 2000;
  int cells = 64;  // solver grid; a multiple of 8 (the target nodes are grid nodes)
  std::uint64_t seed = 1;
  int threads = 1;  // solves run in parallel, one solver per thread
};

struct ParameterMapData {
  Status status;           // a solve that failed names its pair; Cancelled when progress said stop
  Dataset data;            // x: n by 2 (alpha, beta); y: n by 49
  int max_iterations = 0;  // the most Newton steps any solve took
  double seconds = 0;
};

// Solves every pair. progress: step = solves done (called every few hundred solves).
ParameterMapData makeParameterMapData(const ParameterMapOptions& options,
                                      const ProgressFn& progress = {});

// The 49 target values of one solution (the solution's grid must be a multiple of 8).
Eigen::RowVectorXd parameterMapTarget(const SemilinearPoissonSolution& s);

}  // namespace lreg
