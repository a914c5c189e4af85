// lreg predict: evaluate any saved model (lreg fit --save, lreg anmin|adam|sgd|lbfgs
// --save-model) on a CSV file of inputs, or inputs followed by targets (then the metrics).
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli_common.h"
#include "commands.h"
#include "lreg/common/json.h"
#include "lreg/common/metrics.h"
#include "lreg/common/status.h"
#include "lreg/data/csv.h"
#include "lreg/models/model.h"

namespace lreg::cli {

void addPredictCommand(CLI::App& app) {
  struct Args {
    std::string model, data;
    std::optional<std::string> out;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("predict", "Evaluate a saved model (any kind) on a CSV file");
  cmd->add_option("--model", args->model,
                  "Model JSON written by lreg fit --save or lreg anmin|adam|sgd|lbfgs --save-model")
      ->required();
  cmd->add_option("--data", args->data,
                  "CSV: the model's inputs, or its inputs followed by the targets (then the "
                  "metrics are printed: stderr, or stdout with --json)")
      ->required();
  cmd->add_option("--out", args->out, "Write the predictions here (default: stdout)");
  cmd->add_flag("--json", args->json,
                "Print one JSON object (kind, rows, metrics) instead of the predictions; "
                "write them with --out");
  cmd->callback([args] {
    const std::unique_ptr<Model> model = loadModel(args->model);
    const int d = model->inputs(), c = model->outputs();
    const CsvTable t = readCsv(args->data);
    const auto cols = t.values.cols();
    if (cols != d && cols != d + c)
      throw InputError(args->data + ": has " + std::to_string(cols) + " columns; the " +
                       model->kind() + " model needs " + std::to_string(d) + " (inputs) or " +
                       std::to_string(d + c) + " (inputs and " + std::to_string(c) + " target(s))");
    const Eigen::MatrixXd x = t.values.leftCols(d);
    const Eigen::MatrixXd f = model->predict(x);
    nlohmann::json j{{"model", args->model}, {"kind", model->kind()}, {"rows", x.rows()}};
    if (cols > d) {
      const Metrics m = evaluate(f, t.values.rightCols(c));
      j["metrics"] = toJson(m);
      if (!args->json)
        std::cerr << "predict: " << x.rows() << " rows, R^2 " << m.r2 << ", MAE " << m.mae
                  << ", MSE " << m.mse << "\n";
    }
    std::vector<std::string> header;
    for (int k = 0; k < d; ++k)
      header.push_back(static_cast<size_t>(k) < t.header.size() ? t.header[static_cast<size_t>(k)]
                                                                : "x" + std::to_string(k + 1));
    for (int k = 0; k < c; ++k)
      header.push_back(c == 1 ? "prediction" : "prediction" + std::to_string(k + 1));
    Eigen::MatrixXd table(x.rows(), d + f.cols());
    table << x, f;
    if (args->out) writeCsv(*args->out, table, header);
    if (args->json) return printJson(j);
    if (args->out) return;
    std::cout.precision(17);
    for (size_t k = 0; k < header.size(); ++k) std::cout << (k ? "," : "") << header[k];
    std::cout << '\n';
    for (Eigen::Index r = 0; r < table.rows(); ++r) {
      for (Eigen::Index k = 0; k < table.cols(); ++k) std::cout << (k ? "," : "") << table(r, k);
      std::cout << '\n';
    }
  });
}

}  // namespace lreg::cli
