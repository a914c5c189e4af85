// optionsFromJson / optionsToJson: the typed side of the method registry. Each method binds its
// spec's keys to fields of MethodOptions; a key bound here but missing from the spec (or the
// reverse) is caught by tst_method_registry.
#include <functional>
#include <map>

#include "lreg/common/status.h"
#include "lreg/train/method_registry.h"

namespace lreg {

namespace {

using J = nlohmann::json;

struct Binding {
  std::function<J(const MethodOptions&)> get;
  std::function<void(MethodOptions&, const J&)> set;
};
using Bindings = std::map<std::string, Binding>;

template <class Ref>
Binding field(Ref ref) {  // ref(MethodOptions&) -> T& for a plain int/double/bool/uint64 field
  return {[ref](const MethodOptions& o) { return J(ref(const_cast<MethodOptions&>(o))); },
          [ref](MethodOptions& o, const J& v) {
            auto& f = ref(o);
            f = v.get<std::remove_reference_t<decltype(f)>>();
          }};
}

template <class Ref, class Parse>
Binding named(Ref ref, Parse parse) {  // an enum field written by toString, read by parse
  return {[ref](const MethodOptions& o) { return J(toString(ref(const_cast<MethodOptions&>(o)))); },
          [ref, parse](MethodOptions& o, const J& v) { ref(o) = parse(v.get<std::string>()); }};
}

// The common net keys for one trainer's NetOptions.
template <class Net>
void netBindings(Bindings& b, Net net) {
  b["hidden"] = field([net](MethodOptions& o) -> int& { return net(o).hidden; });
  b["alpha"] = field([net](MethodOptions& o) -> double& { return net(o).alpha; });
  b["seed"] = field([net](MethodOptions& o) -> std::uint64_t& { return net(o).seed; });
  b["target_scaling"] = named([net](MethodOptions& o) -> TargetScaling& { return net(o).targets; },
                              parseTargetScaling);
  b["threads"] = field([net](MethodOptions& o) -> int& { return net(o).threads; });
}

template <class Mb>
void minibatchBindings(Bindings& b, Mb mb) {
  b["epochs"] = field([mb](MethodOptions& o) -> int& { return mb(o).epochs; });
  b["lr"] = field([mb](MethodOptions& o) -> double& { return mb(o).lr; });
  b["decay_every"] = field([mb](MethodOptions& o) -> int& { return mb(o).decay_every; });
  b["decay"] = field([mb](MethodOptions& o) -> double& { return mb(o).decay; });
  b["batch"] = field([mb](MethodOptions& o) -> int& { return mb(o).batch; });
  b["weight_decay"] = field([mb](MethodOptions& o) -> double& { return mb(o).weight_decay; });
  b["keep_best"] = field([mb](MethodOptions& o) -> bool& { return mb(o).keep_best; });
}

template <class M>
void mrcBindings(Bindings& b, M m) {
  b["dof"] = field([m](MethodOptions& o) -> int& { return m(o).dof; });
  b["topk"] = field([m](MethodOptions& o) -> int& { return m(o).topk; });
  b["epochs"] = field([m](MethodOptions& o) -> int& { return m(o).epochs; });
  b["refit"] = named([m](MethodOptions& o) -> RefitMethod& { return m(o).refit; }, parseRefit);
  b["init"] = named([m](MethodOptions& o) -> MeshInit& { return m(o).init; }, parseInit);
  b["ridge"] = field([m](MethodOptions& o) -> double& { return m(o).ridge; });
  b["adam_steps"] = field([m](MethodOptions& o) -> int& { return m(o).adam_steps; });
  b["learning_rate"] = field([m](MethodOptions& o) -> double& { return m(o).learning_rate; });
  b["batch"] = field([m](MethodOptions& o) -> int& { return m(o).batch; });
  b["seed"] = field([m](MethodOptions& o) -> std::uint64_t& { return m(o).seed; });
  b["indicator"] =
      named([m](MethodOptions& o) -> RefineIndicator& { return m(o).indicator; }, parseIndicator);
}

Bindings makeBindings(const std::string& name) {
  Bindings b;
  if (name == "anmin") {
    const auto a = [](MethodOptions& o) -> AnminOptions& { return o.net.anmin; };
    netBindings(b, [a](MethodOptions& o) -> NetOptions& { return a(o).net; });
    b["iters"] = field([a](MethodOptions& o) -> int& { return a(o).iters; });
    b["lambda"] = field([a](MethodOptions& o) -> double& { return a(o).lambda; });
    b["tau"] = field([a](MethodOptions& o) -> double& { return a(o).tau; });
    b["svd_floor"] = field([a](MethodOptions& o) -> double& { return a(o).svd_floor; });
    b["batch"] = field([a](MethodOptions& o) -> int& { return a(o).batch; });
    b["compress"] = field([a](MethodOptions& o) -> bool& { return a(o).compress; });
    b["keep_best"] = field([a](MethodOptions& o) -> bool& { return a(o).keep_best; });
    b["degenerate"] = named([a](MethodOptions& o) -> AnminDegenerate& { return a(o).degenerate; },
                            parseAnminDegenerate);
    b["device"] =
        named([a](MethodOptions& o) -> AnminDevice& { return a(o).device; }, parseAnminDevice);
  } else if (name == "adam") {
    const auto a = [](MethodOptions& o) -> AdamOptions& { return o.net.adam; };
    netBindings(b, [a](MethodOptions& o) -> NetOptions& { return a(o).net; });
    minibatchBindings(b, [a](MethodOptions& o) -> MinibatchOptions& { return a(o).mb; });
    b["beta1"] = field([a](MethodOptions& o) -> double& { return a(o).beta1; });
    b["beta2"] = field([a](MethodOptions& o) -> double& { return a(o).beta2; });
    b["eps"] = field([a](MethodOptions& o) -> double& { return a(o).eps; });
  } else if (name == "sgd") {
    const auto s = [](MethodOptions& o) -> SgdOptions& { return o.net.sgd; };
    netBindings(b, [s](MethodOptions& o) -> NetOptions& { return s(o).net; });
    minibatchBindings(b, [s](MethodOptions& o) -> MinibatchOptions& { return s(o).mb; });
    b["momentum"] = field([s](MethodOptions& o) -> double& { return s(o).momentum; });
  } else if (name == "lbfgs") {
    const auto l = [](MethodOptions& o) -> LbfgsOptions& { return o.net.lbfgs; };
    netBindings(b, [l](MethodOptions& o) -> NetOptions& { return l(o).net; });
    b["iters"] = field([l](MethodOptions& o) -> int& { return l(o).iters; });
    b["inner"] = field([l](MethodOptions& o) -> int& { return l(o).inner; });
    b["memory"] = field([l](MethodOptions& o) -> int& { return l(o).memory; });
    b["line_search"] = field([l](MethodOptions& o) -> bool& { return l(o).line_search; });
    b["lr"] = field([l](MethodOptions& o) -> double& { return l(o).lr; });
    b["weight_decay"] = field([l](MethodOptions& o) -> double& { return l(o).weight_decay; });
    b["keep_best"] = field([l](MethodOptions& o) -> bool& { return l(o).keep_best; });
  } else if (name == "mrc-1d") {
    const auto m = [](MethodOptions& o) -> Mrc1DOptions& { return o.mrc1d; };
    mrcBindings(b, m);
    b["coarsen"] =
        named([m](MethodOptions& o) -> CoarsenStrategy& { return m(o).coarsen; }, parseCoarsen);
    b["density_floor"] = field([m](MethodOptions& o) -> double& { return m(o).density_floor; });
  } else if (name == "mrc-2d") {
    const auto m = [](MethodOptions& o) -> Mrc2DOptions& { return o.mrc2d; };
    mrcBindings(b, m);
    b["insert"] = named([m](MethodOptions& o) -> InsertAt& { return m(o).insert; }, parseInsertAt);
  }
  return b;
}

const Bindings& bindings(const std::string& name) {
  static std::map<std::string, Bindings> cache;
  static const bool filled = [] {
    for (const auto& n : methodNames()) cache[n] = makeBindings(n);
    return true;
  }();
  (void)filled;
  method(name);  // throws for an unknown name
  return cache.at(name);
}

}  // namespace

MethodOptions optionsFromJson(const std::string& name, const nlohmann::json& j,
                              MethodOptions base) {
  const MethodSpec& spec = method(name);
  if (!j.is_object()) throw InputError(name + ": options must be a JSON object, got " + j.dump());
  const Bindings& b = bindings(name);
  for (const auto& [key, value] : j.items()) {
    const OptionSpec* o = spec.option(key);
    if (!o) {
      std::string known;
      for (const auto& s : spec.options) known += (known.empty() ? "" : ", ") + s.key;
      throw InputError(name + ": unknown option \"" + key + "\" (known: " + known + ")");
    }
    o->check(value, name);
    b.at(key).set(base, value);
  }
  return base;
}

nlohmann::json optionsToJson(const std::string& name, const MethodOptions& o) {
  const MethodSpec& spec = method(name);
  const Bindings& b = bindings(name);
  nlohmann::json j = nlohmann::json::object();
  for (const auto& s : spec.options) j[s.key] = b.at(s.key).get(o);
  return j;
}

}  // namespace lreg
