#pragma once
// The Jobs panel's settings (QSettings group "jobs"): where runs live, which worker runs them,
// how many local jobs run at once, and how Slurm is reached.
#include <QSettings>
#include <QString>

namespace lreg::views {

struct JobSettings {
  QString runs_root;           // empty: QStandardPaths::AppDataLocation/runs
  QString worker;              // the `lreg` to run; empty: found (worker_locator.h)
  int cpu_cores = 2;           // local CPU jobs running at once (one core each)
  int grace_ms = 10000;        // SIGTERM, then SIGKILL after this long
  QString ssh_host;            // Slurm commands through `ssh HOST`; empty: run locally
  QString slurm_conf;          // SLURM_CONF for the Slurm commands; empty: the environment's
  QString slurm_worker;        // `lreg` as the compute nodes see it; empty: the local worker's path
  int poll_ms = 2000;          // Slurm state and output polling
  int output_timeout_s = 120;  // a running job whose output file is still missing then: failed

  QString runsRoot() const;  // runs_root or the default
  void save(QSettings& s) const;
  static JobSettings load(QSettings& s);
};

}  // namespace lreg::views
