#include "repro_fits.h"

#include <Eigen/QR>
#include <cmath>
#include <limits>

#include "lreg/common/status.h"
#include "lreg/common/timer.h"
#include "lreg/models/knn.h"
#include "lreg/train/dof_select.h"
#include "lreg/train/mlp_trainer.h"
#include "lreg/train/mrc_1d.h"
#include "lreg/train/mrc_2d.h"
#include "lreg/train/trainer.h"

namespace lreg::repro {

namespace {

// Scores a model given as a prediction function of an n x d matrix.
template <class Predict>
void score(FitResult& r, const Dataset& d, Predict predict, const Eigen::MatrixXd* grid) {
  r.train = evaluate(predict(d.x_train), d.y_train);
  const Eigen::MatrixXd test = predict(d.x_test);
  r.test = evaluate(test, d.y_test);
  r.test_mae_truth = d.truth_test ? meanAbsoluteError(test, *d.truth_test)
                                  : std::numeric_limits<double>::quiet_NaN();
  if (grid) r.grid = predict(*grid);
}

void checkStatus(const Status& s, const std::string& method, const Dataset& d) {
  if (s.code == StatusCode::NumericalIssue || s.code == StatusCode::NoConvergence)
    throw NumericalError(method + " on " + d.name + ": " + s.message);
}

// auto: the DoF chosen as `lreg fit --dof auto` chooses it (grow search, folds seeded by the
// data's seed), the selection's time counted in the fit's.
FitResult fitMrc(const std::shared_ptr<const Dataset>& data, const FitSettings& s,
                 const Eigen::MatrixXd* grid, bool dof_auto) {
  FitResult r;
  const Stopwatch clock;
  DofSelectOptions select;
  select.seed = s.seed;
  if (data->inputs() == 1) {
    Mrc1DOptions o;
    o.dof = s.dof;
    o.seed = s.seed;
    if (s.mrc_epochs >= 0) o.epochs = s.mrc_epochs;
    if (dof_auto) o.dof = selectDof1D(*data, o, select).dof;
    Mrc1D mrc(data, o);
    const Mrc1DReport rep = mrc.run();
    checkStatus(rep.status, "mrc", *data);
    r.seconds = clock.seconds();
    r.dof = rep.model.mesh().size();
    r.elements = r.dof - 1;
    score(
        r, *data, [&](const Eigen::MatrixXd& x) { return rep.model.predict(x); }, grid);
    return r;
  }
  Mrc2DOptions o;
  o.dof = s.dof;
  o.seed = s.seed;
  if (s.mrc_epochs >= 0) o.epochs = s.mrc_epochs;
  if (dof_auto) o.dof = selectDof2D(*data, o, select).dof;
  Mrc2D mrc(data, o);
  const Mrc2DReport rep = mrc.run();
  checkStatus(rep.status, "mrc", *data);
  r.seconds = clock.seconds();
  r.dof = rep.model.vertices();
  r.elements = rep.model.triangles();
  score(
      r, *data, [&](const Eigen::MatrixXd& x) { return rep.model.predict(x); }, grid);
  return r;
}

FitResult fitMesh(const std::shared_ptr<const Dataset>& data, const FitSettings& s,
                  const Eigen::MatrixXd* grid) {
  FitResult r;
  const Stopwatch clock;
  if (data->inputs() == 1) {
    const LagrangeRegressor1D m = quantileBaseline1D(*data, s.dof);
    r.seconds = clock.seconds();
    r.dof = m.mesh().size();
    r.elements = r.dof - 1;
    score(
        r, *data, [&](const Eigen::MatrixXd& x) { return m.predict(x); }, grid);
    return r;
  }
  const DelaunayMesh2 m = quantileBaseline2D(*data, s.dof);
  r.seconds = clock.seconds();
  r.dof = m.vertices();
  r.elements = m.triangles();
  score(
      r, *data, [&](const Eigen::MatrixXd& x) { return m.predict(x); }, grid);
  return r;
}

Eigen::MatrixXd withOnes(const Eigen::MatrixXd& x) {
  Eigen::MatrixXd a(x.rows(), x.cols() + 1);
  a.col(0).setOnes();
  a.rightCols(x.cols()) = x;
  return a;
}

FitResult fitOls(const std::shared_ptr<const Dataset>& data, const Eigen::MatrixXd* grid) {
  FitResult r;
  const Stopwatch clock;
  const Eigen::MatrixXd beta = withOnes(data->x_train).colPivHouseholderQr().solve(data->y_train);
  r.seconds = clock.seconds();
  r.dof = static_cast<int>(beta.size());
  score(
      r, *data, [&](const Eigen::MatrixXd& x) -> Eigen::MatrixXd { return withOnes(x) * beta; },
      grid);
  return r;
}

FitResult fitKnn(const std::shared_ptr<const Dataset>& data, const FitSettings& s,
                 const Eigen::MatrixXd* grid) {
  FitResult r;
  const Stopwatch clock;
  KnnSelectOptions ko;
  ko.seed = s.seed;
  const KnnSelection sel = selectK(data->x_train, data->y_train, ko);
  const KnnRegressor knn(data->x_train, data->y_train, sel.k);
  r.seconds = clock.seconds();
  r.dof = sel.k;
  score(
      r, *data, [&](const Eigen::MatrixXd& x) { return knn.predict(x); }, grid);
  return r;
}

FitResult fitMlp(const std::shared_ptr<const Dataset>& data, const FitSettings& s,
                 const Eigen::MatrixXd* grid) {
  FitResult r;
  MlpTrainOptions o;
  o.net.seed = s.seed;
  o.mb.epochs = s.mlp_epochs;
  MlpTrainer t(data, o);
  const MlpTrainReport rep = t.run();
  checkStatus(rep.status, "mlp", *data);
  r.seconds = rep.seconds;
  r.dof = static_cast<int>(rep.model.parameters().total());
  score(
      r, *data, [&](const Eigen::MatrixXd& x) { return rep.model.predict(x); }, grid);
  return r;
}

FitResult fitAnmin(const std::shared_ptr<const Dataset>& data, const FitSettings& s,
                   const Eigen::MatrixXd* grid) {
  FitResult r;
  TrainerConfig cfg;
  cfg.setSeed(s.seed);
  cfg.setThreads(s.threads);
  cfg.anmin.iters = s.anmin_iters;
  auto t = makeTrainer("anmin", data, cfg);
  const NetTrainReport rep = t->run();
  checkStatus(rep.status, "anmin", *data);
  r.seconds = rep.seconds;
  r.dof = static_cast<int>(rep.model.parameters().total());
  score(
      r, *data, [&](const Eigen::MatrixXd& x) { return rep.model.predict(x); }, grid);
  return r;
}

}  // namespace

const std::vector<std::string>& fitMethods() {
  static const std::vector<std::string> m{"mrc", "mesh", "ols", "knn", "mlp", "anmin"};
  return m;
}

std::string fitMethodLabel(const std::string& method) {
  if (method == "mrc") return "LReg (MRC)";
  if (method == "mrc-auto") return "LReg (MRC), --dof auto";
  if (method == "mesh") return "fixed mesh (equal DoF)";
  if (method == "ols") return "OLS linear";
  if (method == "knn") return "k-NN (k by 5-fold CV)";
  if (method == "mlp") return "MLP (Adam)";
  if (method == "anmin") return "two-layer ReLU (ANMIN)";
  return method;
}

FitResult fitMethod(const std::string& method, const std::shared_ptr<const Dataset>& data,
                    const FitSettings& settings, const Eigen::MatrixXd* grid) {
  if (method == "mrc") return fitMrc(data, settings, grid, false);
  if (method == "mrc-auto") return fitMrc(data, settings, grid, true);
  if (method == "mesh") return fitMesh(data, settings, grid);
  if (method == "ols") return fitOls(data, grid);
  if (method == "knn") return fitKnn(data, settings, grid);
  if (method == "mlp") return fitMlp(data, settings, grid);
  if (method == "anmin") return fitAnmin(data, settings, grid);
  std::string known = "mrc-auto";
  for (const auto& m : fitMethods()) known += ", " + m;
  throw InputError("unknown method '" + method + "' (known: " + known + ")");
}

}  // namespace lreg::repro
