#include "panels/mesh2d_export.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QObject>
#include <QTextStream>
#include <cmath>
#include <map>
#include <string>

namespace lreg::views {

namespace {

// CSV writers: one header line, then rows; numbers at full precision.
template <typename Rows>
QString writeCsv(const QString& path, const QString& header, Rows rows) {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
    return QObject::tr("Cannot write %1").arg(path);
  QTextStream out(&file);
  out.setRealNumberPrecision(17);
  out << header << "\n";
  rows(out);
  return {};
}

}  // namespace

QString exportMesh2DCsv(const Mesh2DFrame& frame, const QString& path) {
  const Mrc2DSnapshot& s = *frame.snapshot;
  QString header = QStringLiteral("x1,x2");
  for (Eigen::Index c = 0; c < s.coeffs.cols(); ++c) header += QStringLiteral(",c%1").arg(c + 1);
  QString error = writeCsv(path, header, [&s](QTextStream& out) {
    for (Eigen::Index i = 0; i < s.vertices.rows(); ++i) {
      out << s.vertices(i, 0) << "," << s.vertices(i, 1);
      for (Eigen::Index c = 0; c < s.coeffs.cols(); ++c) out << "," << s.coeffs(i, c);
      out << "\n";
    }
  });
  const QFileInfo info(path);
  const auto sibling = [&info](const char* suffix) {
    return info.dir().filePath(info.completeBaseName() + QLatin1String(suffix));
  };
  if (error.isEmpty())
    error = writeCsv(
        sibling("_triangles.csv"), QStringLiteral("v0,v1,v2,samples,mae"), [&s](QTextStream& out) {
          for (Eigen::Index t = 0; t < s.triangles.rows(); ++t)
            out << s.triangles(t, 0) << "," << s.triangles(t, 1) << "," << s.triangles(t, 2) << ","
                << s.triangle_samples(t) << "," << s.triangle_mae(t) << "\n";
        });
  const History& h = frame.history;
  const auto keys = h.empty() ? std::map<std::string, double>{} : h.points.front().extra;
  QString hheader =
      QStringLiteral("step,seconds,train_%1,test_%1").arg(QString::fromStdString(h.loss));
  for (const auto& [key, value] : keys)
    hheader += QStringLiteral(",") + QString::fromStdString(key);
  if (error.isEmpty())
    error = writeCsv(sibling("_history.csv"), hheader, [&h, &keys](QTextStream& out) {
      for (const HistoryPoint& p : h.points) {
        out << p.step << "," << p.seconds << "," << p.train_loss << "," << p.test_loss;
        for (const auto& [key, value] : keys) {
          const auto it = p.extra.find(key);
          out << "," << (it == p.extra.end() ? std::nan("") : it->second);
        }
        out << "\n";
      }
    });
  return error;
}

}  // namespace lreg::views
