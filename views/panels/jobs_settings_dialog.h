#pragma once
// Jobs > Settings: runs folder, worker, local CPU slots, cancel grace, and how Slurm is reached
// (ssh host, SLURM_CONF, the worker's path on the nodes). Returns the edited settings.
#include <optional>

#include "jobs/job_settings.h"

class QWidget;

namespace lreg::views {

std::optional<JobSettings> editJobSettings(const JobSettings& current, QWidget* parent);

}  // namespace lreg::views
