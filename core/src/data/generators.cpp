// How the papers' formulas are read:
// - N(m, s) takes s as the standard deviation. Under the variance reading the paper's own B1
//   result (test R^2 0.963) would exceed what the noise allows (0.854).
// - "1/X ~ U(a, b)" read literally gives x = 1/u, y = sin(1/x) = sin(u): smooth data (`b1`, `b2`).
//   The paper's story (multi-frequency data, Figure 3, appendix C.3) needs x = 1/v with
//   v ~ U(1/b, 1/a): `sin-inv`, `sin-inv-2d`, `sin-inv-c3`.
#include "lreg/data/generators.h"

#include <cmath>
#include <complex>
#include <functional>
#include <map>
#include <mutex>
#include <numbers>
#include <random>

#include "lreg/common/status.h"

namespace lreg {

namespace {

using Rng = std::mt19937_64;
constexpr double kPi = std::numbers::pi;

// One draw: fills x (d), truth (c), noise standard deviation per output (c).
using Sampler = std::function<void(Rng&, double* x, double* truth, double* noise_sd)>;

// The noiseless target at x (c outputs).
using Truth = std::function<void(const double* x, double* truth)>;

struct Spec {
  GeneratorInfo info;
  std::vector<double> lo, hi;  // input support
  Sampler sample;
  Truth truth;
};

double uniform(Rng& r, double a, double b) {
  return std::uniform_real_distribution<double>(a, b)(r);
}
double normal(Rng& r) { return std::normal_distribution<double>(0.0, 1.0)(r); }

double franke(double x, double y) {
  return 0.75 * std::exp(-(std::pow(9 * x - 2, 2) + std::pow(9 * y - 2, 2)) / 4) +
         0.75 * std::exp(-std::pow(9 * x + 1, 2) / 49 - (9 * y + 1) / 10) +
         0.5 * std::exp(-(std::pow(9 * x - 7, 2) + std::pow(9 * y - 3, 2)) / 4) -
         0.2 * std::exp(-std::pow(9 * x - 4, 2) - std::pow(9 * y - 7, 2));
}

// Y_4^2(theta, phi), theta the azimuth in [0, 2 pi), phi the polar angle in [0, pi].
std::complex<double> sphericalHarmonic42(double theta, double phi) {
  const double s = std::sin(phi), c = std::cos(phi);
  const double norm = 3.0 / 8.0 * std::sqrt(5.0 / (2.0 * kPi));
  return norm * s * s * (7 * c * c - 1) * std::polar(1.0, 2 * theta);
}

const std::vector<Spec>& specs() {
  static const std::vector<Spec> all = [] {
    std::vector<Spec> v;
    v.push_back({{"a1", 1, 1, 1000, 200,
                  "x ~ U(-pi, pi), y ~ N(sin x, sd 0.2 cos^2 x): heteroscedastic noise"},
                 {-kPi},
                 {kPi},
                 [](Rng& r, double* x, double* t, double* s) {
                   x[0] = uniform(r, -kPi, kPi);
                   t[0] = std::sin(x[0]);
                   s[0] = 0.2 * std::cos(x[0]) * std::cos(x[0]);
                 },
                 [](const double* x, double* t) { t[0] = std::sin(x[0]); }});
    v.push_back({{"b1", 1, 1, 1000, 200,
                  "literal reading: 1/x ~ U(0.02, 1), y ~ N(sin 1/x, sd 0.01): smooth"},
                 {1.0},
                 {50.0},
                 [](Rng& r, double* x, double* t, double* s) {
                   const double u = uniform(r, 0.02, 1.0);
                   x[0] = 1.0 / u;
                   t[0] = std::sin(u);
                   s[0] = 0.01;
                 },
                 [](const double* x, double* t) { t[0] = std::sin(1.0 / x[0]); }});
    v.push_back({{"sin-inv", 1, 1, 1000, 200,
                  "multi-frequency reading of B1: x = 1/v, v ~ U(1, 50), y ~ N(sin 1/x, sd 0.01)"},
                 {0.02},
                 {1.0},
                 [](Rng& r, double* x, double* t, double* s) {
                   const double vv = uniform(r, 1.0, 50.0);
                   x[0] = 1.0 / vv;
                   t[0] = std::sin(vv);
                   s[0] = 0.01;
                 },
                 [](const double* x, double* t) { t[0] = std::sin(1.0 / x[0]); }});
    v.push_back({{"sin-inv-c3", 1, 1, 5000, 1000,
                  "appendix C.3: x = 1/v, v ~ U(2, 50), y = sin 1/x, noiseless"},
                 {0.02},
                 {0.5},
                 [](Rng& r, double* x, double* t, double* s) {
                   const double vv = uniform(r, 2.0, 50.0);
                   x[0] = 1.0 / vv;
                   t[0] = std::sin(vv);
                   s[0] = 0.0;
                 },
                 [](const double* x, double* t) { t[0] = std::sin(1.0 / x[0]); }});
    v.push_back({{"noisy-sin", 1, 1, 5000, 1000,
                  "appendix C.2: x ~ U(-4, 4), y ~ N(sin x, sd 0.2 cos^2 x)"},
                 {-4.0},
                 {4.0},
                 [](Rng& r, double* x, double* t, double* s) {
                   x[0] = uniform(r, -4.0, 4.0);
                   t[0] = std::sin(x[0]);
                   s[0] = 0.2 * std::cos(x[0]) * std::cos(x[0]);
                 },
                 [](const double* x, double* t) { t[0] = std::sin(x[0]); }});
    v.push_back(
        {{"a2", 2, 1, 7500, 1500,
          "x_i ~ U(-pi, pi), Y_i ~ N(sin x_i, sd 0.1 cos^2 x_i), y = (Y_1 + Y_2) / 2"},
         {-kPi, -kPi},
         {kPi, kPi},
         [](Rng& r, double* x, double* t, double* s) {
           x[0] = uniform(r, -kPi, kPi);
           x[1] = uniform(r, -kPi, kPi);
           t[0] = 0.5 * (std::sin(x[0]) + std::sin(x[1]));
           const double s1 = 0.1 * std::pow(std::cos(x[0]), 2),
                        s2 = 0.1 * std::pow(std::cos(x[1]), 2);
           s[0] = 0.5 * std::sqrt(s1 * s1 + s2 * s2);
         },
         [](const double* x, double* t) { t[0] = 0.5 * (std::sin(x[0]) + std::sin(x[1])); }});
    v.push_back({{"b2", 2, 1, 50000, 10000,
                  "literal reading: 1/x_i ~ U(0.05, 0.5), Y_i ~ N(sin 1/x_i, sd 0.01), y = (Y_1 + "
                  "Y_2) / 2"},
                 {2.0, 2.0},
                 {20.0, 20.0},
                 [](Rng& r, double* x, double* t, double* s) {
                   const double u1 = uniform(r, 0.05, 0.5), u2 = uniform(r, 0.05, 0.5);
                   x[0] = 1.0 / u1;
                   x[1] = 1.0 / u2;
                   t[0] = 0.5 * (std::sin(u1) + std::sin(u2));
                   s[0] = 0.5 * std::sqrt(2.0) * 0.01;
                 },
                 [](const double* x, double* t) {
                   t[0] = 0.5 * (std::sin(1.0 / x[0]) + std::sin(1.0 / x[1]));
                 }});
    v.push_back({{"sin-inv-2d", 2, 1, 50000, 10000,
                  "multi-frequency reading of B2: x_i = 1/v_i, v_i ~ U(2, 20), y = mean of N(sin "
                  "1/x_i, sd 0.01)"},
                 {0.05, 0.05},
                 {0.5, 0.5},
                 [](Rng& r, double* x, double* t, double* s) {
                   const double v1 = uniform(r, 2.0, 20.0), v2 = uniform(r, 2.0, 20.0);
                   x[0] = 1.0 / v1;
                   x[1] = 1.0 / v2;
                   t[0] = 0.5 * (std::sin(v1) + std::sin(v2));
                   s[0] = 0.5 * std::sqrt(2.0) * 0.01;
                 },
                 [](const double* x, double* t) {
                   t[0] = 0.5 * (std::sin(1.0 / x[0]) + std::sin(1.0 / x[1]));
                 }});
    v.push_back(
        {{"franke", 2, 1, 10000, 2000, "Franke's function on [0, 1]^2 with N(0, sd 0.01) noise"},
         {0.0, 0.0},
         {1.0, 1.0},
         [](Rng& r, double* x, double* t, double* s) {
           x[0] = uniform(r, 0.0, 1.0);
           x[1] = uniform(r, 0.0, 1.0);
           t[0] = franke(x[0], x[1]);
           s[0] = 0.01;
         },
         [](const double* x, double* t) { t[0] = franke(x[0], x[1]); }});
    v.push_back({{"sph-harm", 2, 2, 40000, 8000,
                  "appendix C.4: (Re, Im) of Y_4^2(theta, phi), theta ~ U(0, 2 pi), phi ~ U(0, "
                  "pi), noiseless"},
                 {0.0, 0.0},
                 {2 * kPi, kPi},
                 [](Rng& r, double* x, double* t, double* s) {
                   x[0] = uniform(r, 0.0, 2 * kPi);
                   x[1] = uniform(r, 0.0, kPi);
                   const auto y = sphericalHarmonic42(x[0], x[1]);
                   t[0] = y.real();
                   t[1] = y.imag();
                   s[0] = s[1] = 0.0;
                 },
                 [](const double* x, double* t) {
                   const auto y = sphericalHarmonic42(x[0], x[1]);
                   t[0] = y.real();
                   t[1] = y.imag();
                 }});
    return v;
  }();
  return all;
}

// Barbu's simulation (section 3.2): x ~ N(0, I_d), y = sin(||x||^2), equal train and test sizes.
Spec simSpec(int d) {
  Spec s{{"sim", d, 1, 1000, 1000, "Barbu 3.2: x ~ N(0, I_d), y = sin(||x||^2), noiseless"},
         std::vector<double>(static_cast<size_t>(d), -4.0),
         std::vector<double>(static_cast<size_t>(d), 4.0),
         [d](Rng& r, double* x, double* t, double* sd) {
           double n2 = 0;
           for (int i = 0; i < d; ++i) {
             x[i] = normal(r);
             n2 += x[i] * x[i];
           }
           t[0] = std::sin(n2);
           sd[0] = 0.0;
         },
         [d](const double* x, double* t) {
           double n2 = 0;
           for (int i = 0; i < d; ++i) n2 += x[i] * x[i];
           t[0] = std::sin(n2);
         }};
  return s;
}

const Spec& findSpec(const std::string& name) {
  for (const auto& s : specs())
    if (s.info.name == name) return s;
  std::string known;
  for (const auto& g : generators()) known += (known.empty() ? "" : ", ") + g.name;
  throw InputError("unknown data set '" + name + "' (built-in sets: " + known + ")");
}

// 1 - E[noise variance] / Var(y), by Monte Carlo with a fixed seed (deterministic per process).
double noiseCeiling(const Spec& s) {
  static std::mutex mutex;
  static std::map<std::string, double> cache;
  const std::string key = s.info.name + "/" + std::to_string(s.info.inputs);
  std::lock_guard lock(mutex);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  Rng rng(0x5eed);
  const int n = 200000, d = s.info.inputs, c = s.info.outputs;
  std::vector<double> x(static_cast<size_t>(d)), t(static_cast<size_t>(c)),
      sd(static_cast<size_t>(c));
  std::vector<double> sum(static_cast<size_t>(c), 0), sum2(static_cast<size_t>(c), 0),
      noise(static_cast<size_t>(c), 0);
  for (int i = 0; i < n; ++i) {
    s.sample(rng, x.data(), t.data(), sd.data());
    for (int k = 0; k < c; ++k) {
      sum[k] += t[k];
      sum2[k] += t[k] * t[k];
      noise[k] += sd[k] * sd[k];
    }
  }
  double ceiling = 0;
  for (int k = 0; k < c; ++k) {
    const double mean = sum[k] / n, var_truth = sum2[k] / n - mean * mean, var_noise = noise[k] / n;
    ceiling += 1.0 - var_noise / (var_truth + var_noise);
  }
  return cache[key] = ceiling / c;
}

void draw(const Spec& s, Rng& rng, int n, Eigen::MatrixXd& x, Eigen::MatrixXd& y,
          Eigen::MatrixXd& truth) {
  const int d = s.info.inputs, c = s.info.outputs;
  x.resize(n, d);
  y.resize(n, c);
  truth.resize(n, c);
  std::vector<double> xi(static_cast<size_t>(d)), ti(static_cast<size_t>(c)),
      sd(static_cast<size_t>(c));
  for (int i = 0; i < n; ++i) {
    s.sample(rng, xi.data(), ti.data(), sd.data());
    for (int k = 0; k < d; ++k) x(i, k) = xi[k];
    for (int k = 0; k < c; ++k) {
      truth(i, k) = ti[k];
      y(i, k) = ti[k] + (sd[k] > 0 ? sd[k] * normal(rng) : 0.0);
    }
  }
}

}  // namespace

const std::vector<GeneratorInfo>& generators() {
  static const std::vector<GeneratorInfo> infos = [] {
    std::vector<GeneratorInfo> v;
    for (const auto& s : specs()) v.push_back(s.info);
    v.push_back(simSpec(3).info);
    return v;
  }();
  return infos;
}

bool isGenerator(const std::string& name) {
  for (const auto& g : generators())
    if (g.name == name) return true;
  return false;
}

const GeneratorInfo& generatorInfo(const std::string& name) {
  for (const auto& g : generators())
    if (g.name == name) return g;
  findSpec(name);  // throws with the list of known names
  throw InputError("unknown data set '" + name + "'");
}

Eigen::MatrixXd generatorTruth(const std::string& name, const Eigen::MatrixXd& x) {
  const Spec spec = name == "sim" ? simSpec(static_cast<int>(x.cols())) : findSpec(name);
  if (x.cols() != spec.info.inputs)
    throw InputError(name + ": truth needs " + std::to_string(spec.info.inputs) +
                     " input column(s)");
  Eigen::MatrixXd out(x.rows(), spec.info.outputs);
  std::vector<double> xi(static_cast<size_t>(x.cols())), ti(static_cast<size_t>(spec.info.outputs));
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    for (Eigen::Index k = 0; k < x.cols(); ++k) xi[static_cast<size_t>(k)] = x(i, k);
    spec.truth(xi.data(), ti.data());
    for (int k = 0; k < spec.info.outputs; ++k) out(i, k) = ti[static_cast<size_t>(k)];
  }
  return out;
}

Dataset generate(const std::string& name, const GenOptions& options) {
  if (name == "sim" && (options.dim < 1 || options.dim > 1000))
    throw InputError("sim: dimension d must be in [1, 1000], got " + std::to_string(options.dim));
  const Spec spec = name == "sim" ? simSpec(options.dim) : findSpec(name);
  // -1 is the only "use the paper's size"; any other negative count is a mistake, not a default.
  if (options.n_train < -1 || options.n_train == 0)
    throw InputError(name + ": the number of training samples must be >= 1 (or -1 for the " +
                     "paper's size), got " + std::to_string(options.n_train));
  if (options.n_test < -1)
    throw InputError(name + ": the number of test samples must be >= 0 (or -1 for the " +
                     "paper's size), got " + std::to_string(options.n_test));
  const int n_train = options.n_train >= 0 ? options.n_train : spec.info.default_train;
  const int n_test = options.n_test >= 0 ? options.n_test : spec.info.default_test;
  Rng rng(options.seed);
  Dataset d;
  d.name = name;
  Eigen::MatrixXd truth_train, truth_test;
  draw(spec, rng, n_train, d.x_train, d.y_train, truth_train);
  draw(spec, rng, n_test, d.x_test, d.y_test, truth_test);
  d.truth_test = truth_test;
  d.noise_ceiling_r2 = noiseCeiling(spec);
  d.domain_lo =
      Eigen::Map<const Eigen::VectorXd>(spec.lo.data(), static_cast<Eigen::Index>(spec.lo.size()));
  d.domain_hi =
      Eigen::Map<const Eigen::VectorXd>(spec.hi.data(), static_cast<Eigen::Index>(spec.hi.size()));
  if (name == "sim") setDomainFromData(d);  // Gaussian inputs: unbounded support
  for (int k = 0; k < spec.info.inputs; ++k) d.input_names.push_back("x" + std::to_string(k + 1));
  for (int k = 0; k < spec.info.outputs; ++k)
    d.output_names.push_back(spec.info.outputs == 1 ? "y" : "y" + std::to_string(k + 1));
  return d;
}

}  // namespace lreg
