#include "lreg/data/data_source.h"

#include <cstdio>

#include "lreg/common/status.h"
#include "lreg/data/csv.h"
#include "lreg/data/embedded.h"
#include "lreg/data/generators.h"

namespace lreg {

namespace {

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

Dataset embeddedSplit(const DataSource& s) {
  const Dataset all = s.data == "sdf" ? sdfDecoder() : abalone();
  Dataset d = splitDataset(all.x_train, all.y_train, s.test_fraction, s.seed, all.name);
  d.input_names = all.input_names;
  d.output_names = all.output_names;
  if (s.data == "sdf") {  // the image grid is the domain, whatever the split
    d.domain_lo = all.domain_lo;
    d.domain_hi = all.domain_hi;
  }
  return d;
}

void applyDomain(const DeclaredDomain& box, Dataset& d) {
  const Eigen::Index dim = d.inputs();
  if (box.lo.size() != dim || box.hi.size() != dim)
    throw InputError(d.name + ": the declared domain has " + std::to_string(box.lo.size()) +
                     " bounds, the data has " + std::to_string(dim) + " inputs");
  for (Eigen::Index k = 0; k < dim; ++k) {
    if (!(box.lo[k] < box.hi[k]))
      throw InputError(d.name + ": declared domain of input " + std::to_string(k + 1) +
                       " needs lo < hi, got [" + num(box.lo[k]) + ", " + num(box.hi[k]) + "]");
    const double lo = d.x_train.col(k).minCoeff(), hi = d.x_train.col(k).maxCoeff();
    if (lo < box.lo[k] || hi > box.hi[k])
      throw InputError(d.name + ": training inputs of column " + std::to_string(k + 1) + " span [" +
                       num(lo) + ", " + num(hi) + "], outside the declared domain [" +
                       num(box.lo[k]) + ", " + num(box.hi[k]) + "]");
  }
  d.domain_lo = box.lo;
  d.domain_hi = box.hi;
}

// Test rows outside the domain are scored on extrapolation; say how many.
std::optional<std::string> outsideWarning(const Dataset& d) {
  if (!d.hasTest() || d.domain_lo.size() != d.inputs()) return std::nullopt;
  Eigen::Index outside = 0;
  for (Eigen::Index r = 0; r < d.x_test.rows(); ++r) {
    const Eigen::VectorXd x = d.x_test.row(r).transpose();
    if ((x.array() < d.domain_lo.array()).any() || (x.array() > d.domain_hi.array()).any())
      ++outside;
  }
  if (outside == 0) return std::nullopt;
  return d.name + ": " + std::to_string(outside) + " of " + std::to_string(d.x_test.rows()) +
         " test inputs lie outside the training domain (the model extrapolates there)";
}

}  // namespace

void checkDataSource(const DataSource& s) {
  if (s.data.empty()) throw InputError("data: name a built-in set or a CSV file");
  if (!(s.test_fraction >= 0.0 && s.test_fraction <= kMaxTestFraction))
    throw InputError("test fraction: must be in [0, " + num(kMaxTestFraction) + "], got " +
                     num(s.test_fraction));
  if (s.target_columns < 1)
    throw InputError("target columns: must be >= 1, got " + std::to_string(s.target_columns));
  if (s.n_train && *s.n_train < 1)
    throw InputError("training samples: must be >= 1, got " + std::to_string(*s.n_train));
  if (s.n_test && *s.n_test < 0)
    throw InputError("test samples: must be >= 0, got " + std::to_string(*s.n_test));
  if (s.sim_dim < 1 || s.sim_dim > kMaxSimDim)
    throw InputError("sim dimension d: must be in [1, " + std::to_string(kMaxSimDim) + "], got " +
                     std::to_string(s.sim_dim));
}

Dataset resolveData(const DataSource& s) {
  checkDataSource(s);
  Dataset d;
  std::vector<std::string> warnings;
  if (isGenerator(s.data)) {
    GenOptions g;
    g.seed = s.seed;
    g.n_train = s.n_train.value_or(-1);
    g.n_test = s.n_test.value_or(-1);
    g.dim = s.sim_dim;
    d = generate(s.data, g);
  } else if (s.data == "sdf" || s.data == "abalone") {
    d = embeddedSplit(s);
  } else {
    CsvOptions c;
    c.target_columns = s.target_columns;
    const CsvTable train = readCsv(s.data, c);
    for (const CsvWarning& w : train.warnings) warnings.push_back(toString(w, train.path));
    std::optional<CsvTable> test;
    if (s.test_path) {
      test = readCsv(*s.test_path, c);
      for (const CsvWarning& w : test->warnings) warnings.push_back(toString(w, test->path));
    }
    d = csvDataset(train, test ? &*test : nullptr, s.target_columns, s.test_fraction, s.seed);
  }
  if (s.domain) applyDomain(*s.domain, d);
  validateDataset(d);
  if (auto w = outsideWarning(d)) warnings.push_back(*w);
  d.warnings = std::move(warnings);
  return d;
}

std::optional<std::string> samplesPerDofWarning(Eigen::Index n_train, Eigen::Index dof) {
  if (dof < 1 || static_cast<double>(n_train) >= kMinSamplesPerDof * static_cast<double>(dof))
    return std::nullopt;
  char ratio[32];
  std::snprintf(ratio, sizeof ratio, "%.2g",
                static_cast<double>(n_train) / static_cast<double>(dof));
  return std::to_string(n_train) + " training samples for " + std::to_string(dof) +
         " degrees of freedom (" + ratio + " per degree of freedom, fewer than " +
         num(kMinSamplesPerDof) + "): the fit follows the noise and will test poorly; use fewer " +
         "degrees of freedom (--dof) or more data";
}

}  // namespace lreg
