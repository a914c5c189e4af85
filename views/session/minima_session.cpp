#include "session/minima_session.h"

#include <QStringList>
#include <algorithm>
#include <cmath>
#include <exception>

#include "lreg/common/status.h"
#include "lreg/data/csv.h"
#include "lreg/minima/tiny_sets.h"

namespace lreg::views {

namespace {

using minima::MinimaReport;
using minima::MinimumPoint;

// Distance of two points in the reduced coordinates u_j = a_j (w_j, c_j), up to unit order.
double unitDistance(const MinimumPoint& p, const MinimumPoint& q) {
  const auto u = minima::toReduced(p.net), v = minima::toReduced(q.net);
  if (u.size() != v.size()) return INFINITY;
  const auto sum = [&](bool swap) {
    double d = 0;
    for (size_t j = 0; j < u.size(); ++j) d += (u[j].u - v[swap ? u.size() - 1 - j : j].u).norm();
    return d;
  };
  return u.size() == 2 ? std::min(sum(false), sum(true)) : sum(false);
}

QString noun(long n) { return n == 1 ? QStringLiteral("minimum") : QStringLiteral("minima"); }

QString kindName(const MinimumPoint& p) {
  return p.kind == minima::PointKind::Set ? QStringLiteral("set of minima")
                                          : QStringLiteral("isolated minimum");
}

}  // namespace

void loadMinimaData(const QString& data, Eigen::VectorXd& x, Eigen::VectorXd& y) {
  if (minima::tinySet(data.toStdString(), x, y)) return;
  const CsvTable t = readCsv(data.toStdString());
  if (!t.header.empty() || t.values.cols() != 2)
    throw InputError(data.toStdString() + ": the Minima panel reads a headerless x,y CSV; found " +
                     std::to_string(t.values.cols()) + " columns" +
                     (t.header.empty() ? "" : " and a header row"));
  if (t.values.rows() < 2 || t.values.rows() > 200)
    throw InputError(data.toStdString() + ": " + std::to_string(t.values.rows()) +
                     " rows; the enumeration needs 2 to 200 samples");
  x = t.values.col(0);
  y = t.values.col(1);
}

QString describeChange(const MinimaReport* before, const MinimaReport& after) {
  const long n = static_cast<long>(after.minima.size());
  if (!before) {
    long sets = 0;
    for (const MinimumPoint& p : after.minima) sets += p.kind == minima::PointKind::Set;
    return QStringLiteral("%1 %2 (%3 isolated, %4 sets); global L = %5")
        .arg(n)
        .arg(noun(n))
        .arg(n - sets)
        .arg(sets)
        .arg(n ? after.minima[0].loss : NAN, 0, 'g', 6);
  }
  // Pair old and new minima of one kind by nearest reduced parameters; the rest appeared/vanished.
  const auto& old = before->minima;
  std::vector<bool> used_old(old.size(), false), paired(after.minima.size(), false);
  struct Pair {
    double d;
    size_t i, k;
  };
  std::vector<Pair> pairs;
  for (size_t i = 0; i < after.minima.size(); ++i)
    for (size_t k = 0; k < old.size(); ++k)
      if (after.minima[i].kind == old[k].kind)
        pairs.push_back({unitDistance(after.minima[i], old[k]), i, k});
  std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return a.d < b.d; });
  for (const Pair& p : pairs) {
    // Beyond half the size of the point it is another minimum, not the same one moved.
    const double scale = 0.5 * (1.0 + after.minima[p.i].net.a.cwiseAbs2().sum());
    if (p.d > scale || paired[p.i] || used_old[p.k]) continue;
    paired[p.i] = used_old[p.k] = true;
  }
  QStringList news;
  for (size_t i = 0; i < after.minima.size(); ++i)
    if (!paired[i])
      news << QStringLiteral("a new %1 at L = %2")
                  .arg(kindName(after.minima[i]))
                  .arg(after.minima[i].loss, 0, 'g', 5);
  for (size_t k = 0; k < old.size(); ++k)
    if (!used_old[k])
      news << QStringLiteral("the %1 at L = %2 vanished")
                  .arg(kindName(old[k]))
                  .arg(old[k].loss, 0, 'g', 5);
  const long m = static_cast<long>(old.size());
  QString head = QStringLiteral("%1 %2 -> %3").arg(m).arg(noun(m)).arg(n);
  if (news.isEmpty())
    return head + QStringLiteral(": the same minima moved; global L %1 -> %2")
                      .arg(m ? old[0].loss : NAN, 0, 'g', 5)
                      .arg(n ? after.minima[0].loss : NAN, 0, 'g', 5);
  return head + QStringLiteral(": ") + news.join(QStringLiteral("; "));
}

minima::SliceSpec defaultSlice(const MinimaReport& report, int unit, int points) {
  double r = 1.0;
  for (const MinimumPoint& p : report.minima) {
    if (unit >= p.net.hidden()) continue;
    r = std::max({r, std::abs(p.net.w[unit]), std::abs(p.net.c[unit])});
  }
  r = std::ceil(1.4 * r * 2) / 2;  // a round window with a margin around every minimum
  minima::SliceSpec s;
  s.unit = unit;
  s.w_lo = s.c_lo = -r;
  s.w_hi = s.c_hi = r;
  s.nw = s.nc = points;
  return s;
}

MinimaSession::MinimaSession(QObject* parent) : QObject(parent) {
  qRegisterMetaType<MinimaFramePtr>();
  qRegisterMetaType<MinimaMapPtr>();
  const auto relay = [this](const QString& what) {
    return [this, what](const JobProgress& p) { Q_EMIT progress(what, p.step, p.of); };
  };
  connect(&enum_jobs_, &JobTracker::progress, this, relay(tr("Enumerating minima")));
  connect(&map_jobs_, &JobTracker::progress, this, relay(tr("Basin map")));
  connect(&basin_jobs_, &JobTracker::progress, this, relay(tr("Basin shares")));
  for (JobTracker* t : {&enum_jobs_, &map_jobs_, &basin_jobs_}) {
    connect(t, &JobTracker::failed, this, &MinimaSession::failed);
    connect(t, &JobTracker::cancelled, this, [this] { Q_EMIT cancelled(); });
    connect(t, &JobTracker::runningChanged, this, &MinimaSession::emitBusyIfChanged);
  }
  loadMinimaData(problem_.data, problem_.x, problem_.y);
}

MinimaSession::~MinimaSession() = default;

bool MinimaSession::isBusy() const {
  return enum_jobs_.isRunning() || map_jobs_.isRunning() || basin_jobs_.isRunning();
}

void MinimaSession::load(const QString& data) {
  MinimaProblem p = problem_;
  try {
    loadMinimaData(data, p.x, p.y);
  } catch (const std::exception& e) {
    Q_EMIT failed(QString::fromStdString(e.what()));
    return;
  }
  p.data = data;
  setProblem(p);
}

void MinimaSession::setProblem(const MinimaProblem& problem) {
  problem_ = problem;
  Q_EMIT problemChanged();
  enumerate();
}

void MinimaSession::movePoint(int index, double x, double y) {
  if (index < 0 || index >= problem_.x.size()) return;
  problem_.x[index] = x;
  problem_.y[index] = y;
  Q_EMIT problemChanged();
  enumerate();
}

void MinimaSession::setHidden(int hidden) {
  problem_.hidden = std::clamp(hidden, 1, 2);
  slice_unit_ = std::min(slice_unit_, problem_.hidden - 1);
  Q_EMIT problemChanged();
  enumerate();
}

void MinimaSession::setLambda(double lambda) {
  problem_.lambda = lambda;
  Q_EMIT problemChanged();
  enumerate();
}

void MinimaSession::setMapPoints(int points) {
  map_points_ = std::max(0, points);
  startMap();
}

void MinimaSession::setSliceUnit(int unit) {
  slice_unit_ = std::clamp(unit, 0, 1);  // startMap() keeps it below h
  startMap();
}

void MinimaSession::enumerate() {
  // The pictures and shares of the old problem are wrong now: stop them with it.
  map_jobs_.reset();
  basin_jobs_.reset();
  const MinimaProblem p = problem_;
  enum_jobs_.run<MinimaReport>(
      [p](const JobContext& job) {
        minima::MinimaOptions o;
        o.hidden = p.hidden;
        o.lambda = p.lambda;
        return minima::enumerateMinima(p.x, p.y, o, job.progressFn());
      },
      [this, p](MinimaReport&& r) { install(std::move(r), p); });
  emitBusyIfChanged();
}

void MinimaSession::install(MinimaReport&& report, const MinimaProblem& problem) {
  if (report.status.code == StatusCode::Cancelled) return;
  if (!report.status.ok() || report.minima.empty()) {
    Q_EMIT failed(report.status.ok() ? tr("The enumeration found no minimum.")
                                     : QString::fromStdString(report.status.message));
    return;
  }
  auto f = std::make_shared<MinimaFrame>();
  f->id = ++next_id_;
  f->problem = problem;
  // Only the same samples and h moved: other data or another h is a new picture, not a change.
  const bool comparable = frame_ && frame_->problem.hidden == problem.hidden &&
                          frame_->problem.data == problem.data &&
                          frame_->problem.x.size() == problem.x.size();
  f->caption = describeChange(comparable ? &frame_->report : nullptr, report);
  f->report = std::move(report);
  frame_ = f;
  Q_EMIT changed(frame_);
  startMap();
}

void MinimaSession::startMap() {
  if (!frame_ || map_points_ <= 0) {
    map_jobs_.reset();
    return;
  }
  const MinimaFramePtr f = frame_;
  const minima::SliceSpec spec =
      defaultSlice(f->report, std::min(slice_unit_, f->problem.hidden - 1), map_points_);
  map_jobs_.run<MinimaMapPtr>(
      [f, spec](const JobContext& job) {
        auto m = std::make_shared<MinimaMap>();
        m->frame_id = f->id;
        m->spec = spec;
        m->base = f->report.minima[0].net;
        const MinimaProblem& p = f->problem;
        m->loss = minima::reducedLossSlice(p.x, p.y, p.lambda, m->base, spec);
        m->basin = minima::basinMap(p.x, p.y, p.lambda, f->report, m->base, spec, job.progressFn());
        return MinimaMapPtr(m);
      },
      [this](MinimaMapPtr&& m) {
        map_ = std::move(m);
        Q_EMIT mapChanged(map_);
      });
  emitBusyIfChanged();
}

void MinimaSession::runBasins(long runs, std::uint64_t seed) {
  if (!frame_ || runs <= 0) return;
  const MinimaFramePtr f = frame_;
  basin_jobs_.run<std::vector<minima::BasinShare>>(
      [f, runs, seed](const JobContext& job) {
        minima::BasinOptions o;
        o.runs = runs;
        o.seed = seed;
        const MinimaProblem& p = f->problem;
        return minima::basinShares(p.x, p.y, p.lambda, f->report, o, job.progressFn());
      },
      [this, f](std::vector<minima::BasinShare>&& shares) {
        if (frame_ != f) return;  // a newer enumeration replaced the minima they count
        auto g = std::make_shared<MinimaFrame>(*f);
        g->basins = std::move(shares);
        frame_ = g;
        Q_EMIT changed(frame_);
      });
  emitBusyIfChanged();
}

void MinimaSession::cancel() {
  enum_jobs_.cancel();
  map_jobs_.cancel();
  basin_jobs_.cancel();
}

void MinimaSession::waitForIdle() {
  // An enumeration's result starts the map: wait for both in that order.
  enum_jobs_.waitForIdle();
  map_jobs_.waitForIdle();
  basin_jobs_.waitForIdle();
}

void MinimaSession::emitBusyIfChanged() {
  const bool busy = isBusy();
  if (busy == last_busy_) return;
  last_busy_ = busy;
  Q_EMIT busyChanged(busy);
}

}  // namespace lreg::views
