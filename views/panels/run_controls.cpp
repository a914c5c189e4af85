#include "panels/run_controls.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QSlider>
#include <QVBoxLayout>

namespace lreg::views {

RunControls::RunControls(int stepsPerSecond, QWidget* parent) : QGroupBox(tr("Run"), parent) {
  auto* runLayout = new QVBoxLayout(this);
  auto* buttons = new QHBoxLayout;
  play_ = new QPushButton(tr("Play"));
  auto* step = new QPushButton(tr("Step"));
  auto* reset = new QPushButton(tr("Reset"));
  play_->setToolTip(tr("Play / pause (Space)"));
  step->setToolTip(tr("One MRC step (Right arrow or N)"));
  reset->setToolTip(tr("Back to the initial fit (R)"));
  for (QPushButton* b : {play_, step, reset}) {
    b->setFocusPolicy(Qt::TabFocus);  // Space belongs to play/pause, not the focused button
    buttons->addWidget(b);
  }
  runLayout->addLayout(buttons);
  auto* speedRow = new QHBoxLayout;
  speed_ = new QSlider(Qt::Horizontal);
  speed_->setRange(1, 30);
  speed_->setValue(stepsPerSecond);
  speed_->setToolTip(tr("Steps per second while playing"));
  speed_label_ = new QLabel;
  speed_label_->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("30 steps/s")));
  speedRow->addWidget(new QLabel(tr("Speed")));
  speedRow->addWidget(speed_, 1);
  speedRow->addWidget(speed_label_);
  runLayout->addLayout(speedRow);

  connect(play_, &QPushButton::clicked, this, &RunControls::playToggled);
  connect(step, &QPushButton::clicked, this, &RunControls::stepRequested);
  connect(reset, &QPushButton::clicked, this, &RunControls::resetRequested);
  connect(speed_, &QSlider::valueChanged, this, [this](int v) {
    speed_label_->setText(tr("%1 steps/s").arg(v));
    Q_EMIT speedChanged(v);
  });
  speed_label_->setText(tr("%1 steps/s").arg(speed_->value()));
}

double RunControls::stepsPerSecond() const { return speed_->value(); }

void RunControls::setStepsPerSecond(double stepsPerSecond) {
  speed_->setValue(qRound(stepsPerSecond));
}

void RunControls::setPlaying(bool playing) { play_->setText(playing ? tr("Pause") : tr("Play")); }

void RunControls::addHint(const QString& text) {
  auto* hint = new QLabel(text);
  hint->setStyleSheet(QStringLiteral("color: #777;"));
  layout()->addWidget(hint);
}

void RunControls::addShortcuts(QWidget* scope) {
  const auto shortcut = [this, scope](Qt::Key key, void (RunControls::*signal)()) {
    connect(new QShortcut(QKeySequence(key), scope), &QShortcut::activated, this, signal);
  };
  shortcut(Qt::Key_Space, &RunControls::playToggled);
  shortcut(Qt::Key_Right, &RunControls::stepRequested);
  shortcut(Qt::Key_N, &RunControls::stepRequested);
  shortcut(Qt::Key_R, &RunControls::resetRequested);
}

}  // namespace lreg::views
