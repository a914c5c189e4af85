#pragma once
// Shared by the Jobs tests: specs on a private copy of the synthetic features, and waiting for a
// run to reach a state.
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>

#include "jobs/job_manager.h"

namespace jobtest {

constexpr int kTimeoutMs = 120000;

// A spec on DIR/features.npz (copied from resources/jobs), epochs and device as given.
inline QJsonObject spec(const QString& dir, const QString& name, int epochs,
                        const QString& device = QStringLiteral("cpu")) {
  const QString npz = QDir(dir).filePath(QStringLiteral("features.npz"));
  if (!QFile::exists(npz))
    QFile::copy(QStringLiteral(LREG_RESOURCES_DIR "/jobs/synthetic-features.npz"), npz);
  return {
      {"format", "lreg-job"},
      {"version", 1},
      {"kind", "lreg-connection"},
      {"name", name},
      {"data", QJsonObject{{"features", "features.npz:features"},
                           {"logits", "features.npz:logits"},
                           {"labels", "features.npz:labels"}}},
      {"options", QJsonObject{{"components", 8}, {"nodes", 12}, {"epochs", epochs}, {"lr", 0.02}}},
      {"device", device},
      {"checkpoint_every", epochs > 100 ? 0 : 1}};
}

template <typename Pred>
bool waitFor(Pred pred, int ms = kTimeoutMs) {
  QElapsedTimer t;
  t.start();
  while (!pred()) {
    if (t.elapsed() > ms) return false;
    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
  }
  return true;
}

inline lreg::views::JobState stateOf(const lreg::views::JobManager& m, const QString& id) {
  const lreg::views::RunRecord* r = m.run(id);
  return r ? r->state : lreg::views::JobState::Failed;
}

}  // namespace jobtest
