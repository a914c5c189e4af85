// Checkpoints of the connection trainer: the numbers as tensors (written as safetensors by the
// job worker), the counters and history as JSON.
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "lreg/train/connection_trainer.h"

namespace lreg {

namespace {

// Options that must match for a resume (the epoch count may grow: a resumed run can go on longer).
nlohmann::json resumeKey(const ConnectionOptions& o) {
  nlohmann::json j = connectionOptionsJson(o);
  j.erase("epochs");
  return j;
}

Eigen::MatrixXd take(const TensorMap& t, const std::string& key, Eigen::Index rows,
                     Eigen::Index cols) {
  const auto it = t.find(key);
  if (it == t.end()) throw InputError("checkpoint: tensor '" + key + "' is missing");
  Eigen::MatrixXd m = it->second.matrix("checkpoint tensor '" + key + "'");
  if (m.rows() != rows || m.cols() != cols)
    throw InputError("checkpoint: tensor '" + key + "' is " + std::to_string(m.rows()) + " x " +
                     std::to_string(m.cols()) + ", this run needs " + std::to_string(rows) + " x " +
                     std::to_string(cols));
  return m;
}

// History as exact numbers (toJson(History) writes null for NaN, which a resume must keep).
nlohmann::json historyState(const History& h) {
  auto points = nlohmann::json::array();
  const auto num = [](double v) {
    return std::isnan(v) ? nlohmann::json("nan") : nlohmann::json(v);
  };
  for (const auto& p : h.points) {
    nlohmann::json extra = nlohmann::json::object();
    for (const auto& [k, v] : p.extra) extra[k] = num(v);
    points.push_back({{"step", p.step},
                      {"seconds", p.seconds},
                      {"train", num(p.train_loss)},
                      {"test", num(p.test_loss)},
                      {"extra", extra}});
  }
  return {{"method", h.method}, {"loss", h.loss}, {"points", points}};
}

History historyFrom(const nlohmann::json& j) {
  const auto num = [](const nlohmann::json& v) {
    return v.is_string() ? std::numeric_limits<double>::quiet_NaN() : v.get<double>();
  };
  History h;
  h.method = j.at("method").get<std::string>();
  h.loss = j.at("loss").get<std::string>();
  for (const auto& p : j.at("points")) {
    HistoryPoint q;
    q.step = p.at("step").get<int>();
    q.seconds = p.at("seconds").get<double>();
    q.train_loss = num(p.at("train"));
    q.test_loss = num(p.at("test"));
    for (const auto& [k, v] : p.at("extra").items()) q.extra[k] = num(v);
    h.points.push_back(std::move(q));
  }
  return h;
}

}  // namespace

ConnectionTrainer::Checkpoint ConnectionTrainer::checkpoint() const {
  Checkpoint c;
  c.tensors = {{"P", Tensor::fromMatrix(model_.P())},
               {"b", Tensor::fromVector(model_.b())},
               {"nodes", Tensor::fromMatrix(model_.nodes())},
               {"W", Tensor::fromMatrix(model_.W())},
               {"counts", Tensor::fromMatrix(counts_)},
               {"mW", Tensor::fromMatrix(mW_)},
               {"vW", Tensor::fromMatrix(vW_)},
               {"mP", Tensor::fromMatrix(mP_)},
               {"vP", Tensor::fromMatrix(vP_)},
               {"mb", Tensor::fromVector(mb_)},
               {"vb", Tensor::fromVector(vb_)}};
  for (size_t k = 0; k < edges_.size(); ++k)
    c.tensors["edges_" + std::to_string(k)] = Tensor::fromMatrix(edges_[k]);
  c.meta = {{"epoch", epoch_},
            {"steps", steps_},
            {"seconds", elapsed()},
            {"edges", edges_.size()},
            {"options", resumeKey(options_)},
            {"history", historyState(history_)}};
  return c;
}

void ConnectionTrainer::restore(const Checkpoint& c) {
  if (!c.meta.is_object() || c.meta.value("options", nlohmann::json()) != resumeKey(options_))
    throw InputError(
        "checkpoint: it was written with other options than this run's (start afresh or use the "
        "same spec)");
  const Eigen::Index d = model_.components(), n = model_.nodesPerComponent(), C = model_.outputs(),
                     cin = model_.inputs();
  LRegConnection m(take(c.tensors, "P", d, cin), take(c.tensors, "b", d, 1).col(0),
                   take(c.tensors, "nodes", d, n), take(c.tensors, "W", d * n, C), model_.loss());
  counts_ = take(c.tensors, "counts", d, n - 1);
  mW_ = take(c.tensors, "mW", d * n, C);
  vW_ = take(c.tensors, "vW", d * n, C);
  mP_ = take(c.tensors, "mP", d, cin);
  vP_ = take(c.tensors, "vP", d, cin);
  mb_ = take(c.tensors, "mb", d, 1).col(0);
  vb_ = take(c.tensors, "vb", d, 1).col(0);
  model_ = std::move(m);
  const auto nedges = c.meta.value("edges", size_t{0});
  edges_.clear();
  for (size_t k = 0; k < nedges; ++k)
    edges_.push_back(take(c.tensors, "edges_" + std::to_string(k), d, n));
  try {
    epoch_ = c.meta.at("epoch").get<int>();
    steps_ = c.meta.at("steps").get<long>();
    history_ = historyFrom(c.meta.at("history"));
    resumed_seconds_ = c.meta.at("seconds").get<double>();
  } catch (const nlohmann::json::exception& e) {
    throw InputError(std::string("checkpoint: malformed description: ") + e.what());
  }
}

}  // namespace lreg
