#include <iostream>

#include "cli_common.h"
#include "commands.h"
#include "lreg/data/csv.h"
#include "lreg/data/generators.h"
#include "lreg/data/synthetic_features.h"
#include "lreg/io/tensor.h"

namespace lreg::cli {

void addFeaturesCommand(CLI::App& data);

void addDataCommand(CLI::App& app) {
  auto* data = app.add_subcommand("data", "Generate or list the built-in data sets");
  data->require_subcommand(1);

  auto* list = data->add_subcommand("list", "List the built-in generators");
  list->callback([] {
    for (const auto& g : generators())
      std::cout << g.name << "\t" << g.inputs << " -> " << g.outputs << "\t" << g.default_train
                << "/" << g.default_test << "\t" << g.description << "\n";
  });

  struct GenArgs {
    std::string name, out;
    GenOptions gen;
    bool test = false;
  };
  auto args = std::make_shared<GenArgs>();
  auto* gen = data->add_subcommand("gen", "Write a generated set as CSV (inputs..., targets...)");
  gen->add_option("name", args->name, "Generator name (see 'lreg data list')")->required();
  gen->add_option("--n", args->gen.n_train,
                  "Number of samples (default: the paper's training size)")
      ->check(inRange(1, kMaxCount));
  gen->add_option("--seed", args->gen.seed, "Random seed")->capture_default_str();
  gen->add_option("--d", args->gen.dim, "Input dimension of 'sim'")
      ->capture_default_str()
      ->check(inRange(1, kMaxSimDim));
  gen->add_flag("--test-part", args->test, "Write the test part instead of the training part");
  gen->add_option("--out", args->out, "Output CSV file")->required();
  gen->callback([args] {
    GenOptions g = args->gen;
    if (args->test) g.n_test = g.n_train;
    const Dataset d = generate(args->name, g);
    const auto& x = args->test ? d.x_test : d.x_train;
    const auto& y = args->test ? d.y_test : d.y_train;
    Eigen::MatrixXd all(x.rows(), x.cols() + y.cols());
    all << x, y;
    std::vector<std::string> header = d.input_names;
    header.insert(header.end(), d.output_names.begin(), d.output_names.end());
    writeCsv(args->out, all, header);
    std::cerr << "wrote " << all.rows() << " rows to " << args->out << "\n";
  });
  addFeaturesCommand(*data);
}

void addFeaturesCommand(CLI::App& data) {
  struct Args {
    int n = 2000, dim = 64, classes = 10;
    std::uint64_t seed = 1;
    std::string out;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = data.add_subcommand(
      "features",
      "Write synthetic frozen-model outputs (features, logits, labels) for the LReg connection");
  cmd->add_option("--n", args->n, "Samples")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000000));
  cmd->add_option("--dim", args->dim, "Feature dimension C_in (ImageNet backbones: 2048)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--classes", args->classes, "Classes C (ImageNet: 1000)")
      ->capture_default_str()
      ->check(CLI::Range(2, 1000000));
  cmd->add_option("--seed", args->seed, "Random seed")->capture_default_str();
  cmd->add_option("--out", args->out,
                  "Output .npz or .safetensors (tensors features, logits, labels)")
      ->required();
  cmd->callback([args] {
    const SyntheticFeatures s = syntheticFeatures(args->n, args->dim, args->classes, args->seed);
    writeTensors(args->out, {{"features", Tensor::fromMatrix(s.features, DType::F32)},
                             {"logits", Tensor::fromMatrix(s.logits, DType::F32)},
                             {"labels", Tensor::fromVector(s.labels.cast<double>(), DType::I64)}});
    std::cerr << "wrote " << args->n << " samples (" << args->dim << " features, " << args->classes
              << " classes) to " << args->out << "\n";
  });
}

}  // namespace lreg::cli
