// ConnectionOptions as JSON (job specs, checkpoints).
#include "../common/json_fields.h"
#include "lreg/train/connection_trainer.h"

namespace lreg {

using detail::nameOf;
using detail::readBool;
using detail::readChoice;
using detail::readNumber;
using detail::unknownKeys;

namespace {

const std::vector<std::pair<std::string, EdgeInit>> kEdges{
    {"quantile", EdgeInit::Quantile},
    {"sigmoid-range", EdgeInit::SigmoidRange},
    {"paper", EdgeInit::Paper}};
const std::vector<std::pair<std::string, ProjectionInit>> kProjections{
    {"pca", ProjectionInit::Pca}, {"random", ProjectionInit::Random}};
const std::vector<std::pair<std::string, ConnectionOptimizer>> kOptimizers{
    {"sgd", ConnectionOptimizer::Sgd}, {"adam", ConnectionOptimizer::Adam}};

}  // namespace

nlohmann::json connectionOptionsJson(const ConnectionOptions& o) {
  return {{"components", o.components},
          {"nodes", o.nodes},
          {"epochs", o.epochs},
          {"batch", o.batch},
          {"optimizer", nameOf(o.optimizer, kOptimizers)},
          {"lr", o.lr},
          {"momentum", o.momentum},
          {"weight_decay", o.weight_decay},
          {"update_every", o.update_every},
          {"topk", o.topk},
          {"refine_fraction", o.refine_fraction},
          {"smoothness", o.smoothness},
          {"edges", nameOf(o.edges, kEdges)},
          {"projection", nameOf(o.projection, kProjections)},
          {"train_projection", o.train_projection},
          {"count_validation", o.count_validation},
          {"seed", o.seed}};
}

ConnectionOptions connectionOptionsFrom(const nlohmann::json& j, std::vector<std::string>& errors) {
  const std::string p = "options.";
  ConnectionOptions o;
  if (!j.is_object()) {
    errors.push_back("options: must be an object");
    return o;
  }
  // "preset": "paper" starts from the authors' settings; the other keys then override.
  if (j.contains("preset")) {
    if (j["preset"] == "paper")
      o = ConnectionOptions::paper();
    else if (j["preset"] != "default")
      errors.push_back("options.preset: must be \"default\" or \"paper\"");
  }
  unknownKeys(j,
              {"preset", "components", "nodes", "epochs", "batch", "optimizer", "lr", "momentum",
               "weight_decay", "update_every", "topk", "refine_fraction", "smoothness", "edges",
               "projection", "train_projection", "count_validation", "seed"},
              errors, p);
  readNumber(j, "components", o.components, 1, 4096, errors, p);
  readNumber(j, "nodes", o.nodes, 2, 4096, errors, p);
  readNumber(j, "epochs", o.epochs, 0, 1e6, errors, p);
  readNumber(j, "batch", o.batch, 1, 1 << 20, errors, p);
  readChoice(j, "optimizer", o.optimizer, kOptimizers, errors, p);
  readNumber(j, "lr", o.lr, 1e-12, 1e3, errors, p);
  readNumber(j, "momentum", o.momentum, 0, 0.999999, errors, p);
  readNumber(j, "weight_decay", o.weight_decay, 0, 1e3, errors, p);
  readNumber(j, "update_every", o.update_every, 0, 1e9, errors, p);
  readNumber(j, "topk", o.topk, 0, 1 << 20, errors, p);
  readNumber(j, "refine_fraction", o.refine_fraction, 0, 1, errors, p);
  readNumber(j, "smoothness", o.smoothness, 0, 1e6, errors, p);
  readChoice(j, "edges", o.edges, kEdges, errors, p);
  readChoice(j, "projection", o.projection, kProjections, errors, p);
  readBool(j, "train_projection", o.train_projection, errors, p);
  readBool(j, "count_validation", o.count_validation, errors, p);
  readNumber(j, "seed", o.seed, 0, 9.007199254740992e15, errors, p);
  return o;
}

}  // namespace lreg
