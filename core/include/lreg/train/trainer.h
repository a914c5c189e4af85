#pragma once
// One place to create any two-layer-net trainer by name, so a GUI or the CLI can race them:
//   TrainerConfig cfg;  cfg.anmin.iters = 30;  cfg.adam.mb.epochs = 300;
//   auto t = makeTrainer("anmin", data, cfg);   // "anmin" | "adam" | "sgd" | "lbfgs"
//   while (!t->done()) { const HistoryPoint& p = t->step(); ... }   // or t->run(progress)
// setCommon() copies hidden units, alpha and seed into every method's options.
#include <memory>
#include <string>
#include <vector>

#include "lreg/train/adam.h"
#include "lreg/train/anmin.h"
#include "lreg/train/lbfgs.h"
#include "lreg/train/sgd.h"

namespace lreg {

struct TrainerConfig {
  AnminOptions anmin;
  AdamOptions adam;
  SgdOptions sgd;
  LbfgsOptions lbfgs;

  void setCommon(const NetOptions& net) { anmin.net = adam.net = sgd.net = lbfgs.net = net; }
  void setThreads(int n) {
    anmin.net.threads = adam.net.threads = sgd.net.threads = lbfgs.net.threads = n;
  }
  void setSeed(std::uint64_t seed) {
    anmin.net.seed = adam.net.seed = sgd.net.seed = lbfgs.net.seed = seed;
  }
};

const std::vector<std::string>& trainerNames();  // {"anmin", "adam", "sgd", "lbfgs"}

// Throws InputError naming the method if it is unknown.
std::unique_ptr<NetTrainer> makeTrainer(const std::string& method,
                                        std::shared_ptr<const Dataset> data,
                                        const TrainerConfig& config = {});

}  // namespace lreg
