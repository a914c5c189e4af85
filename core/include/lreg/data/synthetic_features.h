#pragma once
// Synthetic "frozen model" outputs for the LReg connection: features of a backbone, the logits of
// a frozen linear head on them, and labels, shaped like the real thing (ImageNet: 2048 features,
// 1000 classes) for throughput benchmarks and like a toy for tests and demos.
//
// The class scores are s_c(x) = b_c . x + sum_{j < k} a_cj sin(f_cj x_j + p_cj), with the first
// k = min(8, dim) coordinates of larger spread; labels are argmax_c (s_c + Gumbel noise). The
// frozen head knows only the linear part b_c . x, so a head that adds 1-D functions of the leading
// directions (the connection) has something real to learn.
#include <Eigen/Core>
#include <cstdint>

namespace lreg {

struct SyntheticFeatures {
  Eigen::MatrixXd features;  // n x dim
  Eigen::MatrixXd logits;    // n x classes (the frozen linear head)
  Eigen::VectorXi labels;    // n
};

SyntheticFeatures syntheticFeatures(int n, int dim, int classes, std::uint64_t seed);

}  // namespace lreg
