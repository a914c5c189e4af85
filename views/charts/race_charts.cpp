#include "charts/race_charts.h"

#include <QChart>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "charts/loss_chart.h"
#include "util/method_style.h"

namespace lreg::views {

namespace {

const QString kFloorLabel = QStringLiteral("floor n ln λ");

bool hasExtra(const lreg::History& h, const char* key) {
  for (const auto& p : h.points)
    if (p.extra.count(key)) return true;
  return false;
}

}  // namespace

RaceCharts::RaceCharts(QWidget* parent)
    : QWidget(parent),
      mse_time_(new LossChart),
      mse_step_(new LossChart),
      r2_(new LossChart),
      logdet_(new LossChart),
      flips_(new LossChart),
      log_time_(new QCheckBox(tr("log time axis"))),
      log_steps_(new QCheckBox(tr("log iteration axis"))) {
  for (LossChart* c : {mse_time_, mse_step_, r2_, logdet_, flips_})
    c->setSecondPenStyle(Qt::DashLine);
  mse_time_->setTitle(tr("MSE against training time"));
  mse_step_->setTitle(tr("MSE against iteration / epoch"));
  r2_->setTitle(tr("R² (train solid, test dashed)"));
  logdet_->setTitle(tr("ANMIN: log det(M + λI) per iteration (Fig. 10)"));
  flips_->setTitle(tr("ANMIN: firing-pattern flips per iteration"));
  for (LossChart* c : {mse_time_, mse_step_}) c->setLossName(tr("MSE"));
  r2_->setLogY(false);
  r2_->setLossName(tr("R²"));
  r2_->setYClamp(0, 1);  // an untrained net's R² far below 0 would flatten the curves
  r2_->setQuantities({QStringLiteral("train_r2"), tr(" train")},
                     {QStringLiteral("test_r2"), tr(" test")});
  logdet_->setLogY(false);
  logdet_->setLossName(tr("log det"));
  logdet_->setQuantities({QStringLiteral("logdet"), QString()}, {});
  flips_->setLogY(false);
  flips_->setLossName(tr("entries flipped"));
  flips_->setQuantities({QStringLiteral("flips"), QString()}, {});
  for (LossChart* c : {r2_, logdet_, flips_}) c->setMinimumHeight(170);
  for (LossChart* c : {mse_time_, mse_step_}) c->setMinimumHeight(220);
  // The small charts have one curve per method or only ANMIN: their titles say what is drawn.
  logdet_->chart()->legend()->hide();
  flips_->chart()->legend()->hide();
  r2_->chart()->legend()->hide();
  log_time_->setChecked(true);
  log_time_->setToolTip(
      tr("ANMIN and the gradient methods differ by orders of magnitude in time."));
  log_steps_->setToolTip(tr("Adam runs ten times as many epochs as ANMIN iterations by default."));

  auto* options = new QHBoxLayout;
  auto* hint =
      new QLabel(tr("solid: train · dashed: test · times are each trainer's own clock "
                    "(evaluation and rendering excluded)"));
  hint->setStyleSheet(QStringLiteral("color: #666;"));
  options->addWidget(hint, 1);
  options->addWidget(log_time_);
  options->addWidget(log_steps_);
  auto* top = new QHBoxLayout;
  top->addWidget(mse_time_);
  top->addWidget(mse_step_);
  auto* bottom = new QHBoxLayout;
  bottom->addWidget(r2_);
  bottom->addWidget(logdet_);
  bottom->addWidget(flips_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  layout->addLayout(options);
  layout->addLayout(top, 3);
  layout->addLayout(bottom, 2);
  connect(log_time_, &QCheckBox::toggled, this, &RaceCharts::applyAxes);
  connect(log_steps_, &QCheckBox::toggled, this, &RaceCharts::applyAxes);
  applyAxes();
}

void RaceCharts::applyAxes() {
  mse_time_->setXAxis(LossChart::XQuantity::Seconds, log_time_->isChecked());
  mse_time_->setXTitle(tr("training seconds"));
  for (LossChart* c : {mse_step_, r2_}) {
    c->setXAxis(LossChart::XQuantity::Step, log_steps_->isChecked());
    c->setXTitle(tr("iteration / epoch"));
  }
  for (LossChart* c : {logdet_, flips_}) c->setXTitle(tr("iteration"));
}

void RaceCharts::setRun(const RaceRun& run) {
  const QString name = methodLabel(run.method);
  const QColor color = methodColor(run.method);
  const QColor test = color.lighter(135);
  for (LossChart* c : {mse_time_, mse_step_, r2_}) c->setHistory(name, run.history, color, test);
  // R^2 of the untrained nets (point 0) would squeeze the trained ones against 1.
  for (const auto& p : run.history.points) {
    if (p.step < 1) continue;
    for (const char* key : {"train_r2", "test_r2"}) {
      const auto it = p.extra.find(key);
      if (it != p.extra.end() && std::isfinite(it->second))
        r2_floor_ = std::min(r2_floor_, it->second);
    }
  }
  if (r2_floor_ < 1) r2_->setYClamp(std::max(0.0, r2_floor_ - 0.1 * (1 - r2_floor_)), 1);
  if (hasExtra(run.history, "logdet")) logdet_->setHistory(name, run.history, color, color);
  if (hasExtra(run.history, "flips")) flips_->setHistory(name, run.history, color, color);
}

void RaceCharts::setLogDetFloor(int n, double lambda, double tau) {
  const QString title = tr("ANMIN: log det(M + λI) per iteration (Fig. 10)");
  if (!(lambda > 0) || n < 1) {
    logdet_floor_ = std::numeric_limits<double>::quiet_NaN();
    logdet_->setReference(kFloorLabel, logdet_floor_);
    logdet_->setTitle(title);
    logdet_->setToolTip({});
    return;
  }
  logdet_floor_ = n * std::log(lambda);
  logdet_->setReference(kFloorLabel, logdet_floor_);
  const bool dead = logdet_floor_ > tau;
  // The chart is narrow: the floor gets its own title line (QChart titles are rich text).
  logdet_->setTitle(title + tr("<br>dashed: floor n ln λ = %1%2")
                                .arg(logdet_floor_, 0, 'f', 0)
                                .arg(dead ? tr("; τ test cannot fire") : QString()));
  QString tip = tr("M is positive semi-definite and %1 × %1, so ln|M + λI| ≥ n ln λ = %1 × ln(%2) "
                   "= %3.")
                    .arg(n)
                    .arg(lambda, 0, 'g', 3)
                    .arg(logdet_floor_, 0, 'f', 1);
  tip += dead ? tr(" The threshold τ = %1 lies below that floor: the τ test (pseudo-inverse when "
                   "log det ≤ τ) cannot trigger; only a failed Cholesky uses the SVD.")
                    .arg(tau, 0, 'g', 6)
              : tr(" The threshold τ = %1 lies above it: the τ test can switch to the "
                   "pseudo-inverse.")
                    .arg(tau, 0, 'g', 6);
  logdet_->setToolTip(tip);
}

void RaceCharts::clear() {
  r2_floor_ = 1;
  r2_->setYClamp(0, 1);
  for (LossChart* c : {mse_time_, mse_step_, r2_, logdet_, flips_}) c->clear();
  setLogDetFloor(0, 0, 0);  // no floor until a race says its n and lambda
}

bool RaceCharts::logTime() const { return log_time_->isChecked(); }
bool RaceCharts::logSteps() const { return log_steps_->isChecked(); }
void RaceCharts::setLogTime(bool log) { log_time_->setChecked(log); }
void RaceCharts::setLogSteps(bool log) { log_steps_->setChecked(log); }

}  // namespace lreg::views
