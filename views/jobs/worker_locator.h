#pragma once
// Where the studio finds the job worker `lreg`: the setting when given, else next to the studio's
// executable, else in the build tree (../cli/lreg beside app/studio/), else on PATH.
#include <QString>

namespace lreg::views {

struct WorkerLocation {
  QString path;   // empty when none was found
  QString error;  // what was tried and what to do, when path is empty
};

// override_path: the setting (must exist and be executable when given). app_dir: the studio's
// folder (QCoreApplication::applicationDirPath()).
WorkerLocation locateWorker(const QString& override_path, const QString& app_dir);

}  // namespace lreg::views
