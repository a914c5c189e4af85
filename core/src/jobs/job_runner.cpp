#include "lreg/jobs/job_runner.h"

#include <cmath>
#include <fstream>

#include "lreg/common/status.h"
#include "lreg/cuda/gpu_linalg.h"
#include "lreg/io/safetensors.h"
#include "lreg/jobs/pretrained_data.h"
#include "lreg/train/baseline_heads.h"

namespace lreg {

namespace fs = std::filesystem;

namespace {

Tensor loadTensor(const TensorRef& r) {
  const TensorMap all = readTensors(r.file.string());
  if (r.name.empty()) return all.begin()->second;
  const auto it = all.find(r.name);
  if (it == all.end()) {
    std::string names;
    for (const auto& [k, v] : all) names += (names.empty() ? "" : ", ") + k;
    throw InputError(r.file.string() + ": no tensor '" + r.name + "' (it holds: " + names + ")");
  }
  return it->second;
}

ConnectionData loadData(const JobSpec& s) {
  ConnectionData d;
  d.loss = ConnectionLoss::CrossEntropy;
  d.features = loadTensor(s.features).matrix(s.features.text());
  const Tensor labels = loadTensor(s.labels);
  if (labels.shape.size() != 1) throw InputError(s.labels.text() + ": labels must be a 1-D tensor");
  d.labels.resize(static_cast<Eigen::Index>(labels.values.size()));
  for (size_t i = 0; i < labels.values.size(); ++i) {
    const double v = labels.values[i];
    if (v != std::floor(v) || v < 0 || v > 1e9)
      throw InputError(s.labels.text() + ": label " + std::to_string(i) + " is not a class index");
    d.labels[static_cast<Eigen::Index>(i)] = static_cast<int>(v);
  }
  if (s.has_logits) {
    d.frozen = loadTensor(s.logits).matrix(s.logits.text());
  } else {  // no frozen model: the connection alone, from zero logits
    d.frozen =
        Eigen::MatrixXd::Zero(d.features.rows(), d.labels.size() ? d.labels.maxCoeff() + 1 : 1);
  }
  d.validate("job data");
  return d;
}

// edges.json: the encoder's d x n nodes after each mesh update so far, rewritten whole at each
// update so that a reader following the run (the studio) sees the meshes move.
void writeEdges(const fs::path& out, const std::vector<Eigen::MatrixXd>& updates) {
  auto edges = nlohmann::json::array();
  for (const auto& e : updates) {
    auto rows = nlohmann::json::array();
    for (Eigen::Index i = 0; i < e.rows(); ++i)
      rows.push_back(std::vector<double>(e.row(i).begin(), e.row(i).end()));
    edges.push_back(rows);
  }
  writeFileAtomically((out / "edges.json").string(), edges.dump() + "\n");
}

nlohmann::json number(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

class MetricsCsv {
 public:
  MetricsCsv(const fs::path& path, bool append)
      : f_(path, append ? std::ios::app : std::ios::trunc) {
    if (!f_) throw InputError(path.string() + ": cannot write the metrics file");
    if (!append)
      f_ << "epoch,seconds,train_loss,val_loss,val_acc,train_acc,samples_per_s\n" << std::flush;
  }
  void row(const HistoryPoint& p) {
    const auto x = [&](const char* k) { return p.extra.count(k) ? p.extra.at(k) : std::nan(""); };
    f_.precision(10);
    f_ << p.step << ',' << p.seconds << ',' << p.train_loss << ',' << p.test_loss << ','
       << x("val_acc") << ',' << x("train_acc") << ',' << x("samples_per_s") << '\n'
       << std::flush;
  }

 private:
  std::ofstream f_;
};

// options.head "linear" / "low-rank": the same data, split and SGD loop as the connection, no
// mesh and no checkpoints (a baseline run is short; a stopped one starts again).
JobExit runBaseline(const JobSpec& spec, const fs::path& out, JobEvents& events,
                    const std::atomic<bool>& stop, const ConnectionSplit& split,
                    const nlohmann::json& pretrain) {
  const BaselineKind kind = spec.head == "linear" ? BaselineKind::Linear : BaselineKind::LowRank;
  const int cin = static_cast<int>(split.train.features.cols()), C = split.train.classes();
  const auto& o = spec.connection;
  const long budget =
      static_cast<long>(cin + 1) * o.components + static_cast<long>(o.components) * o.nodes * C;
  const int rank = matchedRank(budget, cin, C);
  if (spec.device == Device::Cuda)
    events.emit("warning",
                {{"message", "device cuda: the " + spec.head + " baseline runs on the CPU"}});
  writeFileAtomically((out / "spec.json").string(), spec.toJson().dump(2) + "\n");
  MetricsCsv metrics(out / "metrics.csv", false);
  events.emit("started", {{"job", spec.name},
                          {"kind", spec.kind},
                          {"head", spec.head},
                          {"device", "cpu"},
                          {"resumed_from", nullptr},
                          {"epochs", o.epochs},
                          {"connection_parameters", budget}});
  const BaselineReport r = trainBaseline(kind, split, o, rank, [&](const HistoryPoint& p) {
    metrics.row(p);
    if (p.step > 0)
      events.emit("progress", {{"epoch", p.step},
                               {"seconds", p.seconds},
                               {"loss", number(p.train_loss)},
                               {"val_loss", number(p.test_loss)},
                               {"val_acc", number(p.extra.at("val_acc"))},
                               {"samples_per_s", number(p.extra.at("samples_per_s"))},
                               {"device", "cpu"}});
    return !stop.load();
  });
  if (r.status.code == StatusCode::Cancelled) {
    events.emit("failed",
                {{"message", "stopped by a signal (baselines keep no checkpoint; run again)"},
                 {"code", static_cast<int>(JobExit::Stopped)}});
    return JobExit::Stopped;
  }
  if (!r.status.ok()) throw NumericalError(r.status.message);
  writeFileAtomically((out / "model.json").string(), r.head.toJson().dump() + "\n");
  const HistoryPoint& first = r.history.points.front();
  const HistoryPoint& last = r.history.last();
  nlohmann::json final = {
      {"job", spec.name},
      {"kind", spec.kind},
      {"head", spec.head},
      {"device", "cpu"},
      {"epochs", last.step},
      {"val_loss", number(last.test_loss)},
      {"train_loss", number(last.train_loss)},
      {"val_acc", number(last.extra.at("val_acc"))},
      {"frozen",
       {{"val_loss", number(first.test_loss)}, {"val_acc", number(first.extra.at("val_acc"))}}},
      {"parameters", r.head.parameters().total()},
      {"rank",
       kind == BaselineKind::Linear ? nlohmann::json(nullptr) : nlohmann::json(r.head.rank())},
      {"connection_parameters", budget},
      {"seconds", r.seconds},
      {"n_train", split.train.rows()},
      {"n_val", split.val.rows()}};
  if (!pretrain.is_null()) final["pretrain"] = pretrain;
  writeFileAtomically((out / "final.json").string(), final.dump(2) + "\n");
  events.emit("finished", final);
  return JobExit::Finished;
}

}  // namespace

JobExit runJob(const JobSpec& spec, const fs::path& out, JobEvents& events,
               const std::atomic<bool>& stop) {
  try {
    fs::create_directories(out);
    ConnectionData all;
    nlohmann::json pretrain = nullptr;
    if (spec.has_table) {
      auto frozen = pretrainedData(spec, out, events, stop);
      if (!frozen) {
        events.emit("failed", {{"message",
                                "stopped by a signal while pretraining the frozen model; run the "
                                "same command again to start over"},
                               {"code", static_cast<int>(JobExit::Stopped)}});
        return JobExit::Stopped;
      }
      all = std::move(frozen->data);
      pretrain = std::move(frozen->summary);
    } else {
      all = loadData(spec);
    }
    auto split = std::make_shared<ConnectionSplit>(
        splitConnectionData(all, spec.val_fraction, spec.split_seed));
    if (spec.head != "lreg") return runBaseline(spec, out, events, stop, *split, pretrain);
    ConnectionTrainer trainer(split, spec.connection);
    // auto: the GPU where it can, silently; cuda: the same, but say once why it runs on the CPU.
    std::string device = "cpu";
    if (spec.device != Device::Cpu) {
      const std::string why = trainer.useGpu();
      if (why.empty())
        device = "cuda";
      else if (spec.device == Device::Cuda)
        events.emit("warning", {{"message", "device cuda: " + why + "; running on the CPU"}});
    }
    const fs::path ckpt = out / "checkpoint.safetensors";
    nlohmann::json resumed = nullptr;
    if (fs::exists(ckpt)) {
      const Safetensors c = readSafetensors(ckpt.string());
      nlohmann::json meta;
      try {
        meta = nlohmann::json::parse(c.metadata.at("trainer"));
      } catch (const std::exception&) {
        throw InputError(ckpt.string() +
                         ": not a checkpoint of this worker (no 'trainer' metadata)");
      }
      trainer.restore({c.tensors, meta});
      resumed = trainer.epoch();
    }
    writeFileAtomically((out / "spec.json").string(), spec.toJson().dump(2) + "\n");
    MetricsCsv metrics(out / "metrics.csv", !resumed.is_null());
    if (resumed.is_null()) metrics.row(trainer.history().points.front());
    events.emit("started", {{"job", spec.name},
                            {"kind", spec.kind},
                            {"head", "lreg"},
                            {"device", device},
                            {"resumed_from", resumed},
                            {"epochs", spec.connection.epochs},
                            {"parameters", trainer.model().parameters().total()}});
    const int per_epoch = trainer.batchesPerEpoch();
    const long total = static_cast<long>(per_epoch) * spec.connection.epochs;
    const auto writeCheckpoint = [&] {
      const auto c = trainer.checkpoint();
      writeSafetensors(ckpt.string(), c.tensors, {{"trainer", c.meta.dump()}});
      events.emit("checkpoint", {{"epoch", trainer.epoch()}, {"path", ckpt.string()}});
    };
    size_t updates = trainer.edges().size();
    writeEdges(out, trainer.edges());
    while (!trainer.done()) {
      const auto progress = [&](const Progress& p) {
        const long done = static_cast<long>(trainer.epoch()) * per_epoch + p.step;
        const double eta =
            done > 0 ? p.seconds / static_cast<double>(done) * static_cast<double>(total - done)
                     : 0.0;
        if (p.step == p.total || p.step % std::max(1, per_epoch / 10) == 0)
          events.emit("progress", {{"step", done},
                                   {"of", total},
                                   {"epoch", trainer.epoch()},
                                   {"seconds", p.seconds},
                                   {"eta_s", number(eta)}});
        return !stop.load();
      };
      const HistoryPoint& p = trainer.step(progress);
      if (trainer.edges().size() > updates) {
        writeEdges(out, trainer.edges());  // before the event, so a reader finds the update
        events.emit("mesh-update",
                    {{"epoch", trainer.epoch()}, {"update", trainer.edges().size() - 1}});
        updates = trainer.edges().size();
      }
      const auto st = trainer.report().status;
      if (st.code == StatusCode::Cancelled) {
        writeCheckpoint();
        events.emit("failed",
                    {{"message", "stopped by a signal at epoch " + std::to_string(trainer.epoch()) +
                                     "; run the same command again to resume"},
                     {"code", static_cast<int>(JobExit::Stopped)}});
        return JobExit::Stopped;
      }
      if (!st.ok()) throw NumericalError(st.message);
      metrics.row(p);
      events.emit("progress",
                  {{"step", static_cast<long>(trainer.epoch()) * per_epoch},
                   {"of", total},
                   {"epoch", trainer.epoch()},
                   {"seconds", p.seconds},
                   {"loss", number(p.train_loss)},
                   {"val_loss", number(p.test_loss)},
                   {"val_acc", number(p.extra.count("val_acc") ? p.extra.at("val_acc") : NAN)},
                   {"samples_per_s", number(p.extra.at("samples_per_s"))},
                   {"device", device}});
      if (spec.checkpoint_every > 0 && trainer.epoch() % spec.checkpoint_every == 0)
        writeCheckpoint();
    }
    const ConnectionReport r = trainer.report();
    writeEdges(out, r.edges);
    writeFileAtomically((out / "model.json").string(), r.model.toJson().dump() + "\n");
    const HistoryPoint& last = r.history.last();
    nlohmann::json final = {
        {"job", spec.name},
        {"kind", spec.kind},
        {"head", "lreg"},
        {"device", device},
        {"epochs", trainer.epoch()},
        {"val_loss", number(last.test_loss)},
        {"train_loss", number(last.train_loss)},
        {"val_acc", number(last.extra.count("val_acc") ? last.extra.at("val_acc") : NAN)},
        {"frozen",
         {{"val_loss", number(r.frozen_val_loss)}, {"val_acc", number(r.frozen_val_acc)}}},
        {"parameters", r.model.parameters().total()},
        {"seconds", r.seconds},
        {"n_train", split->train.rows()},
        {"n_val", split->val.rows()}};
    if (!pretrain.is_null()) final["pretrain"] = pretrain;
    writeFileAtomically((out / "final.json").string(), final.dump(2) + "\n");
    events.emit("finished", final);
    return JobExit::Finished;
  } catch (const Error& e) {
    const JobExit code =
        e.code() == StatusCode::NumericalIssue ? JobExit::Numerical : JobExit::BadInput;
    events.emit("failed", {{"message", e.what()}, {"code", static_cast<int>(code)}});
    return code;
  } catch (const fs::filesystem_error& e) {
    events.emit("failed", {{"message", e.what()}, {"code", static_cast<int>(JobExit::BadInput)}});
    return JobExit::BadInput;
  }
}

}  // namespace lreg
