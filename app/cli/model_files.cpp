#include "model_files.h"

#include <filesystem>
#include <iostream>

#include "lreg/common/status.h"
#include "lreg/data/csv.h"

namespace lreg::cli {

void addExportSplitOption(CLI::App& cmd, std::string& dir) {
  cmd.add_option("--export-split", dir,
                 "Write the train/test split used to DIR/train.csv and DIR/test.csv (inputs, then "
                 "targets; for lreg predict --data DIR/test.csv)");
}

void exportSplit(const Dataset& d, const std::string& dir) {
  if (dir.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw InputError("--export-split: cannot create '" + dir + "': " + ec.message());
  std::vector<std::string> header = d.input_names;
  header.insert(header.end(), d.output_names.begin(), d.output_names.end());
  if (header.size() != static_cast<size_t>(d.inputs() + d.outputs())) header.clear();
  for (const bool test : {false, true}) {
    const auto& x = test ? d.x_test : d.x_train;
    const auto& y = test ? d.y_test : d.y_train;
    Eigen::MatrixXd all(x.rows(), x.cols() + y.cols());
    all << x, y;
    const std::string path =
        (std::filesystem::path(dir) / (test ? "test.csv" : "train.csv")).string();
    writeCsv(path, all, header);
    std::cerr << "wrote " << all.rows() << " rows to " << path << "\n";
  }
}

void setDomainFrom(Model& m, const Dataset& d) {
  if (d.domain_lo.size() == m.inputs() && d.domain_hi.size() == m.inputs())
    m.setDomain({d.domain_lo, d.domain_hi});
  else if (d.x_train.rows() > 0 && d.x_train.cols() == m.inputs())
    m.setDomain(
        {d.x_train.colwise().minCoeff().transpose(), d.x_train.colwise().maxCoeff().transpose()});
}

}  // namespace lreg::cli
