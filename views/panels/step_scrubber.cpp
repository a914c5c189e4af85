#include "panels/step_scrubber.h"

#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSlider>

#include "session/mesh1d_replay.h"

namespace lreg::views {

StepScrubber::StepScrubber(Mesh1DReplay* replay, QWidget* parent)
    : QWidget(parent), replay_(replay), slider_(new QSlider(Qt::Horizontal)), label_(new QLabel) {
  slider_->setRange(0, 0);
  slider_->setPageStep(5);
  slider_->setToolTip(tr("Replay the steps of this run ([ and ] step, Home and End jump)"));
  label_->setMinimumWidth(label_->fontMetrics().horizontalAdvance(tr("replay step 000 of 000")));
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(new QLabel(tr("Replay")));
  layout->addWidget(slider_, 1);
  layout->addWidget(label_);
  connect(slider_, &QSlider::valueChanged, replay_, &Mesh1DReplay::show);
  connect(replay_, &Mesh1DReplay::recorded, this, &StepScrubber::recorded);
  connect(replay_, &Mesh1DReplay::shown, this, [this](int step) { shown(step); });
}

void StepScrubber::addShortcuts(QWidget* scope) {
  const auto shortcut = [this, scope](Qt::Key key, auto target) {
    connect(new QShortcut(QKeySequence(key), scope), &QShortcut::activated, this,
            [this, target] { replay_->show(target(replay_)); });
  };
  shortcut(Qt::Key_BracketLeft, [](Mesh1DReplay* r) { return r->shownStep() - 1; });
  shortcut(Qt::Key_BracketRight, [](Mesh1DReplay* r) { return r->shownStep() + 1; });
  shortcut(Qt::Key_Home, [](Mesh1DReplay*) { return 0; });
  shortcut(Qt::Key_End, [](Mesh1DReplay* r) { return r->count() - 1; });
}

void StepScrubber::recorded(int count) {
  const QSignalBlocker block(slider_);  // the range changes; the replay decides what is shown
  slider_->setRange(0, std::max(0, count - 1));
  shown(replay_->shownStep());
}

void StepScrubber::shown(int step) {
  {
    const QSignalBlocker block(slider_);
    slider_->setValue(step);
  }
  label_->setText(tr("step %1 of %2").arg(step).arg(std::max(0, replay_->count() - 1)));
}

}  // namespace lreg::views
