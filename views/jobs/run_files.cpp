#include "jobs/run_files.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTextStream>
#include <cmath>
#include <limits>

namespace lreg::views {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString csvText(const QString& s) {
  if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"'))) return s;
  QString q = s;
  q.replace(QLatin1String("\""), QLatin1String("\"\""));
  return QLatin1Char('"') + q + QLatin1Char('"');
}
}  // namespace

QVector<double> RunMetrics::column(const QString& name) const {
  const qsizetype c = columns.indexOf(name);
  QVector<double> out;
  if (c < 0) return out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(c < r.size() ? r[c] : kNaN);
  return out;
}

RunMetrics readRunMetrics(const QString& dir) {
  RunMetrics m;
  QFile f(QDir(dir).filePath(QStringLiteral("metrics.csv")));
  if (!f.open(QIODevice::ReadOnly)) {
    m.error = QObject::tr("%1: no metrics yet").arg(f.fileName());
    return m;
  }
  const QByteArray all = f.readAll();
  const QList<QByteArray> lines = all.split('\n');
  // The last element is what follows the last newline: a torn row when not empty.
  for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
    const QString line = QString::fromUtf8(lines[i]).trimmed();
    if (line.isEmpty()) continue;
    const QStringList cells = line.split(QLatin1Char(','));
    if (m.columns.isEmpty()) {
      m.columns = cells;
      continue;
    }
    if (cells.size() != m.columns.size()) {
      m.error = QObject::tr("%1, row %2: %3 cells, the header has %4")
                    .arg(f.fileName())
                    .arg(i + 1)
                    .arg(cells.size())
                    .arg(m.columns.size());
      break;
    }
    QVector<double> row;
    row.reserve(cells.size());
    for (const QString& c : cells) {
      bool ok = false;
      const double v = c.toDouble(&ok);
      row.push_back(ok ? v : kNaN);
    }
    m.rows.push_back(row);
  }
  return m;
}

EncoderMeshes readEncoderMeshes(const QString& dir, QString* error) {
  EncoderMeshes out;
  QFile f(QDir(dir).filePath(QStringLiteral("edges.json")));
  const auto fail = [&](const QString& why) {
    if (error) *error = f.fileName() + QStringLiteral(": ") + why;
    return EncoderMeshes{};
  };
  if (!f.open(QIODevice::ReadOnly)) return fail(QObject::tr("no encoder meshes yet"));
  QJsonParseError pe;
  const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
  if (pe.error != QJsonParseError::NoError || !doc.isArray()) return fail(pe.errorString());
  for (const QJsonValue& u : doc.array()) {
    QVector<QVector<double>> components;
    for (const QJsonValue& c : u.toArray()) {
      QVector<double> nodes;
      for (const QJsonValue& x : c.toArray()) nodes.push_back(x.toDouble(kNaN));
      components.push_back(nodes);
    }
    out.push_back(components);
  }
  if (error) error->clear();
  return out;
}

QJsonObject readFinal(const QString& dir) {
  QFile f(QDir(dir).filePath(QStringLiteral("final.json")));
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(f.readAll()).object();
}

QString readTail(const QString& path, int chars) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  if (f.size() > chars * 4) f.seek(f.size() - chars * 4);
  return QString::fromUtf8(f.readAll()).right(chars).trimmed();
}

QString exportRunsCsv(const QString& path, const QVector<RunRecord>& runs) {
  if (runs.isEmpty()) return QObject::tr("No runs are selected.");
  QStringList columns;  // the union of the runs' metrics columns, in first-seen order
  QVector<RunMetrics> metrics;
  for (const RunRecord& r : runs) {
    metrics.push_back(readRunMetrics(r.dir));
    for (const QString& c : metrics.back().columns)
      if (!columns.contains(c)) columns << c;
  }
  QSaveFile f(path);
  if (!f.open(QIODevice::WriteOnly))
    return QObject::tr("%1: cannot write (%2)").arg(path, f.errorString());
  QTextStream out(&f);
  out << "run,name,backend,device,state";
  for (const QString& c : columns) out << ',' << c;
  out << '\n';
  for (qsizetype i = 0; i < runs.size(); ++i) {
    const RunRecord& r = runs[i];
    const RunMetrics& m = metrics[i];
    for (const auto& row : m.rows) {
      out << csvText(r.id) << ',' << csvText(r.name) << ',' << r.backend << ',' << r.device << ','
          << toString(r.state);
      for (const QString& c : columns) {
        const qsizetype k = m.columns.indexOf(c);
        out << ',';
        if (k >= 0 && k < row.size() && std::isfinite(row[k]))
          out << QString::number(row[k], 'g', 10);
      }
      out << '\n';
    }
  }
  out.flush();
  if (!f.commit()) return QObject::tr("%1: cannot write (%2)").arg(path, f.errorString());
  return {};
}

}  // namespace lreg::views
