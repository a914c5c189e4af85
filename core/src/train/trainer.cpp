#include "lreg/train/trainer.h"

namespace lreg {

const std::vector<std::string>& trainerNames() {
  static const std::vector<std::string> names{"anmin", "adam", "sgd", "lbfgs"};
  return names;
}

std::unique_ptr<NetTrainer> makeTrainer(const std::string& method,
                                        std::shared_ptr<const Dataset> data,
                                        const TrainerConfig& config) {
  if (method == "anmin") return std::make_unique<Anmin>(std::move(data), config.anmin);
  if (method == "adam") return std::make_unique<Adam>(std::move(data), config.adam);
  if (method == "sgd") return std::make_unique<Sgd>(std::move(data), config.sgd);
  if (method == "lbfgs") return std::make_unique<Lbfgs>(std::move(data), config.lbfgs);
  throw InputError("unknown method '" + method + "' (known: anmin, adam, sgd, lbfgs)");
}

}  // namespace lreg
