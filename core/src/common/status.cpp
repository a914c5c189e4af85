#include "lreg/common/status.h"

namespace lreg {

const char* toString(StatusCode code) {
  switch (code) {
    case StatusCode::Success:
      return "success";
    case StatusCode::InvalidInput:
      return "invalid input";
    case StatusCode::NumericalIssue:
      return "numerical issue";
    case StatusCode::NoConvergence:
      return "no convergence";
    case StatusCode::Cancelled:
      return "cancelled";
  }
  return "unknown";
}

int exitCode(StatusCode code) {
  switch (code) {
    case StatusCode::Success:
      return 0;
    case StatusCode::InvalidInput:
      return 3;
    case StatusCode::NumericalIssue:
    case StatusCode::NoConvergence:
      return 4;
    case StatusCode::Cancelled:
      return 5;
  }
  return 1;
}

}  // namespace lreg
