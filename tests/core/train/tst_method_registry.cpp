// The method registry: every option reads and writes through JSON, its defaults are the options
// structs' own, and bad JSON is an InputError that names the key and what is allowed.
#include <gtest/gtest.h>

#include "lreg/common/status.h"
#include "lreg/train/method_registry.h"

using namespace lreg;

namespace {

std::string errorOf(const std::string& m, const nlohmann::json& j) {
  try {
    optionsFromJson(m, j);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

// A value inside the spec's range that differs from its default.
nlohmann::json otherValue(const OptionSpec& o) {
  switch (o.type) {
    case OptionType::Bool:
      return !o.default_value.get<bool>();
    case OptionType::Choice:
      for (const auto& c : o.choices)
        if (c != o.default_value.get<std::string>()) return c;
      return o.default_value;
    case OptionType::Int: {
      const long long d = o.default_value.get<long long>();
      return d + 1 <= o.hi ? d + 1 : d - 1;
    }
    case OptionType::Double: {
      const double d = o.default_value.get<double>();
      double v = d == 0 ? 0.5 : d * 0.5;
      if (!(v > o.lo) && o.lo_open) v = d * 2;
      return v;
    }
  }
  return nullptr;
}

}  // namespace

TEST(MethodRegistry, ListsEveryMethodOnce) {
  EXPECT_EQ(methodNames("net"), (std::vector<std::string>{"anmin", "adam", "sgd", "lbfgs"}));
  for (const auto& n : {"mrc-1d", "mrc-2d"}) EXPECT_NO_THROW(method(n));
  EXPECT_THROW(method("adamw"), InputError);
  EXPECT_NE(std::string(errorOf("adamw", {})).find("known: anmin"), std::string::npos);
}

// Defaults written by optionsToJson equal the spec's defaults (so --help, docs and the structs
// agree), and every key set through JSON comes back: a binding to the wrong field would not.
TEST(MethodRegistry, EveryOptionRoundTripsThroughJson) {
  for (const auto& m : methods()) {
    const nlohmann::json defaults = optionsToJson(m.name, MethodOptions{});
    ASSERT_EQ(defaults.size(), m.options.size()) << m.name;
    for (const auto& o : m.options) {
      EXPECT_EQ(defaults.at(o.key), o.default_value) << m.name << " " << o.key;
      EXPECT_NO_THROW(o.check(o.default_value, m.name)) << m.name << " " << o.key;
      const nlohmann::json v = otherValue(o);
      ASSERT_NE(v, o.default_value) << m.name << " " << o.key;
      const nlohmann::json back = optionsToJson(m.name, optionsFromJson(m.name, {{o.key, v}}));
      EXPECT_EQ(back.at(o.key), v) << m.name << " " << o.key;
      for (const auto& other : m.options) {  // and no other option moved
        if (other.key == o.key) continue;
        EXPECT_EQ(back.at(other.key), defaults.at(other.key))
            << m.name << " " << o.key << " moved " << other.key;
      }
    }
  }
}

TEST(MethodRegistry, TypedFieldsReceiveTheValues) {
  const MethodOptions o =
      optionsFromJson("anmin", {{"iters", 7}, {"alpha", 0.25}, {"device", "cpu"}});
  EXPECT_EQ(o.net.anmin.iters, 7);
  EXPECT_EQ(o.net.anmin.net.alpha, 0.25);
  EXPECT_EQ(o.net.anmin.device, AnminDevice::Cpu);
  EXPECT_EQ(o.net.adam.mb.epochs, AdamOptions{}.mb.epochs);  // other methods untouched
  const MethodOptions m = optionsFromJson("mrc-2d", {{"dof", 36}, {"insert", "midpoint"}});
  EXPECT_EQ(m.mrc2d.dof, 36);
  EXPECT_EQ(m.mrc2d.insert, InsertAt::LongestEdgeMidpoint);
}

TEST(MethodRegistry, BadOptionsNameTheKeyAndWhatIsAllowed) {
  const std::string unknown = errorOf("adam", {{"momentum", 0.9}});
  EXPECT_NE(unknown.find("unknown option \"momentum\""), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("epochs"), std::string::npos) << unknown;  // lists the known keys
  const std::string type = errorOf("anmin", {{"iters", 2.5}});
  EXPECT_NE(type.find("\"iters\""), std::string::npos) << type;
  EXPECT_NE(type.find("not an integer"), std::string::npos) << type;
  const std::string range = errorOf("anmin", {{"alpha", 1.5}});
  EXPECT_NE(range.find("[0, 1]"), std::string::npos) << range;
  EXPECT_EQ(errorOf("anmin", {{"alpha", 1.0}}), "no error");  // the linear limit, as in core
  EXPECT_NE(errorOf("adam", {{"lr", 0.0}}).find("> 0"), std::string::npos);  // open bound
  EXPECT_NE(errorOf("sgd", {{"momentum", 1.0}}).find("[0, 1)"), std::string::npos);
  EXPECT_NE(errorOf("anmin", {{"device", "tpu"}}).find("one of: auto, cpu, cuda"),
            std::string::npos);
  EXPECT_NE(errorOf("lbfgs", {{"line_search", "yes"}}).find("true or false"), std::string::npos);
  EXPECT_NE(errorOf("anmin", nlohmann::json::array()).find("JSON object"), std::string::npos);
}

TEST(MethodRegistry, MarkdownHasARowPerOption) {
  const std::string md = methodsMarkdown();
  for (const auto& m : methods()) {
    EXPECT_NE(md.find("### " + m.name), std::string::npos);
    for (const auto& o : m.options)
      EXPECT_NE(md.find("`" + o.flag() + "`"), std::string::npos) << o.key;
  }
}
