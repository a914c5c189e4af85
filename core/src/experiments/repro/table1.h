#pragma once
// The table1 experiment's pieces (LReg paper, section 3.2, Table 1), exposed for its tests.
#include <string>
#include <vector>

namespace lreg::repro {

// One row of the paper's Table 1 as printed: train and test R^2 on A1, B1, A2, B2.
struct PaperTable1Row {
  std::string method;
  double train[4], test[4];
};
const std::vector<PaperTable1Row>& paperTable1();
// The paper's set names in Table 1's column order and the project's generators for them.
inline const char* const kTable1Sets[4] = {"a1", "b1", "a2", "b2"};

struct Table1Sizes {
  int n_train = -1, n_test = -1;  // -1: the paper's
  int mlp_epochs = 300;
};
Table1Sizes table1Sizes(const std::string& set, bool quick);

}  // namespace lreg::repro
