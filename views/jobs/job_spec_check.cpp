#include "jobs/job_spec_check.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <filesystem>

#include "lreg/jobs/job_spec.h"

namespace lreg::views {

CheckedSpec checkJobSpec(const QJsonObject& spec, const QString& dir) {
  CheckedSpec c;
  JobSpec parsed;
  try {
    const QByteArray bytes = QJsonDocument(spec).toJson(QJsonDocument::Compact);
    parsed = parseJobSpec(nlohmann::json::parse(bytes.constData()),
                          std::filesystem::absolute(dir.toStdString()));
  } catch (const std::exception& e) {
    c.error = QString::fromStdString(e.what());
    return c;
  }
  QStringList missing;
  QJsonObject data = spec.value(QStringLiteral("data")).toObject();
  const auto resolve = [&](const char* key, const TensorRef& ref) {
    const QString file = QString::fromStdString(ref.file.string());
    if (!QFileInfo(file).isFile())
      missing << QObject::tr("data.%1: %2 does not exist").arg(QLatin1String(key), file);
    data.insert(QLatin1String(key), QString::fromStdString(ref.text()));
  };
  if (parsed.has_table) {  // the worker pretrains the frozen model from the table
    const QString file = QString::fromStdString(parsed.table.string());
    if (!QFileInfo(file).isFile())
      missing << QObject::tr("data.table: %1 does not exist").arg(file);
    data.insert(QStringLiteral("table"), file);
  } else {
    resolve("features", parsed.features);
    resolve("labels", parsed.labels);
    if (parsed.has_logits) resolve("logits", parsed.logits);
  }
  if (!missing.isEmpty()) {
    c.error = QObject::tr("job spec has %n missing data file(s):", nullptr, int(missing.size())) +
              QStringLiteral("\n  ") + missing.join(QStringLiteral("\n  "));
    return c;
  }
  c.spec = spec;
  c.spec.insert(QStringLiteral("data"), data);
  c.name = QString::fromStdString(parsed.name);
  c.device = QString::fromLatin1(toString(parsed.device));
  return c;
}

}  // namespace lreg::views
