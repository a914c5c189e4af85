#pragma once
// Status values for expected numeric failure and an exception type for bad input.
// Numeric routines return a Status; loaders and option checks throw lreg::Error, whose message
// names the file, row and column (or the option) so that a user can fix the input.
#include <stdexcept>
#include <string>

namespace lreg {

enum class StatusCode { Success, InvalidInput, NumericalIssue, NoConvergence, Cancelled };

const char* toString(StatusCode code);

struct Status {
  StatusCode code = StatusCode::Success;
  std::string message;

  bool ok() const { return code == StatusCode::Success; }
  static Status success() { return {}; }
  static Status invalidInput(std::string msg) { return {StatusCode::InvalidInput, std::move(msg)}; }
  static Status numerical(std::string msg) { return {StatusCode::NumericalIssue, std::move(msg)}; }
  static Status cancelled() { return {StatusCode::Cancelled, "cancelled"}; }
};

class Error : public std::runtime_error {
 public:
  Error(StatusCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  StatusCode code() const { return code_; }

 private:
  StatusCode code_;
};

// Bad input (file, option, data): exit code 3 in the CLI.
class InputError : public Error {
 public:
  explicit InputError(const std::string& message) : Error(StatusCode::InvalidInput, message) {}
};

// A solve that cannot be carried out (singular beyond repair, non-finite result): exit code 4.
class NumericalError : public Error {
 public:
  explicit NumericalError(const std::string& message)
      : Error(StatusCode::NumericalIssue, message) {}
};

// CLI exit codes: 0 ok, 2 usage, 3 bad input, 4 numerical failure, 5 cancelled.
int exitCode(StatusCode code);

}  // namespace lreg
