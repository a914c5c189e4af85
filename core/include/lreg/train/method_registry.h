#pragma once
// The one list of training methods and their options. Each method declares every option once:
// JSON key, type, range or choices, default and help. The CLI builds its method flags from it
// (`--lambda`, `--alpha`, ...: the range is stated here and shown in --help), `lreg compare` and
// makeTrainer() accept exactly its names, `lreg methods --markdown` prints docs/methods.md's
// table, and job specs read and write options through optionsFromJson / optionsToJson.
//
//   const MethodSpec& m = method("anmin");                 // throws InputError: unknown name
//   MethodOptions o = optionsFromJson("anmin", {{"iters", 5}, {"alpha", 0.1}});
//   nlohmann::json j = optionsToJson("anmin", o);          // every option, defaults included
//
// A new method (e.g. the MLP) adds one MethodSpec in method_registry.cpp and its typed reader /
// writer beside the others (method_options.cpp).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lreg/train/mrc_1d.h"
#include "lreg/train/mrc_2d.h"
#include "lreg/train/trainer.h"

namespace lreg {

enum class OptionType { Int, Double, Bool, Choice };

struct OptionSpec {
  std::string key;  // JSON key; the CLI flag is --key with '_' as '-'
  OptionType type = OptionType::Double;
  double lo = 0, hi = 0;                  // numbers: the allowed range
  bool lo_open = false, hi_open = false;  // (lo, ...] / [..., hi)
  std::vector<std::string> choices;       // Choice
  nlohmann::json default_value;
  std::string help;

  std::string flag() const;      // "--decay-every"
  std::string typeName() const;  // "int", "number", "bool", "choice"
  std::string allowed() const;   // "[0, 1)", ">= 1", "one of: auto, cpu, cuda", "true or false"
  // Throws InputError naming the method, the key and the allowed values.
  void check(const nlohmann::json& value, const std::string& method) const;
};

struct MethodSpec {
  std::string name;    // "anmin", "adam", "sgd", "lbfgs", "mrc-1d", "mrc-2d"
  std::string family;  // "net" (two-layer ReLU trainers), "mesh-1d", "mesh-2d"
  std::string summary;
  std::vector<OptionSpec> options;
  const OptionSpec* option(const std::string& key) const;  // nullptr when unknown
};

const std::vector<MethodSpec>& methods();
const MethodSpec& method(const std::string& name);  // throws InputError listing the known names
std::vector<std::string> methodNames(const std::string& family = {});  // all, or one family

// Options of any method, typed. Only the part for the method in question is read or written.
struct MethodOptions {
  TrainerConfig net;  // anmin, adam, sgd, lbfgs (seed, hidden, alpha, ... in each)
  Mrc1DOptions mrc1d;
  Mrc2DOptions mrc2d;
};

// Starts from `base` and sets the keys given; unknown key, wrong type or out of range ->
// InputError naming the key and what is allowed.
MethodOptions optionsFromJson(const std::string& method, const nlohmann::json& j,
                              MethodOptions base = {});
// Every option of the method as JSON (the keys of its spec, no others).
nlohmann::json optionsToJson(const std::string& method, const MethodOptions& o);

// The options table of every method as Markdown (docs/methods.md).
std::string methodsMarkdown();

}  // namespace lreg
