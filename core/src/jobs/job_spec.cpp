#include "lreg/jobs/job_spec.h"

#include <fstream>
#include <set>

#include "../common/json_fields.h"
#include "lreg/common/status.h"

namespace lreg {

using detail::readChoice;
using detail::readNumber;
using detail::unknownKeys;

namespace {

constexpr int kVersion = 1;

const std::vector<std::pair<std::string, Device>> kDevices{
    {"auto", Device::Auto}, {"cpu", Device::Cpu}, {"cuda", Device::Cuda}};

TensorRef tensorRef(const nlohmann::json& data, const std::string& key,
                    const std::filesystem::path& dir, std::vector<std::string>& errors) {
  TensorRef r;
  if (!data.contains(key)) {
    errors.push_back("data." + key +
                     ": missing (a .npy file, or FILE.npz:NAME / FILE.safetensors:NAME)");
    return r;
  }
  if (!data.at(key).is_string()) {
    errors.push_back("data." + key + ": must be a string path");
    return r;
  }
  std::string text = data.at(key).get<std::string>();
  const auto colon = text.rfind(':');
  if (colon != std::string::npos) {
    r.name = text.substr(colon + 1);
    text.resize(colon);
  }
  r.file = std::filesystem::path(text).is_absolute() ? std::filesystem::path(text) : dir / text;
  const std::string ext = r.file.extension().string();
  if (ext == ".npy" && !r.name.empty())
    errors.push_back("data." + key + ": a .npy file holds one tensor; drop ':" + r.name + "'");
  else if ((ext == ".npz" || ext == ".safetensors") && r.name.empty())
    errors.push_back("data." + key + ": name the tensor inside " + r.file.filename().string() +
                     " as FILE:NAME");
  else if (ext != ".npy" && ext != ".npz" && ext != ".safetensors")
    errors.push_back("data." + key + ": '" + r.file.filename().string() +
                     "' is not a .npy, .npz or .safetensors file");
  return r;
}

nlohmann::json pretrainJson(const MlpClassifierOptions& o) {
  return {{"hidden", o.hidden},
          {"layers", o.layers},
          {"epochs", o.epochs},
          {"batch", o.batch},
          {"lr", o.lr},
          {"weight_decay", o.weight_decay},
          {"plateau_window", o.plateau_window},
          {"plateau_tol", o.plateau_tol},
          {"seed", o.seed}};
}

// data.table and data.pretrain: the frozen model this worker trains itself.
void readTable(const nlohmann::json& d, const std::filesystem::path& dir, JobSpec& s,
               std::vector<std::string>& errors) {
  for (const char* k : {"features", "labels", "logits"})
    if (d.contains(k))
      errors.push_back(std::string("data.") + k +
                       ": not with data.table (the pretrained MLP gives features and logits)");
  if (!d.at("table").is_string()) {
    errors.push_back("data.table: must be a string path (a .csv or .csv.gz file)");
    return;
  }
  const std::string text = d.at("table").get<std::string>();
  s.table = std::filesystem::path(text).is_absolute() ? std::filesystem::path(text) : dir / text;
  const std::string name = s.table.filename().string();
  const auto endsWith = [&](const std::string& e) {
    return name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0;
  };
  if (!endsWith(".csv") && !endsWith(".csv.gz"))
    errors.push_back("data.table: '" + name + "' is not a .csv or .csv.gz file");
  s.has_table = true;
  const nlohmann::json p = d.value("pretrain", nlohmann::json::object());
  if (!p.is_object()) {
    errors.push_back("data.pretrain: must be an object");
    return;
  }
  unknownKeys(p,
              {"hidden", "layers", "epochs", "batch", "lr", "weight_decay", "plateau_window",
               "plateau_tol", "seed"},
              errors, "data.pretrain.");
  auto& o = s.pretrain;
  const std::string at = "data.pretrain.";
  readNumber(p, "hidden", o.hidden, 1, 4096, errors, at);
  readNumber(p, "layers", o.layers, 1, 4, errors, at);
  readNumber(p, "epochs", o.epochs, 0, 1e6, errors, at);
  readNumber(p, "batch", o.batch, 1, 1e9, errors, at);
  readNumber(p, "lr", o.lr, 1e-12, 10, errors, at);
  readNumber(p, "weight_decay", o.weight_decay, 0, 10, errors, at);
  readNumber(p, "plateau_window", o.plateau_window, 1, 1e6, errors, at);
  readNumber(p, "plateau_tol", o.plateau_tol, 0, 0.999999, errors, at);
  readNumber(p, "seed", o.seed, 0, 9.007199254740992e15, errors, at);
}

}  // namespace

std::string TensorRef::text() const { return file.string() + (name.empty() ? "" : ":" + name); }

const char* toString(Device d) {
  return d == Device::Auto ? "auto" : d == Device::Cpu ? "cpu" : "cuda";
}

nlohmann::json JobSpec::toJson() const {
  nlohmann::json data = {{"val_fraction", val_fraction}, {"split_seed", split_seed}};
  if (has_table) {
    data["table"] = table.string();
    data["pretrain"] = pretrainJson(pretrain);
  } else {
    data["features"] = features.text();
    data["labels"] = labels.text();
    if (has_logits) data["logits"] = logits.text();
  }
  return {{"format", "lreg-job"},
          {"version", version},
          {"kind", kind},
          {"name", name},
          {"data", data},
          {"options",
           [&] {
             auto o = connectionOptionsJson(connection);
             o["head"] = head;
             return o;
           }()},
          {"device", toString(device)},
          {"checkpoint_every", checkpoint_every}};
}

JobSpec parseJobSpec(const nlohmann::json& j, const std::filesystem::path& dir) {
  std::vector<std::string> errors;
  JobSpec s;
  s.dir = dir;
  if (!j.is_object()) throw InputError("job spec: not a JSON object");
  unknownKeys(
      j, {"format", "version", "kind", "name", "data", "options", "device", "checkpoint_every"},
      errors, "");
  if (j.value("format", std::string()) != "lreg-job")
    errors.push_back("format: must be \"lreg-job\"");
  if (!j.contains("version") || !j["version"].is_number_integer() ||
      j["version"].get<int>() != kVersion)
    errors.push_back("version: must be 1 (this build reads version 1)");
  if (!j.contains("kind") || j["kind"] != "lreg-connection")
    errors.push_back("kind: " + (j.contains("kind") ? j["kind"].dump() : std::string("missing")) +
                     " (this worker runs: lreg-connection)");
  else
    s.kind = "lreg-connection";
  s.name = j.contains("name") && j["name"].is_string() ? j["name"].get<std::string>() : "job";
  if (!j.contains("data") || !j["data"].is_object()) {
    errors.push_back(
        "data: missing (an object with features, labels and optionally logits; or a table)");
  } else {
    const auto& d = j["data"];
    unknownKeys(d,
                {"features", "logits", "labels", "table", "pretrain", "val_fraction", "split_seed"},
                errors, "data.");
    if (d.contains("table")) {
      readTable(d, dir, s, errors);
    } else {
      if (d.contains("pretrain"))
        errors.push_back("data.pretrain: only with data.table (the CSV the MLP is trained on)");
      s.features = tensorRef(d, "features", dir, errors);
      s.labels = tensorRef(d, "labels", dir, errors);
      if (d.contains("logits")) {
        s.logits = tensorRef(d, "logits", dir, errors);
        s.has_logits = true;
      }
    }
    readNumber(d, "val_fraction", s.val_fraction, 1e-6, 0.999999, errors, "data.");
    readNumber(d, "split_seed", s.split_seed, 0, 9.007199254740992e15, errors, "data.");
  }
  nlohmann::json options = j.value("options", nlohmann::json::object());
  if (options.is_object() && options.contains("head")) {
    const auto& h = options["head"];
    if (h == "lreg" || h == "linear" || h == "low-rank")
      s.head = h.get<std::string>();
    else
      errors.push_back("options.head: " + h.dump() +
                       " (allowed: \"lreg\", \"linear\", \"low-rank\")");
    options.erase("head");
  }
  s.connection = connectionOptionsFrom(options, errors);
  readChoice(j, "device", s.device, kDevices, errors, "");
  readNumber(j, "checkpoint_every", s.checkpoint_every, 0, 1e9, errors, "");
  if (!errors.empty()) {
    std::string m = "job spec has " + std::to_string(errors.size()) + " problem" +
                    (errors.size() > 1 ? "s" : "") + ":";
    for (const auto& e : errors) m += "\n  " + e;
    throw InputError(m);
  }
  return s;
}

JobSpec loadJobSpec(const std::string& path) {
  std::ifstream f(path);
  if (!f) throw InputError(path + ": cannot open the job spec");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(f);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(path + ": not valid JSON (" + e.what() + ")");
  }
  try {
    return parseJobSpec(j, std::filesystem::absolute(path).parent_path());
  } catch (const InputError& e) {
    throw InputError(path + ": " + e.what());
  }
}

}  // namespace lreg
