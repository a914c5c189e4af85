#pragma once
// The frozen model of a table job (job_spec.h, data.table): an MLP classifier pretrained on the
// table's training rows (the job's own validation split, so the head's validation rows are never
// seen), frozen, and turned into the head's data: its last hidden layer as features, its outputs
// as the frozen logits, the table's last column as labels. The classifier is saved as
// OUT/frozen-mlp.json (`lreg predict` reads it); a folder that already holds it (a resumed job)
// reuses it instead of training again.
#include <atomic>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>

#include "lreg/jobs/job_events.h"
#include "lreg/jobs/job_spec.h"
#include "lreg/train/connection_trainer.h"

namespace lreg {

struct PretrainedData {
  ConnectionData data;
  // epochs, plateaued, seconds, reused, hidden, layers, train_loss / train_acc, val_loss / val_acc
  nlohmann::json summary;
};

// Empty when `stop` turned true during the pretraining. Throws InputError naming the file and row
// for a bad table (a label that is not a class index, fewer than 2 classes, ...).
std::optional<PretrainedData> pretrainedData(const JobSpec& spec,
                                             const std::filesystem::path& out_dir,
                                             JobEvents& events, const std::atomic<bool>& stop);

}  // namespace lreg
