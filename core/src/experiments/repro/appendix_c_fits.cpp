#include "appendix_c_fits.h"

#include <cmath>
#include <memory>

#include "lreg/common/metrics.h"
#include "lreg/common/status.h"
#include "lreg/common/timer.h"
#include "lreg/mesh/delaunay_mesh_2.h"
#include "lreg/models/knn.h"
#include "lreg/models/lagrange_regressor_1d.h"
#include "lreg/models/lagrange_regressor_2d.h"
#include "lreg/train/dof_select.h"
#include "lreg/train/mrc_1d.h"
#include "lreg/train/mrc_2d.h"

namespace lreg::repro::appc {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> score(const Dataset& d, const Predictor& p, const FitSettings& s, double size,
                          double seconds) {
  std::vector<double> row(kColumns, kNaN);
  const Eigen::MatrixXd train = p(d.x_train), test = p(d.x_test);
  row[kTrainR2] = evaluate(train, d.y_train).r2;
  const Metrics m = evaluate(test, d.y_test);
  row[kTestR2] = m.r2;
  row[kTestMae] = m.mae;
  if (d.truth_test) row[kTruthR2] = evaluate(test, *d.truth_test).r2;
  if (s.offset_input >= 0) {
    const Eigen::VectorXd o = d.x_test.col(s.offset_input);
    row[kPartR2] = evaluate(test.colwise() - o, d.y_test.colwise() - o).r2;
  }
  row[kSize] = size;
  row[kSeconds] = seconds;
  return row;
}

// 1 - test MSE / mean test variance of the outputs, after MRC step k (NaN past the history).
double r2AtStep(const History& h, int k, const Dataset& d) {
  if (k >= static_cast<int>(h.points.size())) return kNaN;
  const auto& p = h.points[static_cast<size_t>(k)];
  const auto it = p.extra.find("test_mse");
  if (it == p.extra.end()) return kNaN;
  const Eigen::RowVectorXd mean = d.y_test.colwise().mean();
  const double var = (d.y_test.rowwise() - mean).array().square().mean();
  return 1.0 - it->second / var;
}

void addSteps(std::vector<double>& row, const History& h, const Dataset& d) {
  row[kR2Step0] = r2AtStep(h, 0, d);
  row[kR2Step4] = r2AtStep(h, 4, d);
  row[kR2Step32] = r2AtStep(h, 32, d);
}

}  // namespace

const std::vector<std::string>& runColumns() {
  static const std::vector<std::string> c = {"train_r2", "test_r2",  "test_mae", "truth_r2",
                                             "part_r2",  "size",     "seconds",  "r2_step0",
                                             "r2_step4", "r2_step32"};
  return c;
}

Fit fitLReg(const Dataset& d, const FitSettings& s) {
  const Stopwatch clock;
  auto data = std::make_shared<const Dataset>(d);
  DofSelectOptions sel;
  sel.seed = s.seed;
  if (d.inputs() == 1) {
    Mrc1DOptions o;
    o.epochs = s.epochs;
    o.seed = s.seed;
    o.dof = s.size > 0 ? s.size : selectDof1D(d, o, sel).dof;
    Mrc1D mrc(data, o);
    const Mrc1DReport r = mrc.run();
    if (!r.status.ok()) throw NumericalError("LReg 1D on " + d.name + ": " + r.status.message);
    auto model = std::make_shared<const LagrangeRegressor1D>(r.model);
    Fit f{{}, [model](const Eigen::MatrixXd& x) { return model->predict(x); }};
    f.row = score(d, f.predict, s, o.dof, clock.seconds());
    addSteps(f.row, r.history, d);
    return f;
  }
  Mrc2DOptions o;
  o.epochs = s.epochs;
  o.seed = s.seed;
  o.dof = s.size > 0 ? s.size : selectDof2D(d, o, sel).dof;
  Mrc2D mrc(data, o);
  const Mrc2DReport r = mrc.run();
  if (!r.status.ok()) throw NumericalError("LReg 2D on " + d.name + ": " + r.status.message);
  auto model = std::make_shared<const LagrangeRegressor2D>(LagrangeRegressor2D::fromMesh(r.model));
  Fit f{{}, [model](const Eigen::MatrixXd& x) { return model->predict(x); }};
  f.row = score(d, f.predict, s, o.dof, clock.seconds());
  addSteps(f.row, r.history, d);
  return f;
}

Fit fitFixedMesh(const Dataset& d, const FitSettings& s) {
  if (s.size < 1) throw InputError("fixed mesh: the DoF must be given (the LReg fit's)");
  const Stopwatch clock;
  Fit f;
  if (d.inputs() == 1) {
    auto model = std::make_shared<const LagrangeRegressor1D>(quantileBaseline1D(d, s.size));
    f.predict = [model](const Eigen::MatrixXd& x) { return model->predict(x); };
  } else {
    auto model = std::make_shared<const LagrangeRegressor2D>(
        LagrangeRegressor2D::fromMesh(quantileBaseline2D(d, s.size)));
    f.predict = [model](const Eigen::MatrixXd& x) { return model->predict(x); };
  }
  f.row = score(d, f.predict, s, s.size, clock.seconds());
  return f;
}

Fit fitKnn(const Dataset& d, const FitSettings& s) {
  const Stopwatch clock;
  KnnSelectOptions sel;
  sel.seed = s.seed;
  const int k = s.size > 0 ? s.size : selectK(d.x_train, d.y_train, sel).k;
  auto model = std::make_shared<const KnnRegressor>(d.x_train, d.y_train, k);
  Fit f{{}, [model](const Eigen::MatrixXd& x) { return model->predict(x); }};
  f.row = score(d, f.predict, s, k, clock.seconds());
  return f;
}

Fit fitModel(const std::string& model, const Dataset& d, const FitSettings& s) {
  // "lreg@64": the model at a fixed DoF.
  const size_t at = model.find('@');
  const std::string kind = model.substr(0, at);
  FitSettings t = s;
  if (at != std::string::npos) t.size = std::stoi(model.substr(at + 1));
  if (kind == "lreg") return fitLReg(d, t);
  if (kind == "fixed") return fitFixedMesh(d, t);
  if (kind == "knn") return fitKnn(d, t);
  throw InputError("appendix-c: no model \"" + model +
                   "\" (lreg, fixed, knn, lreg@DOF, fixed@DOF)");
}

}  // namespace lreg::repro::appc
