#pragma once
// A job spec: one versioned JSON file that says what to train on which data, read by the worker
// (`lreg job run SPEC --out DIR`) and written by the studio's Jobs panel.
//
//   {"format": "lreg-job", "version": 1, "kind": "lreg-connection", "name": "digits",
//    "data": {"features": "features.npz:features", "logits": "features.npz:logits",
//             "labels": "features.npz:labels", "val_fraction": 0.2, "split_seed": 1},
//    "options": {"components": 16, "nodes": 16, "epochs": 5, ...},
//    "device": "auto", "checkpoint_every": 1}
//
// Or, for a frozen model this worker trains itself: "data": {"table": "../data/digits.csv.gz",
// "pretrain": {"hidden": 32, ...}, "val_fraction": 0.2, "split_seed": 1}: a CSV (.csv or .csv.gz)
// whose last column is the class; the worker pretrains an MLP classifier on the training rows
// (lreg/train/mlp_classifier.h), freezes it, and the head sees its last hidden layer as features
// and its outputs as the frozen logits.
//
// Paths are relative to the spec's folder. A tensor is named FILE (a .npy) or FILE:NAME (a member
// of an .npz or a .safetensors). parseJobSpec() refuses a malformed spec before any work and names
// every bad, unknown or missing field with its allowed values, all at once.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "lreg/train/connection_trainer.h"
#include "lreg/train/mlp_classifier.h"

namespace lreg {

enum class Device { Auto, Cpu, Cuda };

struct TensorRef {
  std::filesystem::path file;
  std::string name;  // empty for a .npy
  std::string text() const;
};

struct JobSpec {
  int version = 1;
  std::string kind;  // "lreg-connection"
  std::string name;
  std::filesystem::path dir;  // the spec's folder
  TensorRef features, logits, labels;
  bool has_logits = false;
  std::filesystem::path table;  // data.table: a CSV whose last column is the class
  bool has_table = false;       // then features / labels / logits come from the pretrained MLP
  MlpClassifierOptions pretrain;
  double val_fraction = 0.2;
  std::uint64_t split_seed = 1;
  ConnectionOptions connection;
  // options.head: "lreg" (the connection), "linear" (linear probe) or "low-rank" (rank matched
  // to the connection's parameter count): baselines on the same data and SGD loop.
  std::string head = "lreg";
  Device device = Device::Auto;
  int checkpoint_every = 1;  // epochs between checkpoints

  nlohmann::json toJson() const;  // every field, defaults included, paths as given
};

const char* toString(Device d);

JobSpec parseJobSpec(const nlohmann::json& j, const std::filesystem::path& dir);
JobSpec loadJobSpec(const std::string& path);  // errors name the file

}  // namespace lreg
