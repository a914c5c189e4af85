#include "session/compare_session.h"

#include <exception>

#include "lreg/common/status.h"
#include "lreg/data/csv.h"
#include "lreg/data/embedded.h"

namespace lreg::views {

namespace {

// Every row of the source, unsplit: compareMethods draws its own splits.
void allRows(const RaceSource& s, Eigen::MatrixXd& x, Eigen::MatrixXd& y, std::string& name) {
  Dataset d;
  switch (s.kind) {
    case RaceSource::Kind::Sdf:
      d = sdfDecoder();
      break;
    case RaceSource::Kind::Abalone:
      d = abalone();
      break;
    case RaceSource::Kind::Sim:
      d = simDataset(s);
      break;
    case RaceSource::Kind::Csv: {
      CsvOptions c;
      c.target_columns = s.target_columns;
      const CsvTable t = readCsv(s.csv_path, c);
      splitColumns(t, s.target_columns, d.x_train, d.y_train);
      d.name = s.csv_path;
      break;
    }
  }
  x.resize(d.x_train.rows() + d.x_test.rows(), d.inputs());
  y.resize(x.rows(), d.outputs());
  x << d.x_train, d.x_test;
  y << d.y_train, d.y_test;
  name = s.kind == RaceSource::Kind::Csv ? s.label().toStdString() : d.name;
}

}  // namespace

CompareSession::CompareSession(QObject* parent) : QObject(parent) {
  qRegisterMetaType<CompareReportPtr>();
  connect(&jobs_, &JobTracker::progress, this,
          [this](const JobProgress& p) { Q_EMIT progress(p.step, p.of, p.message); });
  connect(&jobs_, &JobTracker::failed, this, &CompareSession::failed);
  connect(&jobs_, &JobTracker::runningChanged, this, &CompareSession::runningChanged);
}

void CompareSession::start(const CompareRequest& request) {
  request_ = request;
  cancelled_ = false;
  JobHandlers h;
  h.result = [this](std::any& v) { deliver(std::any_cast<CompareReportPtr>(v), false); };
  h.cancelled = [this](std::any& v) {
    if (const auto* r = std::any_cast<CompareReportPtr>(&v)) deliver(*r, true);
  };
  jobs_.start(std::make_unique<InThreadJob>([request](const JobContext& job) -> std::any {
                if (request.methods.empty()) throw InputError("choose at least one method");
                if (request.splits < 1) throw InputError("the number of splits must be >= 1");
                Eigen::MatrixXd x, y;
                std::string name;
                allRows(request.source, x, y, name);
                CompareOptions o;
                o.methods = request.methods;
                o.splits = request.splits;
                o.first_seed = request.source.seed;
                o.test_fraction = request.source.test_fraction;
                o.config = request.config;
                return std::make_shared<const CompareReport>(
                    compareMethods(x, y, name, o, job.progressFn()));
              }),
              std::move(h));
}

void CompareSession::deliver(CompareReportPtr report, bool cancelled) {
  report_ = std::move(report);
  // A cancel that came after the last run changed nothing.
  const size_t planned = request_.methods.size() * static_cast<size_t>(request_.splits);
  cancelled_ = cancelled && report_->runs.size() < planned;
  Q_EMIT finished(report_, cancelled_);
}

void CompareSession::cancel() { jobs_.cancel(); }

void CompareSession::waitForIdle() { jobs_.waitForIdle(); }

}  // namespace lreg::views
