#include "jobs/worker_locator.h"

#include <QDir>
#include <QFileInfo>
#include <QObject>
#include <QStandardPaths>

namespace lreg::views {

namespace {
bool runnable(const QString& path) {
  const QFileInfo f(path);
  return f.isFile() && f.isExecutable();
}
}  // namespace

WorkerLocation locateWorker(const QString& override_path, const QString& app_dir) {
  if (!override_path.isEmpty()) {
    if (runnable(override_path)) return {QFileInfo(override_path).absoluteFilePath(), {}};
    return {{},
            QObject::tr("The job worker set in the settings, %1, is not an executable file. "
                        "Point the setting at `lreg` or clear it to search for one.")
                .arg(override_path)};
  }
  const QDir dir(app_dir);
  const QStringList candidates{dir.filePath(QStringLiteral("lreg")),
                               QDir::cleanPath(dir.filePath(QStringLiteral("../cli/lreg")))};
  for (const QString& c : candidates)
    if (runnable(c)) return {c, {}};
  const QString onPath = QStandardPaths::findExecutable(QStringLiteral("lreg"));
  if (!onPath.isEmpty()) return {onPath, {}};
  return {{},
          QObject::tr("No job worker `lreg` found (looked in %1, %2 and on PATH). Build the "
                      "`lreg` target, put it on PATH, or set its path in the Jobs settings.")
              .arg(candidates[0], candidates[1])};
}

}  // namespace lreg::views
