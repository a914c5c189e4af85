// The method specs: every option once, its default taken from the options struct itself.
#include "lreg/train/method_registry.h"

#include <cmath>
#include <limits>
#include <sstream>

#include "lreg/common/status.h"

namespace lreg {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kMaxInt = 2147483647.0;

OptionSpec integer(std::string key, double lo, double hi, long long def, std::string help) {
  OptionSpec o;
  o.key = std::move(key);
  o.type = OptionType::Int;
  o.lo = lo;
  o.hi = hi;
  o.default_value = def;
  o.help = std::move(help);
  return o;
}

OptionSpec number(std::string key, double lo, double hi, double def, std::string help,
                  bool lo_open = false, bool hi_open = false) {
  OptionSpec o;
  o.key = std::move(key);
  o.type = OptionType::Double;
  o.lo = lo;
  o.hi = hi;
  o.lo_open = lo_open;
  o.hi_open = hi_open;
  o.default_value = def;
  o.help = std::move(help);
  return o;
}

OptionSpec flag(std::string key, bool def, std::string help) {
  OptionSpec o;
  o.key = std::move(key);
  o.type = OptionType::Bool;
  o.default_value = def;
  o.help = std::move(help);
  return o;
}

OptionSpec choice(std::string key, std::vector<std::string> choices, std::string def,
                  std::string help) {
  OptionSpec o;
  o.key = std::move(key);
  o.type = OptionType::Choice;
  o.choices = std::move(choices);
  o.default_value = std::move(def);
  o.help = std::move(help);
  return o;
}

// hidden, alpha, seed, target_scaling, threads: every two-layer-net method has them.
std::vector<OptionSpec> netCommon() {
  const NetOptions n;
  return {
      integer("hidden", 1, 1e6, n.hidden, "Hidden units h"),
      number("alpha", 0, 1, n.alpha, "Leaky ReLU slope: 0 = ReLU, 1 = linear (a limit case)"),
      integer("seed", 0, 9007199254740992.0, static_cast<long long>(n.seed),
              "Initialisation (and minibatch order) seed"),
      choice("target_scaling", {"center", "standardize", "none"}, toString(n.targets),
             "Targets: center (lambda weighs raw-unit squared error), standardize, none"),
      integer("threads", 0, 4096, n.threads, "Threads of the trainer's kernels (0: one per core)")};
}

std::vector<OptionSpec> minibatch(const MinibatchOptions& mb) {
  return {integer("epochs", 0, kMaxInt, mb.epochs, "Epochs"),
          number("lr", 0, kInf, mb.lr, "Initial learning rate", true),
          integer("decay_every", 0, kMaxInt, mb.decay_every,
                  "Divide the rate by decay every this many epochs (0: never)"),
          number("decay", 0, kInf, mb.decay, "Rate divisor", true),
          integer("batch", 1, kMaxInt, mb.batch, "Minibatch size"),
          number("weight_decay", 0, kInf, mb.weight_decay, "lambda of eq. 1"),
          flag("keep_best", mb.keep_best, "Report the epoch with the least training loss")};
}

template <class... Parts>
std::vector<OptionSpec> join(std::vector<OptionSpec> a, const Parts&... parts) {
  (a.insert(a.end(), parts.begin(), parts.end()), ...);
  return a;
}

std::vector<MethodSpec> build() {
  const AnminOptions an;
  const AdamOptions ad;
  const SgdOptions sg;
  const LbfgsOptions lb;
  const Mrc1DOptions m1;
  const Mrc2DOptions m2;
  std::vector<MethodSpec> out;
  out.push_back(
      {"anmin", "net", "Barbu's analytic trainer (2023, Algorithm 1)",
       join(netCommon(),
            std::vector<OptionSpec>{
                integer("iters", 0, kMaxInt, an.iters, "ANMIN iterations E"),
                number("lambda", 0, kInf, an.lambda, "Ridge lambda of eq. 1 (both layers)"),
                number("tau", -kInf, kInf, an.tau,
                       "Log-det threshold below which the SVD fallback solves eq. 9", true, true),
                number("svd_floor", 0, kInf, an.svd_floor,
                       "Singular values below are raised to this (line 11)", true),
                integer("batch", 1, kMaxInt, an.batch,
                        "Factor rows per block of the output-layer Gram matrix (memory; equal per "
                        "iteration up to rounding)"),
                flag("compress", an.compress,
                     "Group rows by firing pattern (faster; equal per iteration up to rounding)"),
                flag("keep_best", an.keep_best, "Keep the iterate with the least objective"),
                choice("degenerate", {"pinv", "stop", "restart"}, toString(an.degenerate),
                       "When the tau test fails: pseudo-inverse (Algorithm 1), stop the run, or "
                       "draw A at random again (Table 5's ablation)"),
                choice("device", {"auto", "cpu", "cuda"}, "auto",
                       "Hidden-layer system on: auto, cpu, or cuda (CPU when no GPU)")})});
  out.push_back({"adam", "net", "Adam with the paper's schedule",
                 join(netCommon(), minibatch(ad.mb),
                      std::vector<OptionSpec>{
                          number("beta1", 0, 1, ad.beta1, "First-moment decay", false, true),
                          number("beta2", 0, 1, ad.beta2, "Second-moment decay", false, true),
                          number("eps", 0, kInf, ad.eps, "Denominator offset", true)})});
  out.push_back({"sgd", "net", "Minibatch SGD with heavy-ball momentum",
                 join(netCommon(), minibatch(sg.mb),
                      std::vector<OptionSpec>{
                          number("momentum", 0, 1, sg.momentum, "Momentum", false, true)})});
  out.push_back(
      {"lbfgs", "net", "Full-batch L-BFGS, keep-best",
       join(netCommon(),
            std::vector<OptionSpec>{
                integer("iters", 0, kMaxInt, lb.iters, "Steps (each inner L-BFGS updates)"),
                integer("inner", 1, kMaxInt, lb.inner, "L-BFGS updates per step"),
                integer("memory", 1, kMaxInt, lb.memory, "Stored (s, y) pairs"),
                flag("line_search", lb.line_search,
                     "Armijo backtracking; off: step lr times the direction"),
                number("lr", 0, kInf, lb.lr, "Step without line search", true),
                number("weight_decay", 0, kInf, lb.weight_decay, "lambda of eq. 1"),
                flag("keep_best", lb.keep_best, "Keep the step with the least training loss")})});
  const auto mrc = [](const auto& m, bool two_d) {
    std::vector<OptionSpec> o{
        integer("dof", two_d ? 4 : 2, kMaxInt, m.dof,
                two_d ? "Vertices kept after each step (the 4 corners included)"
                      : "Nodes kept after each step"),
        integer("topk", 1, kMaxInt, m.topk, "Elements refined per step"),
        integer("epochs", 0, kMaxInt, m.epochs, "MRC steps"),
        choice("refit", {"lsq", "adam"}, toString(m.refit), "Refit after each edit"),
        choice("init", {"uniform", "quantile"}, toString(m.init), "Initial mesh"),
        number("ridge", 0, kInf, m.ridge, "Relative Tikhonov weight of the least-squares refit"),
        integer("adam_steps", 1, kMaxInt, m.adam_steps, "refit adam: gradient steps per refit"),
        number("learning_rate", 0, kInf, m.learning_rate, "refit adam: learning rate", true),
        integer("batch", 0, kMaxInt, m.batch, "Count indicator: samples per batch (0: one batch)"),
        integer("seed", 0, 9007199254740992.0, static_cast<long long>(m.seed), "Seed")};
    return o;
  };
  auto o1 = mrc(m1, false);
  o1.push_back(choice("indicator", {"count", "abs-residual", "curvature"}, toString(m1.indicator),
                      "Refinement indicator"));
  o1.push_back(choice("coarsen", {"equifreq", "remove"}, toString(m1.coarsen), "Coarsening"));
  o1.push_back(number("density_floor", 0, 1, m1.density_floor,
                      "Curvature + equifreq: least share of the sample quantile"));
  out.push_back({"mrc-1d", "mesh-1d", "Mesh-Refinement-Coarsening on a 1D mesh (lreg fit)", o1});
  auto o2 = mrc(m2, true);
  o2.push_back(choice("indicator", {"count", "abs-residual"}, toString(m2.indicator),
                      "Refinement indicator"));
  o2.push_back(choice("insert", {"midpoint", "centroid"}, toString(m2.insert),
                      "Where a refined triangle gets its vertex"));
  out.push_back({"mrc-2d", "mesh-2d",
                 "Mesh-Refinement-Coarsening on a 2D Delaunay mesh "
                 "(lreg fit --dim 2)",
                 o2});
  return out;
}

std::string num(double v) {
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  std::ostringstream s;
  s.precision(15);  // 1000000, not 1e+06
  s << v;
  return s.str();
}

}  // namespace

std::string OptionSpec::flag() const {
  std::string f = "--" + key;
  for (char& c : f)
    if (c == '_') c = '-';
  return f;
}

std::string OptionSpec::typeName() const {
  switch (type) {
    case OptionType::Int:
      return "int";
    case OptionType::Double:
      return "number";
    case OptionType::Bool:
      return "bool";
    case OptionType::Choice:
      return "choice";
  }
  return "?";
}

std::string OptionSpec::allowed() const {
  if (type == OptionType::Bool) return "true or false";
  if (type == OptionType::Choice) {
    std::string s = "one of: ";
    for (size_t i = 0; i < choices.size(); ++i) s += (i ? ", " : "") + choices[i];
    return s;
  }
  if (std::isinf(lo) && std::isinf(hi)) return "any";
  if (std::isinf(hi) || (type == OptionType::Int && hi >= kMaxInt))
    return std::string(lo_open ? "> " : ">= ") + num(lo);
  return std::string(lo_open ? "(" : "[") + num(lo) + ", " + num(hi) + (hi_open ? ")" : "]");
}

void OptionSpec::check(const nlohmann::json& v, const std::string& method) const {
  const std::string what = method + ": option \"" + key + "\" ";
  const auto fail = [&](const std::string& got) {
    throw InputError(what + got + "; allowed: " + allowed() + " (" + typeName() + ")");
  };
  switch (type) {
    case OptionType::Bool:
      if (!v.is_boolean()) fail("is " + v.dump());
      return;
    case OptionType::Choice:
      if (!v.is_string() ||
          std::find(choices.begin(), choices.end(), v.get<std::string>()) == choices.end())
        fail("is " + v.dump());
      return;
    case OptionType::Int:
      if (!v.is_number_integer()) fail("is " + v.dump() + ", not an integer");
      break;
    case OptionType::Double:
      if (!v.is_number()) fail("is " + v.dump() + ", not a number");
      break;
  }
  const double x = v.get<double>();
  const bool below = lo_open ? !(x > lo) : !(x >= lo);
  const bool above = hi_open ? !(x < hi) : !(x <= hi);
  if (below || above || std::isnan(x)) fail("is " + v.dump() + ", out of range");
}

const OptionSpec* MethodSpec::option(const std::string& key) const {
  for (const auto& o : options)
    if (o.key == key) return &o;
  return nullptr;
}

const std::vector<MethodSpec>& methods() {
  static const std::vector<MethodSpec> all = build();
  return all;
}

std::vector<std::string> methodNames(const std::string& family) {
  std::vector<std::string> names;
  for (const auto& m : methods())
    if (family.empty() || m.family == family) names.push_back(m.name);
  return names;
}

const MethodSpec& method(const std::string& name) {
  for (const auto& m : methods())
    if (m.name == name) return m;
  std::string known;
  for (const auto& n : methodNames()) known += (known.empty() ? "" : ", ") + n;
  throw InputError("unknown method '" + name + "' (known: " + known + ")");
}

std::string methodsMarkdown() {
  std::ostringstream s;
  for (const auto& m : methods()) {
    s << "### " << m.name << "\n\n" << m.summary << " (family `" << m.family << "`).\n\n";
    s << "| option | flag | type | allowed | default | meaning |\n| --- | --- | --- | --- | --- | "
         "--- |\n";
    for (const auto& o : m.options)
      s << "| `" << o.key << "` | `" << o.flag() << "` | " << o.typeName() << " | " << o.allowed()
        << " | `" << o.default_value.dump() << "` | " << o.help << " |\n";
    s << "\n";
  }
  return s.str();
}

}  // namespace lreg
