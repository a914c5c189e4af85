#pragma once
// The spec the Jobs panel submits, checked by the core's own parser (lreg/jobs/job_spec.h, the
// one `lreg job run --check` uses) before anything reaches a backend, and made self-contained:
// data paths absolute (the spec is written into its run folder), every data file present.
#include <QJsonObject>
#include <QString>

namespace lreg::views {

struct CheckedSpec {
  QJsonObject spec;  // data paths absolute
  QString name;
  QString device;  // auto, cpu, cuda
  QString error;   // every problem, named by field (the parser's message); empty when valid
  bool ok() const { return error.isEmpty(); }
};

// dir: the folder the spec's relative data paths are relative to.
CheckedSpec checkJobSpec(const QJsonObject& spec, const QString& dir);

}  // namespace lreg::views
