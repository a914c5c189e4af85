#pragma once
// Reading what a worker left in a run folder (docs/jobs.md): metrics.csv (one flushed row per
// epoch, so a killed run's rows up to its last epoch stay readable), edges.json (the encoder's
// nodes after each mesh update), final.json; and writing the metrics of several runs to one CSV.
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include "jobs/run_store.h"

namespace lreg::views {

struct RunMetrics {
  QStringList columns;            // the header: epoch, seconds, train_loss, val_loss, ...
  QVector<QVector<double>> rows;  // NaN where a cell is "nan" or empty
  QString error;                  // a missing or malformed file (rows read so far are kept)

  // The column by name (empty when absent).
  QVector<double> column(const QString& name) const;
  bool isEmpty() const { return rows.isEmpty(); }
};

// A torn last line (the worker killed while writing it) is dropped, not an error.
RunMetrics readRunMetrics(const QString& dir);

// edges.json: updates x components x nodes. Empty (with error set) when absent or malformed.
using EncoderMeshes = QVector<QVector<QVector<double>>>;
EncoderMeshes readEncoderMeshes(const QString& dir, QString* error = nullptr);

QJsonObject readFinal(const QString& dir);  // empty when absent
QString readTail(const QString& path, int chars);

// One CSV of the runs' metrics: run, name, backend, device, then the metrics columns. Returns an
// error message or empty.
QString exportRunsCsv(const QString& path, const QVector<RunRecord>& runs);

}  // namespace lreg::views
