#include "lreg/train/trainer.h"

#include <algorithm>

#include "lreg/train/method_registry.h"

namespace lreg {

const std::vector<std::string>& trainerNames() {
  static const std::vector<std::string> names = methodNames("net");
  return names;
}

std::unique_ptr<NetTrainer> makeTrainer(const std::string& name,
                                        std::shared_ptr<const Dataset> data,
                                        const TrainerConfig& config) {
  if (method(name).family != "net")  // method() throws for a name not in the registry
    throw InputError("'" + name +
                     "' is not a two-layer-net method (those are: anmin, adam, sgd, "
                     "lbfgs)");
  if (name == "anmin") return std::make_unique<Anmin>(std::move(data), config.anmin);
  if (name == "adam") return std::make_unique<Adam>(std::move(data), config.adam);
  if (name == "sgd") return std::make_unique<Sgd>(std::move(data), config.sgd);
  if (name == "lbfgs") return std::make_unique<Lbfgs>(std::move(data), config.lbfgs);
  // A registry entry of family "net" without a constructor here is a build defect.
  throw InputError("method '" + name + "' is registered but has no trainer in this build");
}

}  // namespace lreg
