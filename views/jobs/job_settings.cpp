#include "jobs/job_settings.h"

#include <QDir>
#include <QStandardPaths>

namespace lreg::views {

QString JobSettings::runsRoot() const {
  if (!runs_root.isEmpty()) return runs_root;
  return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
      .filePath(QStringLiteral("runs"));
}

void JobSettings::save(QSettings& s) const {
  s.setValue(QStringLiteral("runs_root"), runs_root);
  s.setValue(QStringLiteral("worker"), worker);
  s.setValue(QStringLiteral("cpu_cores"), cpu_cores);
  s.setValue(QStringLiteral("grace_ms"), grace_ms);
  s.setValue(QStringLiteral("ssh_host"), ssh_host);
  s.setValue(QStringLiteral("slurm_conf"), slurm_conf);
  s.setValue(QStringLiteral("slurm_worker"), slurm_worker);
  s.setValue(QStringLiteral("poll_ms"), poll_ms);
  s.setValue(QStringLiteral("output_timeout_s"), output_timeout_s);
}

JobSettings JobSettings::load(QSettings& s) {
  JobSettings j;
  j.runs_root = s.value(QStringLiteral("runs_root")).toString();
  j.worker = s.value(QStringLiteral("worker")).toString();
  j.cpu_cores = qMax(1, s.value(QStringLiteral("cpu_cores"), j.cpu_cores).toInt());
  j.grace_ms = qMax(0, s.value(QStringLiteral("grace_ms"), j.grace_ms).toInt());
  j.ssh_host = s.value(QStringLiteral("ssh_host")).toString();
  j.slurm_conf = s.value(QStringLiteral("slurm_conf")).toString();
  j.slurm_worker = s.value(QStringLiteral("slurm_worker")).toString();
  j.poll_ms = qMax(100, s.value(QStringLiteral("poll_ms"), j.poll_ms).toInt());
  j.output_timeout_s =
      qMax(1, s.value(QStringLiteral("output_timeout_s"), j.output_timeout_s).toInt());
  return j;
}

}  // namespace lreg::views
