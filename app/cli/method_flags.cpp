#include "method_flags.h"

#include <cerrno>
#include <cstdlib>

#include "lreg/common/status.h"

namespace lreg::cli {

namespace {

// The typed JSON value of a command-line word; throws InputError when it is not of the type.
nlohmann::json parseValue(const OptionSpec& spec, const std::string& text) {
  const std::string what = spec.flag() + ": '" + text + "'";
  switch (spec.type) {
    case OptionType::Int: {
      char* end = nullptr;
      errno = 0;
      const long long v = std::strtoll(text.c_str(), &end, 10);
      if (text.empty() || *end != '\0' || errno == ERANGE)
        throw InputError(what + " is not an integer; allowed: " + spec.allowed());
      return v;
    }
    case OptionType::Double: {
      char* end = nullptr;
      errno = 0;
      const double v = std::strtod(text.c_str(), &end);
      if (text.empty() || *end != '\0' || errno == ERANGE)
        throw InputError(what + " is not a number in range; allowed: " + spec.allowed());
      return v;
    }
    case OptionType::Choice:
      return text;
    case OptionType::Bool:
      return text == "true" || text == "1";
  }
  return nullptr;
}

}  // namespace

std::string specHelp(const OptionSpec& spec) { return spec.help + "; " + spec.allowed(); }

CLI::Validator specValidator(const OptionSpec& spec, const std::string& method) {
  return CLI::Validator(
      [spec, method](std::string& text) -> std::string {
        try {
          spec.check(parseValue(spec, text), method);
        } catch (const InputError& e) {
          return e.what();
        }
        return {};
      },
      spec.allowed());
}

nlohmann::json MethodFlags::given() const {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [key, e] : entries_) {
    if (e->option->count() == 0) continue;
    j[key] =
        e->spec->type == OptionType::Bool ? nlohmann::json(e->flag) : parseValue(*e->spec, e->text);
  }
  return j;
}

std::shared_ptr<MethodFlags> addMethodFlags(CLI::App& cmd, const std::string& name,
                                            const std::set<std::string>& skip,
                                            const std::map<std::string, std::string>& negations) {
  auto flags = std::make_shared<MethodFlags>();
  flags->method = name;
  for (const OptionSpec& spec : method(name).options) {
    if (skip.count(spec.key)) continue;
    auto e = std::make_unique<MethodFlags::Entry>();
    e->spec = &spec;  // the registry is static: the pointer stays valid
    if (spec.type == OptionType::Bool) {
      const auto neg = negations.find(spec.key);
      const std::string no = neg != negations.end() ? neg->second : "--no-" + spec.flag().substr(2);
      e->flag = spec.default_value.get<bool>();
      e->option = cmd.add_flag(spec.flag() + ",!" + no, e->flag,
                               spec.help + " (default " + spec.default_value.dump() + ")");
    } else {
      e->text = spec.type == OptionType::Choice ? spec.default_value.get<std::string>()
                                                : spec.default_value.dump();
      e->option = cmd.add_option(spec.flag(), e->text, specHelp(spec))
                      ->type_name(spec.type == OptionType::Int      ? "INT"
                                  : spec.type == OptionType::Double ? "FLOAT"
                                                                    : "TEXT")
                      ->capture_default_str()
                      ->check(specValidator(spec, name));
    }
    flags->entries_[spec.key] = std::move(e);
  }
  return flags;
}

}  // namespace lreg::cli
