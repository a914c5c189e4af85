#pragma once
// What the training commands write besides their report: the model (lreg fit --save, lreg
// anmin|adam|sgd|lbfgs --save-model) and, with --export-split DIR, the exact train/test split
// they used (DIR/train.csv, DIR/test.csv: inputs..., targets..., full precision), so that
// `lreg predict --model M.json --data DIR/test.csv` reproduces the reported test metrics.
#include <CLI/CLI.hpp>
#include <string>

#include "lreg/data/dataset.h"
#include "lreg/models/model.h"

namespace lreg::cli {

void addExportSplitOption(CLI::App& cmd, std::string& dir);
// Writes DIR/train.csv and DIR/test.csv (the folder is created); no-op for an empty dir.
void exportSplit(const Dataset& d, const std::string& dir);
// The training domain (the data set's declared domain) goes into the model.
void setDomainFrom(Model& m, const Dataset& d);

}  // namespace lreg::cli
