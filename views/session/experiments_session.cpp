#include "session/experiments_session.h"

#include <QDir>
#include <QFileInfo>
#include <exception>
#include <utility>

#include "lreg/experiments/repro_output.h"

namespace lreg::views {

namespace {

QString quoted(const QString& path) {
  return path.contains(QLatin1Char(' ')) ? QLatin1Char('"') + path + QLatin1Char('"') : path;
}

QString jsonPath(const QString& name, const QString& dir) {
  return QDir(dir).absoluteFilePath(name + QStringLiteral(".json"));
}

}  // namespace

QString reproCommandLine(const QString& name, const ReproOptions& o) {
  QString c = QStringLiteral("lreg repro ") + name;
  if (o.quick) c += QStringLiteral(" --quick");
  if (o.runs) c += QStringLiteral(" --runs %1").arg(o.runs);
  if (o.splits) c += QStringLiteral(" --splits %1").arg(o.splits);
  if (o.seed != 1) c += QStringLiteral(" --seed %1").arg(o.seed);
  if (o.threads) c += QStringLiteral(" --threads %1").arg(o.threads);
  if (!o.data.empty()) c += QStringLiteral(" --data ") + quoted(QString::fromStdString(o.data));
  return c + QStringLiteral(" --out ") + quoted(QString::fromStdString(o.out.string()));
}

double etaSeconds(const std::vector<std::pair<double, int>>& events, int total) {
  if (events.empty() || total <= 0) return -1;
  const auto [t, step] = events.back();
  if (step <= 0 || step > total || t <= 0) return -1;
  std::pair<double, int> from{0, 0};  // the last event in the first tenth of the time
  for (const auto& e : events) {
    if (e.first > 0.1 * t) break;
    if (e.second < step) from = e;
  }
  return (t - from.first) / (step - from.second) * (total - step);
}

ExperimentsSession::ExperimentsSession(std::vector<Experiment> experiments, QObject* parent)
    : QObject(parent), experiments_(std::move(experiments)) {
  qRegisterMetaType<ReproReportPtr>();
  connect(&jobs_, &JobTracker::progress, this, [this](const JobProgress& p) {
    const double s = clock_.nsecsElapsed() * 1e-9;  // the experiments need not time themselves
    events_.emplace_back(s, p.step);
    Q_EMIT progress(running_, p.step, p.of, s, etaSeconds(events_, p.of), p.message);
  });
  connect(&jobs_, &JobTracker::failed, this, [this](const QString& m) {
    const QString name = std::exchange(running_, QString());
    Q_EMIT failed(name, m);
  });
  connect(&jobs_, &JobTracker::runningChanged, this, &ExperimentsSession::runningChanged);
}

ExperimentsSession::~ExperimentsSession() = default;

int ExperimentsSession::indexOf(const QString& name) const {
  for (size_t i = 0; i < experiments_.size(); ++i)
    if (QString::fromStdString(experiments_[i].name) == name) return static_cast<int>(i);
  return -1;
}

void ExperimentsSession::run(int index, const ReproOptions& options) {
  if (index < 0 || index >= static_cast<int>(experiments_.size())) {
    Q_EMIT failed(QString(), tr("No experiment is selected."));
    return;
  }
  const Experiment& e = experiments_[static_cast<size_t>(index)];
  const QString name = QString::fromStdString(e.name);
  if (jobs_.isRunning()) {
    Q_EMIT failed(name, tr("%1 is still running: cancel it (Esc) or wait for it.").arg(running_));
    return;
  }
  running_ = name;
  running_dir_ = QString::fromStdString(options.out.string());
  clock_.start();
  events_.clear();
  JobHandlers h;
  const auto deliver = [this](bool done) {
    return [this, done](std::any& v) {
      const QString name = std::exchange(running_, QString());
      auto* r = std::any_cast<ReproReport>(&v);
      if (!r) {  // stopped by a cancel before it returned a report
        Q_EMIT cancelled(name, nullptr);
        return;
      }
      install(name, running_dir_, std::move(*r));
      const ReproReportPtr p = reports_.value(jsonPath(name, running_dir_)).report;
      if (done)
        Q_EMIT finished(name, p);
      else
        Q_EMIT cancelled(name, p);
    };
  };
  h.result = deliver(true);
  h.cancelled = deliver(false);
  const QString command = reproCommandLine(name, options);
  jobs_.start(std::make_unique<InThreadJob>([e, options, command](const JobContext& job) {
                ReproReport r = runExperiment(e, options, job.progressFn());
                r.command = command.toStdString();
                writeReport(r, options.out);  // again, now with the command that makes it
                return std::any(std::move(r));
              }),
              std::move(h));
  Q_EMIT started(name);
}

void ExperimentsSession::cancel() { jobs_.cancel(); }

void ExperimentsSession::install(const QString& name, const QString& dir, ReproReport&& r) {
  const QString path = jsonPath(name, dir);
  const QFileInfo file(path);
  reports_[path] = {std::make_shared<const ReproReport>(std::move(r)), file.lastModified(),
                    file.size()};
}

ReproReportPtr ExperimentsSession::report(const QString& name, const QString& dir, QString* error) {
  if (error) error->clear();
  if (dir.isEmpty()) return nullptr;
  const QString path = jsonPath(name, dir);
  const QFileInfo file(path);
  if (!file.exists()) return nullptr;
  const auto it = reports_.constFind(path);
  if (it != reports_.constEnd() && it->modified == file.lastModified() && it->size == file.size())
    return it->report;
  try {
    install(name, dir, readReport(dir.toStdString(), name.toStdString()));
  } catch (const std::exception& e) {
    if (error) *error = QString::fromStdString(e.what());
    return nullptr;
  }
  return reports_.value(path).report;
}

QStringList ExperimentsSession::exportReport(const ReproReport& report, const QString& dir,
                                             QString* error) {
  QStringList files;
  try {
    for (const auto& f : writeReport(report, dir.toStdString()))
      files << QString::fromStdString(f.string());
  } catch (const std::exception& e) {
    *error = QString::fromStdString(e.what());
  }
  return files;
}

void ExperimentsSession::waitForIdle() { jobs_.waitForIdle(); }

}  // namespace lreg::views
