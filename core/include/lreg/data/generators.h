#pragma once
// The synthetic sets of the LReg paper (section 3.2, appendix C) and of Barbu (2023), generated
// from a seed. See docs in generators.cpp for how each formula of the papers is read.
#include <cstdint>
#include <string>
#include <vector>

#include "lreg/data/dataset.h"

namespace lreg {

struct GeneratorInfo {
  std::string name;
  int inputs = 1;
  int outputs = 1;
  int default_train = 1000;
  int default_test = 200;
  std::string description;
};

struct GenOptions {
  std::uint64_t seed = 1;
  int n_train = -1;  // -1: the paper's size
  int n_test = -1;
  int dim = 3;  // "sim" only: input dimension d (the paper uses 1, 3, 10, 30)
};

const std::vector<GeneratorInfo>& generators();
bool isGenerator(const std::string& name);
const GeneratorInfo& generatorInfo(const std::string& name);  // throws InputError if unknown

Dataset generate(const std::string& name, const GenOptions& options = {});

// The noiseless target of a generator at the rows of x (n x inputs -> n x outputs), e.g. to draw
// the true curve or shade the error between a fit and the truth.
Eigen::MatrixXd generatorTruth(const std::string& name, const Eigen::MatrixXd& x);

}  // namespace lreg
