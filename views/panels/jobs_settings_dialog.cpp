#include "panels/jobs_settings_dialog.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

namespace lreg::views {

std::optional<JobSettings> editJobSettings(const JobSettings& current, QWidget* parent) {
  QDialog dialog(parent);
  dialog.setWindowTitle(QObject::tr("Jobs settings"));
  auto* form = new QFormLayout(&dialog);
  const auto line = [&](const QString& label, const QString& value, const QString& hint) {
    auto* e = new QLineEdit(value);
    e->setPlaceholderText(hint);
    form->addRow(label, e);
    return e;
  };
  QLineEdit* root = line(QObject::tr("Runs folder"), current.runs_root, current.runsRoot());
  QLineEdit* worker = line(QObject::tr("Worker (lreg)"), current.worker,
                           QObject::tr("next to the studio, then the build tree, then PATH"));
  auto* cores = new QSpinBox;
  cores->setRange(1, 1024);
  cores->setValue(current.cpu_cores);
  form->addRow(QObject::tr("Local CPU jobs at once"), cores);
  auto* grace = new QSpinBox;
  grace->setRange(0, 600);
  grace->setSuffix(QStringLiteral(" s"));
  grace->setValue(current.grace_ms / 1000);
  form->addRow(QObject::tr("Kill after SIGTERM"), grace);
  QLineEdit* ssh = line(QObject::tr("Slurm through ssh"), current.ssh_host,
                        QObject::tr("empty: run sbatch here"));
  QLineEdit* conf =
      line(QObject::tr("SLURM_CONF"), current.slurm_conf, QObject::tr("empty: the environment's"));
  QLineEdit* nodeWorker = line(QObject::tr("Worker on the nodes"), current.slurm_worker,
                               QObject::tr("empty: the local worker's path"));
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  form->addRow(buttons);
  QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
  QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  if (dialog.exec() != QDialog::Accepted) return std::nullopt;
  JobSettings s = current;
  s.runs_root = root->text().trimmed();
  s.worker = worker->text().trimmed();
  s.cpu_cores = cores->value();
  s.grace_ms = grace->value() * 1000;
  s.ssh_host = ssh->text().trimmed();
  s.slurm_conf = conf->text().trimmed();
  s.slurm_worker = nodeWorker->text().trimmed();
  return s;
}

}  // namespace lreg::views
