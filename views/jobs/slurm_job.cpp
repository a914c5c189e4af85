#include "jobs/slurm_job.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QSaveFile>
#include <QTimer>
#include <utility>

#include "jobs/run_files.h"
#include "lreg/jobs/slurm_outcome.h"
#include "session/process_job.h"

namespace lreg::views {

namespace {
QString text(const QByteArray& bytes) { return QString::fromUtf8(bytes).trimmed(); }
}  // namespace

SlurmJob::SlurmJob(SlurmConnection connection, SlurmBatchJob job)
    : connection_(std::move(connection)),
      job_(std::move(job)),
      run_dir_(QString::fromStdString(job_.run_dir)) {}

SlurmJob::SlurmJob(SlurmConnection connection, QString run_dir, QString job_id)
    : connection_(std::move(connection)),
      run_dir_(std::move(run_dir)),
      job_id_(std::move(job_id)) {}

SlurmJob::~SlurmJob() {
  delete timer_;
  if (!process_) return;
  process_->disconnect();
  // Let a short command finish (an scancel sent with a failure must reach the scheduler); one
  // that hangs (ssh) is killed.
  if (process_->state() != QProcess::NotRunning && !process_->waitForFinished(10000)) {
    process_->kill();
    process_->waitForFinished(-1);
  }
  delete process_;
}

void SlurmJob::start(QObject* context, JobCallbacks callbacks) {
  context_ = context;
  callbacks_ = std::move(callbacks);
  timer_ = new QTimer;
  timer_->moveToThread(context->thread());
  timer_->setInterval(connection_.poll_ms);
  QObject::connect(timer_, &QTimer::timeout, context, [this] { poll(); });
  if (!job_id_.isEmpty()) {  // re-attached: read what the worker wrote meanwhile, then follow
    readOutput();
    timer_->start();
    QTimer::singleShot(0, context, [this] { poll(); });
    return;
  }
  std::string script;
  try {
    script = slurmBatchScript(job_);
  } catch (const std::exception& e) {
    QTimer::singleShot(0, context, [this, m = QString::fromStdString(e.what())] { fail(m); });
    return;
  }
  const QString path = QDir(run_dir_).filePath(QString::fromLatin1(kSlurmScriptFile));
  QSaveFile f(path);
  if (!f.open(QIODevice::WriteOnly) || f.write(script.data(), qint64(script.size())) < 0 ||
      !f.commit()) {
    QTimer::singleShot(0, context, [this, path, e = f.errorString()] {
      fail(QObject::tr("cannot write the batch script %1: %2").arg(path, e));
    });
    return;
  }
  QFile::setPermissions(path, QFile::permissions(path) | QFileDevice::ExeOwner);
  command({QStringLiteral("sbatch"), QStringLiteral("--parsable"), path},
          [this](int code, const QByteArray& out, const QByteArray& err) {
            submitted(code, out, err);
          });
}

void SlurmJob::command(const QStringList& argv, Done done) {
  process_ = new QProcess;
  process_->moveToThread(context_->thread());
  QProcessEnvironment env = connection_.environment;
  QStringList args = argv.mid(1);
  QString program = argv.front();
  if (!connection_.slurm_conf.isEmpty())
    env.insert(QStringLiteral("SLURM_CONF"), connection_.slurm_conf);
  if (!connection_.ssh_host.isEmpty()) {
    // The remote shell gets one command line, every word quoted.
    QString line;
    if (!connection_.slurm_conf.isEmpty())
      line = QStringLiteral("SLURM_CONF=") +
             QString::fromStdString(shellQuote(connection_.slurm_conf.toStdString())) +
             QLatin1Char(' ');
    for (const QString& w : argv)
      line += QString::fromStdString(shellQuote(w.toStdString())) + QLatin1Char(' ');
    program = QStringLiteral("ssh");
    args = {QStringLiteral("-o"), QStringLiteral("BatchMode=yes"), connection_.ssh_host,
            line.trimmed()};
  }
  process_->setProcessEnvironment(env);
  QProcess* p = process_;
  auto shared = std::make_shared<Done>(std::move(done));
  QObject::connect(p, &QProcess::finished, context_, [this, p, shared](int code) {
    const QByteArray out = p->readAllStandardOutput(), err = p->readAllStandardError();
    if (process_ == p) process_ = nullptr;
    p->deleteLater();
    (*shared)(code, out, err);
  });
  QObject::connect(p, &QProcess::errorOccurred, context_,
                   [this, p, program, shared](QProcess::ProcessError e) {
                     if (e != QProcess::FailedToStart) return;
                     if (process_ == p) process_ = nullptr;
                     p->deleteLater();
                     (*shared)(-1, {},
                               QObject::tr("cannot run %1 (%2): install Slurm's client commands "
                                           "(Debian: slurm-client) or set an ssh host in the Jobs "
                                           "settings")
                                   .arg(program, p->errorString())
                                   .toUtf8());
                   });
  p->start(program, args);
}

void SlurmJob::submitted(int code, const QByteArray& out, const QByteArray& err) {
  if (code != 0) {
    fail(QObject::tr("sbatch refused the job: %1").arg(text(err + out)));
    return;
  }
  try {
    job_id_ = QString::fromStdString(parseSbatchJobId(out.toStdString()));
  } catch (const std::exception& e) {
    fail(QString::fromStdString(e.what()) + QLatin1Char(' ') + text(err));
    return;
  }
  update({{QStringLiteral("event"), QStringLiteral("slurm-submitted")},
          {QStringLiteral("job_id"), job_id_}});
  if (cancel_requested_) {
    cancel_requested_ = false;
    cancel();
  }
  timer_->start();
}

void SlurmJob::cancel() {
  if (ended_ || cancel_requested_) return;
  cancel_requested_ = true;
  if (job_id_.isEmpty()) return;  // sbatch in flight: cancelled as soon as the id is known
  const auto run = [this] {
    command({QStringLiteral("scancel"), job_id_},
            [this](int code, const QByteArray& out, const QByteArray& err) {
              if (code != 0 && callbacks_.warning)
                callbacks_.warning(QObject::tr("scancel %1: %2").arg(job_id_, text(err + out)));
              poll();
            });
  };
  if (process_) {  // one command at a time: after the one in flight
    QObject::connect(process_, &QProcess::finished, context_, run, Qt::QueuedConnection);
  } else {
    run();
  }
}

void SlurmJob::wait() {
  if (process_ && process_->state() != QProcess::NotRunning) process_->waitForFinished(-1);
}

void SlurmJob::poll() {
  readOutput();
  if (ended_ || process_ || job_id_.isEmpty()) return;
  command(
      {QStringLiteral("scontrol"), QStringLiteral("show"), QStringLiteral("job"), job_id_},
      [this](int code, const QByteArray& out, const QByteArray& err) { polled(code, out, err); });
}

void SlurmJob::polled(int code, const QByteArray& out, const QByteArray& err) {
  if (ended_) return;
  readOutput();
  const SlurmJobInfo info = parseScontrolShowJob(out.toStdString());
  if (!info.found) {
    if (err.contains("Invalid job id")) {
      endFromFiles();
    } else if (!warned_poll_ && callbacks_.warning) {  // the controller is down, ssh failed...
      warned_poll_ = true;
      callbacks_.warning(QObject::tr("scontrol show job %1 failed (exit %2): %3; still trying")
                             .arg(job_id_)
                             .arg(code)
                             .arg(text(err + out)));
    }
    return;
  }
  warned_poll_ = false;
  const QString state = QString::fromStdString(info.state_text);
  if (state != last_state_) {
    last_state_ = state;
    const auto field = [&](const char* k) {
      const auto it = info.fields.find(k);
      return it == info.fields.end() ? QString() : QString::fromStdString(it->second);
    };
    update({{QStringLiteral("event"), QStringLiteral("slurm-state")},
            {QStringLiteral("state"), state},
            {QStringLiteral("reason"), QString::fromStdString(info.reason)},
            {QStringLiteral("start_time"), field("StartTime")},  // local time, or "Unknown"
            // While running, EndTime is the time limit's projection: only an end is an end.
            {QStringLiteral("end_time"), isTerminal(info.state) ? field("EndTime") : QString()}});
  }
  if (info.state == SlurmState::Running && running_since_ms_ < 0)
    running_since_ms_ = QDateTime::currentMSecsSinceEpoch();
  if (isTerminal(info.state)) {
    endWith(info);
    return;
  }
  const QString events = QDir(run_dir_).filePath(QString::fromLatin1(kSlurmEventsFile));
  if (running_since_ms_ < 0 || QFile::exists(events) ||
      QDateTime::currentMSecsSinceEpoch() - running_since_ms_ <=
          connection_.output_timeout_s * 1000)
    return;
  // Nobody could follow or stop the job once it is failed here: it is cancelled with it.
  command({QStringLiteral("scancel"), job_id_}, [](int, const QByteArray&, const QByteArray&) {});
  const auto node = info.fields.find("NodeList");
  fail(QObject::tr("Slurm job %1 runs on %2 but its output file %3 never appeared after %4 s "
                   "(the job was cancelled): is the runs folder on a path the compute nodes "
                   "share?")
           .arg(job_id_,
                node == info.fields.end() ? QString() : QString::fromStdString(node->second),
                events)
           .arg(connection_.output_timeout_s));
}

void SlurmJob::readOutput() {
  QFile f(QDir(run_dir_).filePath(QString::fromLatin1(kSlurmEventsFile)));
  if (!f.open(QIODevice::ReadOnly) || f.size() <= offset_) return;
  f.seek(offset_);
  const QByteArray bytes = f.readAll();
  offset_ += bytes.size();
  pending_ += bytes;
  for (qsizetype nl; (nl = pending_.indexOf('\n')) >= 0;) {
    handleLine(pending_.left(nl));
    pending_.remove(0, nl + 1);
  }
}

void SlurmJob::handleLine(const QByteArray& raw) {
  if (ended_) return;
  QJsonObject event;
  JobProgress progress;
  if (!parseEventLine(raw.trimmed(), event, progress)) return;  // slurmstepd's lines and the like
  const QString kind = event.value(QStringLiteral("event")).toString();
  if (kind == QLatin1String("progress")) {
    if (callbacks_.progress) callbacks_.progress(progress);
  } else if (kind == QLatin1String("warning")) {
    if (callbacks_.warning) callbacks_.warning(progress.message);
  } else if (kind == QLatin1String("finished")) {
    finished_ = event;
  } else if (kind == QLatin1String("failed")) {
    failed_message_ = progress.message;
  } else {
    update(event);
  }
}

QString SlurmJob::workerStory() const {
  QString s;
  if (!failed_message_.isEmpty()) s += QStringLiteral("\n") + failed_message_;
  const QString tail =
      readTail(QDir(run_dir_).filePath(QString::fromLatin1(kSlurmStderrFile)), kTailChars);
  if (!tail.isEmpty()) s += QStringLiteral("\n") + tail;
  return s;
}

void SlurmJob::endWith(const SlurmJobInfo& info) {
  settle(
      slurmEndFromScheduler(info, cancel_requested_, !finished_.isEmpty(), run_dir_.toStdString()));
}

void SlurmJob::endFromFiles() {
  readOutput();
  QFile f(QDir(run_dir_).filePath(QString::fromLatin1(kSlurmExitFile)));
  std::optional<int> code;
  if (f.open(QIODevice::ReadOnly)) {
    bool ok = false;
    const int c = QString::fromUtf8(f.readAll()).trimmed().toInt(&ok);
    code = ok ? c : -1;
  }
  settle(slurmEndFromFiles(job_id_.toStdString(), code, cancel_requested_, !finished_.isEmpty()));
}

void SlurmJob::settle(const SlurmEnd& end) {
  switch (end.outcome) {
    case SlurmOutcome::Finished:
      return finishOk();
    case SlurmOutcome::Cancelled: {
      ended_ = true;
      timer_->stop();
      std::any none;
      if (callbacks_.cancelled) callbacks_.cancelled(none);
      return;
    }
    case SlurmOutcome::Failed:
      return fail(QString::fromStdString(end.message) + workerStory());
  }
}

void SlurmJob::fail(const QString& message) {
  if (ended_) return;
  ended_ = true;
  if (timer_) timer_->stop();
  if (callbacks_.failed) callbacks_.failed(message);
}

void SlurmJob::finishOk() {
  ended_ = true;
  timer_->stop();
  std::any result = ProcessResult{{}, finished_};
  if (callbacks_.finished) callbacks_.finished(result);
}

void SlurmJob::update(const QJsonObject& event) {
  std::any value = event;
  if (callbacks_.update) callbacks_.update(value);
}

}  // namespace lreg::views
