#pragma once
// A slider over the recorded steps of a run (Mesh1DReplay): drag it, or press [ and ] for the
// previous and next step, Home and End for the first and the latest. At the right end it
// follows the live run.
#include <QWidget>

class QLabel;
class QSlider;

namespace lreg::views {

class Mesh1DReplay;

class StepScrubber : public QWidget {
  Q_OBJECT

 public:
  explicit StepScrubber(Mesh1DReplay* replay, QWidget* parent = nullptr);

  QSlider* slider() const { return slider_; }
  // [ ] Home End, window-wide but live only while `scope` (the panel's tab) is visible.
  void addShortcuts(QWidget* scope);

 private:
  void recorded(int count);
  void shown(int step);

  Mesh1DReplay* replay_ = nullptr;
  QSlider* slider_ = nullptr;
  QLabel* label_ = nullptr;
};

}  // namespace lreg::views
