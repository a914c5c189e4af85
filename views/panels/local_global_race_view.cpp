#include "panels/local_global_race_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>

#include "charts/loss_chart.h"
#include "scene/p1_mesh_view.h"

namespace lreg::views {

LocalGlobalRaceView::LocalGlobalRaceView(QWidget* parent)
    : QWidget(parent),
      chart_(new LossChart),
      x_mode_(new QComboBox),
      pace_(new QComboBox),
      play_(new QPushButton(tr("Play"))),
      step_(new QPushButton(tr("Step"))),
      converted_(new P1MeshView),
      moved_(new P1MeshView),
      meshes_(new QWidget),
      summary_(new QLabel) {
  chart_->setTitle(tr("Escape race: train MSE (solid) and test MSE (dashed) on one clock"));
  chart_->setLossName(QStringLiteral("MSE"));
  chart_->setSecondPenStyle(Qt::DashLine);
  x_mode_->addItems({tr("x: training seconds"), tr("x: training seconds (log)"),
                     tr("x: epochs, then MRC steps")});
  x_mode_->setToolTip(tr("The shared time axis: MRC from the MLP starts where Adam stopped"));
  connect(x_mode_, &QComboBox::currentIndexChanged, this, [this] { setXMode(xMode()); });
  auto* m = new QVBoxLayout(meshes_);
  m->setContentsMargins(0, 0, 0, 0);
  m->addWidget(converted_);
  m->addWidget(moved_);
  meshes_->setVisible(false);
  summary_->setWordWrap(true);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* top = new QHBoxLayout;
  top->addWidget(chart_, 3);
  top->addWidget(meshes_, 2);
  layout->addLayout(top, 1);
  pace_->addItems({tr("full speed"), tr("50 steps/s"), tr("10 steps/s"), tr("2 steps/s")});
  pace_->setToolTip(tr("Slow motion while playing: the race is computed live, step by step"));
  play_->setToolTip(tr("Play / pause the race (Space); starts one when none runs"));
  step_->setToolTip(tr("One Adam epoch or MRC step, then pause (N)"));
  connect(play_, &QPushButton::clicked, this, &LocalGlobalRaceView::playPauseRequested);
  connect(step_, &QPushButton::clicked, this, &LocalGlobalRaceView::stepRequested);
  connect(pace_, &QComboBox::currentIndexChanged, this,
          [this] { Q_EMIT intervalChanged(interval()); });
  auto* bottom = new QHBoxLayout;
  bottom->addWidget(summary_, 1);
  bottom->addWidget(play_);
  bottom->addWidget(step_);
  bottom->addWidget(pace_);
  bottom->addWidget(x_mode_);
  layout->addLayout(bottom);
  setXMode(0);
  clear();
}

void LocalGlobalRaceView::clear() {
  race_.reset();
  chart_->clear();
  converted_->clear();
  moved_->clear();
  meshes_->setVisible(false);
  summary_->setText(
      tr("Run the race (R): Adam to its plateau, the exact conversion, then MRC "
         "from it; and MRC from scratch at the same DoF."));
}

int LocalGlobalRaceView::interval() const {
  static constexpr int kMillis[] = {0, 20, 100, 500};
  return kMillis[std::clamp(pace_->currentIndex(), 0, 3)];
}

void LocalGlobalRaceView::setPlaying(bool playing) {
  play_->setText(playing ? tr("Pause") : tr("Play"));
}

int LocalGlobalRaceView::xMode() const { return x_mode_->currentIndex(); }

void LocalGlobalRaceView::setXMode(int mode) {
  if (x_mode_->currentIndex() != mode) return x_mode_->setCurrentIndex(mode);  // comes back here
  const bool steps = mode == 2;
  chart_->setXAxis(steps ? LossChart::XQuantity::Step : LossChart::XQuantity::Seconds, mode == 1);
  chart_->setXTitle(steps ? tr("Adam epochs, then MRC steps (MRC from the MLP starts at the "
                               "plateau epoch)")
                          : tr("training seconds (MRC from the MLP starts at the plateau)"));
  replot();
}

void LocalGlobalRaceView::replot() {
  const LocalGlobalRacePtr race = race_;
  race_.reset();
  chart_->clear();
  if (race) setRace(race);
}

void LocalGlobalRaceView::setRace(const LocalGlobalRacePtr& race) {
  if (!race) return;
  const bool fresh = !race_ || race_->dim != race->dim;
  race_ = race;
  if (fresh) chart_->clear();
  chart_->setHistory(QString::fromLatin1(kRaceMlp), race->mlp, QColor(214, 39, 40),
                     QColor(214, 39, 40));
  if (!race->converted.empty())
    chart_->setHistory(QString::fromLatin1(kRaceConverted), race->converted, QColor(31, 119, 180),
                       QColor(31, 119, 180));
  if (!race->scratch.empty())
    chart_->setHistory(QString::fromLatin1(kRaceScratch), race->scratch, QColor(44, 160, 44),
                       QColor(44, 160, 44));
  meshes_->setVisible(race->dim == 2);
  if (race->dim == 2) {
    if (race->converted_2d.triangles.rows() > 0)
      converted_->setMesh(
          race->converted_2d,
          tr("MLP's linear regions: %1 triangles").arg(race->converted_2d.triangles.rows()));
    if (race->moved)
      moved_->setMesh(*race->moved,
                      tr("MRC from it, step %1: %2 vertices")
                          .arg(std::max<qsizetype>(0, race->converted.points.size() - 1))
                          .arg(race->moved->vertices.rows()));
  }
  const auto last = [](const History& h) {
    return h.empty() ? QStringLiteral("-") : QString::number(h.last().test_loss, 'g', 4);
  };
  summary_->setText(tr("Test MSE: MLP at its plateau %1, MRC from the MLP %2, MRC from scratch %3 "
                       "(DoF %4; plateau after %5 s)%6")
                        .arg(last(race->mlp), last(race->converted), last(race->scratch))
                        .arg(race->dof)
                        .arg(race->plateau_seconds, 0, 'f', 2)
                        .arg(race->done ? QString() : tr(" - running...")));
}

QString LocalGlobalRaceView::summary() const { return summary_->text(); }

}  // namespace lreg::views
