#include "session/process_job.h"

#include <QJsonDocument>
#include <QProcess>
#include <QTimer>
#include <utility>

namespace lreg::views {

bool parseEventLine(const QByteArray& line, QJsonObject& event, JobProgress& progress) {
  QJsonParseError error;
  const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
  if (error.error != QJsonParseError::NoError || !doc.isObject()) return false;
  event = doc.object();
  if (!event.value(QStringLiteral("event")).isString()) return false;
  progress = JobProgress{};
  progress.step = event.value(QStringLiteral("step")).toInt();
  progress.of = event.value(QStringLiteral("of")).toInt();
  progress.seconds = event.value(QStringLiteral("seconds")).toDouble();
  progress.message = event.value(QStringLiteral("message")).toString();
  for (auto it = event.begin(); it != event.end(); ++it) {
    const QString& key = it.key();
    if (key == QLatin1String("step") || key == QLatin1String("of") ||
        key == QLatin1String("seconds"))
      continue;
    if (it.value().isDouble()) progress.values.insert(key, it.value().toDouble());
  }
  return true;
}

ProcessJob::ProcessJob(QString program, QStringList arguments)
    : ProcessJob(std::move(program), std::move(arguments), Options{}) {}

ProcessJob::ProcessJob(QString program, QStringList arguments, Options options)
    : program_(std::move(program)),
      arguments_(std::move(arguments)),
      options_(std::move(options)) {}

ProcessJob::~ProcessJob() {
  if (!process_) return;
  process_->disconnect();  // nothing is reported from a destructor
  if (process_->state() != QProcess::NotRunning) {
    process_->kill();
    process_->waitForFinished(-1);
  }
  delete process_;
}

void ProcessJob::start(QObject* context, JobCallbacks callbacks) {
  callbacks_ = std::move(callbacks);
  process_ = new QProcess;
  process_->moveToThread(context->thread());
  if (options_.events_on_stdout) {
    QObject::connect(process_, &QProcess::readyReadStandardOutput, context,
                     [this] { readEvents(false); });
    QObject::connect(process_, &QProcess::readyReadStandardError, context,
                     [this] { readLog(false); });
  } else {
    QObject::connect(process_, &QProcess::readyReadStandardError, context,
                     [this] { readEvents(false); });
    QObject::connect(process_, &QProcess::readyReadStandardOutput, context,
                     [this] { stdout_ += process_->readAllStandardOutput(); });
  }
  QObject::connect(process_, &QProcess::finished, context,
                   [this](int code, QProcess::ExitStatus status) {
                     onExited(code, status == QProcess::CrashExit);
                   });
  QObject::connect(process_, &QProcess::errorOccurred, context, [this](QProcess::ProcessError e) {
    if (e != QProcess::FailedToStart || ended_) return;  // the others end in finished
    ended_ = true;
    if (callbacks_.failed)
      callbacks_.failed(QObject::tr("cannot start %1: %2").arg(program_, process_->errorString()));
  });
  process_->setProcessEnvironment(options_.environment);
  if (!options_.working_directory.isEmpty())
    process_->setWorkingDirectory(options_.working_directory);
  process_->start(program_, arguments_);
}

void ProcessJob::cancel() {
  if (!process_ || ended_) return;
  cancelled_ = true;
  if (options_.terminate_grace_ms < 0) {
    process_->kill();
    return;
  }
  process_->terminate();
  QTimer::singleShot(options_.terminate_grace_ms, process_, [p = process_] {
    if (p->state() != QProcess::NotRunning) p->kill();
  });
}

void ProcessJob::wait() {
  if (process_ && process_->state() != QProcess::NotRunning) process_->waitForFinished(-1);
}

bool ProcessJob::waitFor(int ms) {
  return !process_ || process_->state() == QProcess::NotRunning || process_->waitForFinished(ms);
}

qint64 ProcessJob::processId() const { return process_ ? process_->processId() : 0; }

void ProcessJob::readEvents(bool flush) {
  pending_ += options_.events_on_stdout ? process_->readAllStandardOutput()
                                        : process_->readAllStandardError();
  for (qsizetype nl; (nl = pending_.indexOf('\n')) >= 0;) {
    handleLine(pending_.left(nl));
    pending_.remove(0, nl + 1);
  }
  if (flush && !pending_.isEmpty()) {
    handleLine(pending_);
    pending_.clear();
  }
}

void ProcessJob::readLog(bool flush) {
  pending_log_ += process_->readAllStandardError();
  for (qsizetype nl; (nl = pending_log_.indexOf('\n')) >= 0;) {
    keepTail(pending_log_.left(nl).trimmed());
    pending_log_.remove(0, nl + 1);
  }
  if (flush && !pending_log_.isEmpty()) {
    keepTail(pending_log_.trimmed());
    pending_log_.clear();
  }
}

void ProcessJob::keepTail(const QByteArray& line) {
  if (line.isEmpty()) return;
  tail_ += QString::fromUtf8(line) + QLatin1Char('\n');
  if (tail_.size() > kTailChars) tail_ = tail_.right(kTailChars);
}

void ProcessJob::handleLine(const QByteArray& raw) {
  const QByteArray line = raw.trimmed();
  if (line.isEmpty()) return;
  if (!options_.events_on_stdout) keepTail(line);  // worker mode: stderr is the log
  QJsonObject event;
  JobProgress progress;
  if (!parseEventLine(line, event, progress)) {
    if (options_.events_on_stdout) keepTail(line);  // stray text on stdout: log too
    return;
  }
  const QString kind = event.value(QStringLiteral("event")).toString();
  if (kind == QLatin1String("progress")) {
    if (callbacks_.progress) callbacks_.progress(progress);
  } else if (kind == QLatin1String("warning")) {
    if (callbacks_.warning) callbacks_.warning(progress.message);
  } else if (kind == QLatin1String("finished")) {
    finished_ = event;
  } else if (kind == QLatin1String("failed")) {
    failed_message_ = progress.message;
  } else if (options_.events_on_stdout && callbacks_.update) {
    std::any value = event;  // started, mesh-update, checkpoint
    callbacks_.update(value);
  }
}

void ProcessJob::onExited(int code, bool crashed) {
  if (ended_) return;
  ended_ = true;
  readEvents(true);
  if (options_.events_on_stdout)
    readLog(true);
  else
    stdout_ += process_->readAllStandardOutput();
  if (cancelled_) {
    std::any none;
    if (callbacks_.cancelled) callbacks_.cancelled(none);
    return;
  }
  if (crashed || code != 0) {
    QString message = crashed ? QObject::tr("%1 crashed").arg(program_)
                              : QObject::tr("%1 exited with code %2").arg(program_).arg(code);
    message += failed_message_.isEmpty() ? QStringLiteral(":\n") + tail_.trimmed()
                                         : QStringLiteral(": ") + failed_message_;
    // The worker's log goes to stderr apart from its events: quote it beside the event.
    if (options_.events_on_stdout && !failed_message_.isEmpty() && !tail_.trimmed().isEmpty())
      message += QStringLiteral("\n") + tail_.trimmed();
    if (callbacks_.failed) callbacks_.failed(message);
    return;
  }
  std::any result = ProcessResult{stdout_, finished_};
  if (callbacks_.finished) callbacks_.finished(result);
}

}  // namespace lreg::views
