#include "session/compare_session.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

#include "lreg/common/status.h"
#include "lreg/data/csv.h"
#include "lreg/data/embedded.h"
#include "session/worker_jobs.h"

namespace lreg::views {

namespace {

// Every row of the source, unsplit: compareMethods draws its own splits.
void allRows(const RaceSource& s, Eigen::MatrixXd& x, Eigen::MatrixXd& y, std::string& name) {
  Dataset d;
  switch (s.kind) {
    case RaceSource::Kind::Sdf: d = sdfDecoder(); break;
    case RaceSource::Kind::Abalone: d = abalone(); break;
    case RaceSource::Kind::Sim: d = simDataset(s); break;
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
}

CompareSession::~CompareSession() {
  if (cancel_) *cancel_ = true;
  waitForJobs(this);
}

void CompareSession::start(const CompareRequest& request) {
  if (cancel_) *cancel_ = true;
  const quint64 generation = ++generation_;
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  request_ = request;
  cancelled_ = false;
  if (!running_) {
    running_ = true;
    Q_EMIT runningChanged(true);
  }
  struct Result {
    CompareReportPtr report;
    QString error;
  };
  auto result = std::make_shared<Result>();
  auto* watcher = new QFutureWatcher<void>(this);
  connect(watcher, &QFutureWatcher<void>::finished, this, [this, watcher, generation, result] {
    watcher->deleteLater();
    if (generation != generation_) return;  // superseded by a newer table
    running_ = false;
    Q_EMIT runningChanged(false);
    if (!result->error.isEmpty()) {
      Q_EMIT failed(result->error);
      return;
    }
    report_ = result->report;
    // A cancel that came after the last run changed nothing.
    const size_t planned = request_.methods.size() * static_cast<size_t>(request_.splits);
    cancelled_ = cancelled_ && report_->runs.size() < planned;
    Q_EMIT finished(report_, cancelled_);
  });
  watcher->setFuture(QtConcurrent::run([this, request, generation, cancel = cancel_, result] {
    try {
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
      result->report = std::make_shared<const CompareReport>(
          compareMethods(x, y, name, o, [this, generation, cancel](const Progress& p) {
            const QString message = QString::fromStdString(p.message);
            QMetaObject::invokeMethod(
                this,
                [this, generation, p, message] {
                  if (generation == generation_) Q_EMIT progress(p.step, p.total, message);
                },
                Qt::QueuedConnection);
            return !*cancel;
          }));
    } catch (const std::exception& e) {
      result->error = QString::fromStdString(e.what());
    }
  }));
}

void CompareSession::cancel() {
  if (!running_ || !cancel_) return;
  *cancel_ = true;
  cancelled_ = true;
}

void CompareSession::waitForIdle() {
  while (running_) QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
}

}  // namespace lreg::views
