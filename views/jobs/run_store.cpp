#include "jobs/run_store.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <algorithm>

namespace lreg::views {

namespace {
constexpr int kIndexVersion = 1;
const char* const kStates[] = {"queued", "pending", "running", "finished", "failed", "cancelled"};

QString isoTime(const QDateTime& t) {
  return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}
}  // namespace

QString toString(JobState s) { return QString::fromLatin1(kStates[static_cast<int>(s)]); }

JobState jobStateFromString(const QString& s) {
  for (int i = 0; i < 6; ++i)
    if (s == QLatin1String(kStates[i])) return static_cast<JobState>(i);
  return JobState::Failed;
}

bool isActive(JobState s) {
  return s == JobState::Queued || s == JobState::Pending || s == JobState::Running;
}

double RunRecord::durationSeconds() const {
  if (!started.isValid()) return 0;
  const QDateTime end = ended.isValid() ? ended : QDateTime::currentDateTimeUtc();
  return started.msecsTo(end) / 1000.0;
}

QJsonObject RunRecord::toJson() const {
  return {{QStringLiteral("id"), id},
          {QStringLiteral("name"), name},
          {QStringLiteral("backend"), backend},
          {QStringLiteral("device"), device},
          {QStringLiteral("state"), toString(state)},
          {QStringLiteral("message"), message},
          {QStringLiteral("created"), isoTime(created)},
          {QStringLiteral("started"), isoTime(started)},
          {QStringLiteral("ended"), isoTime(ended)},
          {QStringLiteral("spec"), spec},
          {QStringLiteral("final"), final},
          {QStringLiteral("slurm_job_id"), slurm_job_id},
          {QStringLiteral("slurm_state"), slurm_state},
          {QStringLiteral("dir"), dir}};
}

RunRecord RunRecord::fromJson(const QJsonObject& o) {
  RunRecord r;
  const auto str = [&](const char* k) { return o.value(QLatin1String(k)).toString(); };
  const auto time = [&](const char* k) { return QDateTime::fromString(str(k), Qt::ISODateWithMs); };
  r.id = str("id");
  r.name = str("name");
  r.backend = str("backend");
  r.device = str("device");
  r.state = jobStateFromString(str("state"));
  r.message = str("message");
  r.created = time("created");
  r.started = time("started");
  r.ended = time("ended");
  r.spec = o.value(QStringLiteral("spec")).toObject();
  r.final = o.value(QStringLiteral("final")).toObject();
  r.slurm_job_id = str("slurm_job_id");
  r.slurm_state = str("slurm_state");
  r.dir = str("dir");
  return r;
}

RunStore::RunStore(QString root) : root_(std::move(root)) {
  QDir().mkpath(root_);
  const QString path = QDir(root_).filePath(QStringLiteral("index.json"));
  QFile f(path);
  if (!f.exists()) return;
  if (!f.open(QIODevice::ReadOnly)) {
    load_error_ = QObject::tr("%1: cannot read (%2)").arg(path, f.errorString());
    return;
  }
  QJsonParseError error;
  const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
  f.close();
  const QJsonObject top = doc.object();
  if (error.error != QJsonParseError::NoError || !doc.isObject() ||
      top.value(QStringLiteral("format")).toString() != QLatin1String("lreg-runs")) {
    load_error_ =
        QObject::tr("%1: not a runs index (%2); kept as index.json.bad")
            .arg(path, error.error != QJsonParseError::NoError ? error.errorString()
                                                               : QObject::tr("no format"));
    QFile::remove(path + QStringLiteral(".bad"));
    QFile::rename(path, path + QStringLiteral(".bad"));
    return;
  }
  for (const QJsonValue& v : top.value(QStringLiteral("runs")).toArray())
    runs_.push_back(RunRecord::fromJson(v.toObject()));
}

const RunRecord* RunStore::find(const QString& id) const {
  for (const RunRecord& r : runs_)
    if (r.id == id) return &r;
  return nullptr;
}

RunRecord RunStore::create(const QString& name, const QString& backend, const QString& device) {
  RunRecord r;
  r.name = name;
  r.backend = backend;
  r.device = device;
  r.created = QDateTime::currentDateTimeUtc();
  QString safe = name;
  for (QChar& c : safe)
    if (!c.isLetterOrNumber() && c != QLatin1Char('-') && c != QLatin1Char('_'))
      c = QLatin1Char('_');
  const QString stem = r.created.toString(QStringLiteral("yyyyMMdd-HHmmss-")) + safe.left(40);
  QDir root(root_);
  for (int n = 1;; ++n) {
    r.id = stem + QLatin1Char('-') + QString::number(n);
    if (!find(r.id) && !root.exists(r.id) && root.mkpath(r.id)) break;
  }
  r.dir = root.absoluteFilePath(r.id);
  return r;
}

QString RunStore::put(const RunRecord& record) {
  bool replaced = false;
  for (RunRecord& r : runs_) {
    if (r.id != record.id) continue;
    r = record;
    replaced = true;
  }
  if (!replaced) runs_.push_back(record);
  return save();
}

QString RunStore::remove(const QString& id) {
  runs_.erase(
      std::remove_if(runs_.begin(), runs_.end(), [&](const RunRecord& r) { return r.id == id; }),
      runs_.end());
  return save();
}

QString RunStore::save() const {
  QJsonArray runs;
  for (const RunRecord& r : runs_) runs.append(r.toJson());
  const QJsonObject top{{QStringLiteral("format"), QStringLiteral("lreg-runs")},
                        {QStringLiteral("version"), kIndexVersion},
                        {QStringLiteral("runs"), runs}};
  QSaveFile f(QDir(root_).filePath(QStringLiteral("index.json")));
  if (!f.open(QIODevice::WriteOnly))
    return QObject::tr("%1: cannot write (%2)").arg(f.fileName(), f.errorString());
  f.write(QJsonDocument(top).toJson(QJsonDocument::Indented));
  if (!f.commit()) return QObject::tr("%1: cannot write (%2)").arg(f.fileName(), f.errorString());
  return {};
}

}  // namespace lreg::views
