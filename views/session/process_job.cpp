#include "session/process_job.h"

#include <QJsonDocument>
#include <QProcess>
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
    : program_(std::move(program)), arguments_(std::move(arguments)) {}

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
  QObject::connect(process_, &QProcess::readyReadStandardError, context,
                   [this] { readLines(false); });
  QObject::connect(process_, &QProcess::readyReadStandardOutput, context,
                   [this] { stdout_ += process_->readAllStandardOutput(); });
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
  process_->start(program_, arguments_);
}

void ProcessJob::cancel() {
  if (!process_ || ended_) return;
  cancelled_ = true;
  process_->kill();
}

void ProcessJob::wait() {
  if (process_ && process_->state() != QProcess::NotRunning) process_->waitForFinished(-1);
}

qint64 ProcessJob::processId() const { return process_ ? process_->processId() : 0; }

void ProcessJob::readLines(bool flush) {
  pending_ += process_->readAllStandardError();
  for (qsizetype nl; (nl = pending_.indexOf('\n')) >= 0;) {
    handleLine(pending_.left(nl));
    pending_.remove(0, nl + 1);
  }
  if (flush && !pending_.isEmpty()) {
    handleLine(pending_);
    pending_.clear();
  }
}

void ProcessJob::handleLine(const QByteArray& raw) {
  const QByteArray line = raw.trimmed();
  if (line.isEmpty()) return;
  tail_ += QString::fromUtf8(line) + QLatin1Char('\n');
  if (tail_.size() > kTailChars) tail_ = tail_.right(kTailChars);
  QJsonObject event;
  JobProgress progress;
  if (!parseEventLine(line, event, progress)) return;  // log text: kept in the tail only
  const QString kind = event.value(QStringLiteral("event")).toString();
  if (kind == QLatin1String("progress")) {
    if (callbacks_.progress) callbacks_.progress(progress);
  } else if (kind == QLatin1String("warning")) {
    if (callbacks_.warning) callbacks_.warning(progress.message);
  } else if (kind == QLatin1String("finished")) {
    finished_ = event;
  } else if (kind == QLatin1String("failed")) {
    failed_message_ = progress.message;
  }
}

void ProcessJob::onExited(int code, bool crashed) {
  if (ended_) return;
  ended_ = true;
  readLines(true);
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
    if (callbacks_.failed) callbacks_.failed(message);
    return;
  }
  std::any result = ProcessResult{stdout_, finished_};
  if (callbacks_.finished) callbacks_.finished(result);
}

}  // namespace lreg::views
