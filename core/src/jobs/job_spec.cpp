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

}  // namespace

std::string TensorRef::text() const { return file.string() + (name.empty() ? "" : ":" + name); }

const char* toString(Device d) {
  return d == Device::Auto ? "auto" : d == Device::Cpu ? "cpu" : "cuda";
}

nlohmann::json JobSpec::toJson() const {
  nlohmann::json data = {{"features", features.text()},
                         {"labels", labels.text()},
                         {"val_fraction", val_fraction},
                         {"split_seed", split_seed}};
  if (has_logits) data["logits"] = logits.text();
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
    errors.push_back("data: missing (an object with features, labels and optionally logits)");
  } else {
    const auto& d = j["data"];
    unknownKeys(d, {"features", "logits", "labels", "val_fraction", "split_seed"}, errors, "data.");
    s.features = tensorRef(d, "features", dir, errors);
    s.labels = tensorRef(d, "labels", dir, errors);
    if (d.contains("logits")) {
      s.logits = tensorRef(d, "logits", dir, errors);
      s.has_logits = true;
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
