// lreg job run SPEC.json --out DIR: the job worker. JSON-line events on stdout (the last line is
// "finished" or "failed"), results in DIR, SIGTERM/SIGINT stop at the next step boundary with a
// checkpoint that the same command resumes from. Exit codes: 0 finished, 2 usage, 3 bad spec or
// data (every problem named before any work), 4 numerical failure, 5 stopped by a signal.
#include <csignal>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "lreg/common/status.h"
#include "lreg/io/tensor.h"
#include "lreg/jobs/job_runner.h"
#include "lreg/models/lreg_connection.h"
#include "lreg/train/baseline_heads.h"

namespace lreg::cli {

namespace {
std::atomic<bool> g_stop{false};
extern "C" void onStopSignal(int) { g_stop.store(true); }
}  // namespace

namespace {

// lreg job predict --model model.json --data FILE --out preds.npz: the head's logits (frozen +
// correction; the correction alone when FILE has no 'logits') of a trained job's model on tensor
// inputs, for checks against other implementations (tools/torch).
void addJobPredict(CLI::App& job) {
  struct Args {
    std::string model, data, out, features = "features", logits = "logits";
  };
  auto a = std::make_shared<Args>();
  auto* cmd = job.add_subcommand(
      "predict", "Logits of a job's model.json on tensors (.npz/.safetensors/.npy)");
  cmd->add_option("--model", a->model, "model.json of lreg job run")->required();
  cmd->add_option("--data", a->data,
                  "Tensor file with the features (and optionally the frozen logits)")
      ->required();
  cmd->add_option("--out", a->out, "Output .npz or .safetensors with tensor 'logits'")->required();
  cmd->add_option("--features", a->features, "Name of the features tensor");
  cmd->add_option("--logits", a->logits, "Name of the frozen logits tensor (added when present)");
  cmd->callback([a] {
    std::ifstream f(a->model);
    if (!f) throw InputError(a->model + ": cannot open the model");
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(f);
    } catch (const nlohmann::json::exception& e) {
      throw InputError(a->model + ": not valid JSON (" + e.what() + ")");
    }
    const TensorMap in = readTensors(a->data);
    const auto get = [&](const std::string& name) -> const Tensor* {
      const auto it = in.find(name);
      return it == in.end()
                 ? (in.size() == 1 && name == a->features ? &in.begin()->second : nullptr)
                 : &it->second;
    };
    const Tensor* x = get(a->features);
    if (!x) throw InputError(a->data + ": no tensor '" + a->features + "'");
    const Eigen::MatrixXd features = x->matrix(a->data + ":" + a->features);
    const std::string kind = j.value("kind", std::string());
    Eigen::MatrixXd out = kind == "lreg-connection" ? LRegConnection::fromJson(j).predict(features)
                                                    : BaselineHead::fromJson(j).predict(features);
    if (const Tensor* l = in.size() > 1 ? get(a->logits) : nullptr) {
      const Eigen::MatrixXd frozen = l->matrix(a->data + ":" + a->logits);
      if (frozen.rows() != out.rows() || frozen.cols() != out.cols())
        throw InputError(a->data + ":" + a->logits + ": shape differs from the model's output");
      out += frozen;
    }
    writeTensors(a->out, {{"logits", Tensor::fromMatrix(out)}});
    std::cout << "wrote " << out.rows() << " x " << out.cols() << " logits to " << a->out
              << std::endl;
  });
}

}  // namespace

void addJobCommand(CLI::App& app) {
  struct Args {
    std::string spec, out;
    bool check = false;
  };
  auto args = std::make_shared<Args>();
  auto* job = app.add_subcommand(
      "job", "Run training jobs from a JSON spec (the studio's Jobs panel and Slurm use this)");
  job->require_subcommand(1);
  auto* run = job->add_subcommand(
      "run", "Run SPEC.json into --out DIR, writing JSON-line events on stdout");
  run->add_option("spec", args->spec, "Job spec (JSON, format lreg-job version 1)")->required();
  run->add_option("--out", args->out, "Results folder (created; a checkpoint there is resumed)")
      ->required();
  run->add_flag("--check", args->check,
                "Only validate the spec and its data paths, then print it with defaults");
  run->callback([args] {
    const JobSpec spec = loadJobSpec(args->spec);  // InputError (exit 3) names every bad field
    if (args->check) {
      std::cout << spec.toJson().dump(2) << std::endl;
      return;
    }
    std::signal(SIGTERM, onStopSignal);
    std::signal(SIGINT, onStopSignal);
    JobEvents events(std::cout);
    const JobExit code = runJob(spec, args->out, events, g_stop);
    // The "failed" event already carries the message; stderr gets it too, with the exit code.
    switch (code) {
      case JobExit::Finished:
        return;
      case JobExit::Stopped:
        throw Error(StatusCode::Cancelled, "job stopped by a signal; checkpoint in " + args->out);
      case JobExit::Numerical:
        throw NumericalError("job failed (see the last event)");
      default:
        throw InputError("job failed (see the last event)");
    }
  });
  addJobPredict(*job);
}

}  // namespace lreg::cli
