#include "lreg/jobs/pretrained_data.h"

#include <cmath>
#include <fstream>
#include <string>

#include "lreg/common/status.h"
#include "lreg/data/csv.h"
#include "lreg/io/tensor.h"

namespace lreg {

namespace fs = std::filesystem;

namespace {

Eigen::MatrixXd rowsOf(const Eigen::MatrixXd& m, const std::vector<Eigen::Index>& rows) {
  Eigen::MatrixXd out(static_cast<Eigen::Index>(rows.size()), m.cols());
  for (size_t i = 0; i < rows.size(); ++i) out.row(static_cast<Eigen::Index>(i)) = m.row(rows[i]);
  return out;
}

Eigen::VectorXi rowsOf(const Eigen::VectorXi& v, const std::vector<Eigen::Index>& rows) {
  Eigen::VectorXi out(static_cast<Eigen::Index>(rows.size()));
  for (size_t i = 0; i < rows.size(); ++i) out[static_cast<Eigen::Index>(i)] = v[rows[i]];
  return out;
}

// A classifier saved by an earlier run of this job, if it fits the table; else nothing.
std::optional<Mlp> savedClassifier(const fs::path& path, Eigen::Index inputs, int classes) {
  std::ifstream f(path);
  if (!f) return std::nullopt;
  try {
    Mlp m = Mlp::fromJson(nlohmann::json::parse(f));
    if (m.inputs() == inputs && m.outputs() == classes) return m;
  } catch (const std::exception&) {
  }
  throw InputError(path.string() +
                   ": not the frozen classifier of this job's table; delete it to pretrain again");
}

}  // namespace

std::optional<PretrainedData> pretrainedData(const JobSpec& spec, const fs::path& out,
                                             JobEvents& events, const std::atomic<bool>& stop) {
  const std::string where = spec.table.string();
  const CsvTable t = readCsv(where);
  for (const auto& w : t.warnings) events.emit("warning", {{"message", toString(w, where)}});
  if (t.values.cols() < 2)
    throw InputError(where + ": needs input columns and a last column of class labels");
  const Eigen::Index n = t.values.rows(), cin = t.values.cols() - 1;
  const Eigen::MatrixXd x = t.values.leftCols(cin);
  Eigen::VectorXi labels(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double v = t.values(i, cin);
    if (v != std::floor(v) || v < 0 || v > 1e6)
      throw InputError(where + ": line " + std::to_string(t.first_data_line + i) +
                       ": the last column holds " + std::to_string(v) +
                       ", not a class index (0, 1, 2, ...)");
    labels[i] = static_cast<int>(v);
  }
  const int classes = labels.maxCoeff() + 1;
  if (classes < 2) throw InputError(where + ": the last column holds fewer than 2 classes");
  const SplitRows split = splitRows(n, spec.val_fraction, spec.split_seed);
  const Eigen::MatrixXd xt = rowsOf(x, split.train), xv = rowsOf(x, split.val);
  const Eigen::VectorXi yt = rowsOf(labels, split.train), yv = rowsOf(labels, split.val);

  const fs::path saved = out / "frozen-mlp.json";
  nlohmann::json summary;
  Mlp net;
  if (auto m = savedClassifier(saved, cin, classes)) {
    net = std::move(*m);
    summary = {{"reused", true}};
  } else {
    const MlpClassifierReport r = trainMlpClassifier(xt, yt, xv, yv, classes, spec.pretrain,
                                                     [&](const Progress&) { return !stop.load(); });
    if (r.status.code == StatusCode::Cancelled) return std::nullopt;
    if (!r.status.ok()) throw NumericalError("pretraining the frozen model: " + r.status.message);
    net = r.model;
    writeFileAtomically(saved.string(), net.toJson().dump() + "\n");
    summary = {{"reused", false},
               {"epochs", r.history.last().step},
               {"plateaued", r.plateaued},
               {"seconds", r.seconds}};
  }
  const Eigen::MatrixXd logits = net.predict(x);
  const Eigen::MatrixXd lt = rowsOf(logits, split.train), lv = rowsOf(logits, split.val);
  summary["hidden"] = spec.pretrain.hidden;
  summary["layers"] = spec.pretrain.layers;
  summary["train_loss"] = crossEntropy(lt, yt);
  summary["train_acc"] = accuracy(lt, yt);
  summary["val_loss"] = crossEntropy(lv, yv);
  summary["val_acc"] = accuracy(lv, yv);
  summary["path"] = saved.string();
  events.emit("pretrained", summary);

  PretrainedData d;
  d.data.loss = ConnectionLoss::CrossEntropy;
  d.data.features = lastHiddenFeatures(net, x);
  d.data.frozen = logits;
  d.data.labels = labels;
  d.data.validate(where);
  d.summary = std::move(summary);
  return d;
}

}  // namespace lreg
