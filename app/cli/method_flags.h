#pragma once
// CLI flags built from the method registry (lreg/train/method_registry.h): each option of a
// method becomes --key (underscores as dashes) with its range or choices and default in --help;
// a value outside them is a usage error (exit 2) that states what is allowed.
#include <CLI/CLI.hpp>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "lreg/train/method_registry.h"

namespace lreg::cli {

// The flags of one method that the user typed, as registry JSON.
class MethodFlags {
 public:
  std::string method;
  nlohmann::json given() const;  // only the options on the command line
  // optionsFromJson(method, given()) over the registry defaults.
  MethodOptions options() const { return optionsFromJson(method, given()); }

 private:
  friend std::shared_ptr<MethodFlags> addMethodFlags(CLI::App&, const std::string&,
                                                     const std::set<std::string>&,
                                                     const std::map<std::string, std::string>&);
  struct Entry {
    const OptionSpec* spec = nullptr;
    CLI::Option* option = nullptr;
    std::string text;   // numbers and choices as typed
    bool flag = false;  // bools
  };
  std::map<std::string, std::unique_ptr<Entry>> entries_;
};

// Registers every option of `method` except those in `skip`; bool options are --key with the
// negation `negations[key]` (default --no-key).
std::shared_ptr<MethodFlags> addMethodFlags(
    CLI::App& cmd, const std::string& method, const std::set<std::string>& skip = {},
    const std::map<std::string, std::string>& negations = {});

// A validator that checks a typed value against one option's spec (range, choices, type).
CLI::Validator specValidator(const OptionSpec& spec, const std::string& method);
// "help; allowed" for --help.
std::string specHelp(const OptionSpec& spec);

}  // namespace lreg::cli
