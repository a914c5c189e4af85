// lreg predict: evaluate a saved 1D LReg model on the first column of a CSV file.
#include <iostream>
#include <memory>

#include "cli_common.h"
#include "commands.h"
#include "lreg/common/metrics.h"
#include "lreg/common/status.h"
#include "lreg/data/csv.h"
#include "lreg/models/lagrange_regressor_1d.h"

namespace lreg::cli {

void addPredictCommand(CLI::App& app) {
  struct Args {
    std::string model, data;
    std::optional<std::string> out;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("predict", "Evaluate a saved model (lreg fit --save) on a CSV file");
  cmd->add_option("--model", args->model, "Model JSON written by lreg fit --save")->required();
  cmd->add_option("--data", args->data,
                  "CSV: x only, or x followed by the targets (then the scores go to stderr)")->required();
  cmd->add_option("--out", args->out, "Write the predictions here (default: stdout)");
  cmd->callback([args] {
    const LagrangeRegressor1D model = LagrangeRegressor1D::load(args->model);
    const CsvTable t = readCsv(args->data);
    const auto cols = t.values.cols();
    if (cols != 1 && cols != 1 + model.outputs())
      throw InputError(args->data + ": has " + std::to_string(cols) + " columns; the model needs 1 (x) or " +
                       std::to_string(1 + model.outputs()) + " (x and " + std::to_string(model.outputs()) +
                       " target(s))");
    const Eigen::MatrixXd x = t.values.leftCols(1);
    const Eigen::MatrixXd f = model.predict(x);
    if (cols > 1) {
      const Metrics m = evaluate(f, t.values.rightCols(model.outputs()));
      std::cerr << "predict: " << x.rows() << " rows, R^2 " << m.r2 << ", MAE " << m.mae << ", MSE " << m.mse << "\n";
    }
    std::vector<std::string> header{t.header.empty() ? std::string("x") : t.header.front()};
    for (int k = 0; k < model.outputs(); ++k)
      header.push_back(model.outputs() == 1 ? "prediction" : "prediction" + std::to_string(k + 1));
    Eigen::MatrixXd table(x.rows(), 1 + f.cols());
    table << x, f;
    if (args->out) {
      writeCsv(*args->out, table, header);
      return;
    }
    std::cout.precision(17);
    for (size_t c = 0; c < header.size(); ++c) std::cout << (c ? "," : "") << header[c];
    std::cout << '\n';
    for (Eigen::Index r = 0; r < table.rows(); ++r) {
      for (Eigen::Index c = 0; c < table.cols(); ++c) std::cout << (c ? "," : "") << table(r, c);
      std::cout << '\n';
    }
  });
}

}  // namespace lreg::cli
