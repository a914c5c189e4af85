#include "lreg/minima/tiny_sets.h"

namespace lreg::minima {

std::vector<std::string> tinySetNames() { return {"tiny", "tiny-kink"}; }

bool tinySet(const std::string& name, Eigen::VectorXd& x, Eigen::VectorXd& y) {
  if (name == "tiny") {
    x.resize(6);
    y.resize(6);
    x << -2, -1, 0, 1, 2, 3;
    y << 2, 1, 0, 1.5, 3, 4.5;
    return true;
  }
  if (name == "tiny-kink") {
    x.resize(6);
    y.resize(6);
    x << -2, -1, 0, 1, 2, 3;
    y << 0, 0, 0, 1, 2, 3;
    return true;
  }
  return false;
}

}  // namespace lreg::minima
