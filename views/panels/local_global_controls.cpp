#include "panels/local_global_controls.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

namespace lreg::views {

namespace {
const QStringList kBuiltIn = {QStringLiteral("sin-inv"), QStringLiteral("b1"), QStringLiteral("a1"),
                              QStringLiteral("sin-inv-2d"), QStringLiteral("franke")};
}

QString LocalGlobalControls::shortcutHelp() {
  return tr(
      "Keys: Ctrl+Return train - P polish - M one MRC step - Ctrl+Z undo - R race - "
      "Space play/pause the race - N one race step - L landscape - Esc cancel - 1 2 3 tabs - F11 "
      "presentation - in the plot: [ ] select "
      "a node, arrows move it (Shift: further), + - zoom, 0 fits");
}

LocalGlobalControls::LocalGlobalControls(QWidget* parent)
    : QWidget(parent),
      data_(new QComboBox),
      seed_(new QSpinBox),
      hidden_(new QSpinBox),
      layers_(new QSpinBox),
      grid_(new QSpinBox),
      plane_(new QComboBox),
      cancel_(new QPushButton(tr("Cancel"))),
      progress_(new QProgressBar),
      error_(new QLabel) {
  data_->addItems(kBuiltIn);
  data_->addItem(tr("Open CSV..."));
  seed_->setRange(1, 1000000);
  hidden_->setRange(2, 512);
  layers_->setRange(1, 4);
  layers_->setToolTip(tr("Hidden layers; 2D data and the barrier need one"));
  grid_->setRange(11, 201);
  grid_->setToolTip(tr("Landscape grid points per axis"));
  plane_->addItems({tr("path's PCA plane"), tr("random, filter-normalised")});
  plane_->setToolTip(tr("The plane of the loss slice (Li et al. 2018)"));
  setOptions(LocalGlobalOptions{});
  auto* form = new QFormLayout;
  form->addRow(tr("Data"), data_);
  form->addRow(tr("Seed"), seed_);
  form->addRow(tr("Hidden units"), hidden_);
  form->addRow(tr("Hidden layers"), layers_);
  form->addRow(tr("Grid"), grid_);
  form->addRow(tr("Plane"), plane_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(form);
  const auto button = [&](const QString& text, const QString& tip, auto signal) {
    auto* b = new QPushButton(text);
    b->setToolTip(tip);
    connect(b, &QPushButton::clicked, this, signal);
    layout->addWidget(b);
    return b;
  };
  button(tr("Train, convert, polish"),
         tr("Adam to its plateau, exact conversion, MAE polish (Ctrl+Return)"),
         &LocalGlobalControls::trainRequested);
  button(tr("Polish"), tr("Move nodes to a minimum of the training MAE (P)"),
         &LocalGlobalControls::polishRequested);
  button(tr("One MRC step"), tr("Refine, refit, coarsen: the discrete move (M)"),
         &LocalGlobalControls::stepRequested);
  button(tr("Undo"), tr("Undo the last drag, polish or step (Ctrl+Z)"),
         &LocalGlobalControls::undoRequested);
  button(tr("Run the race"), tr("Adam, then MRC from the converted mesh, and MRC from scratch (R)"),
         &LocalGlobalControls::raceRequested);
  button(tr("Compute the landscape"), tr("Loss slice, projected path and barrier (L)"),
         &LocalGlobalControls::landscapeRequested);
  button(tr("Presentation mode"), tr("Full screen, large fonts (F11)"),
         &LocalGlobalControls::presentationRequested);
  cancel_->setToolTip(tr("Esc"));
  connect(cancel_, &QPushButton::clicked, this, &LocalGlobalControls::cancelRequested);
  layout->addWidget(cancel_);
  progress_->setRange(0, 1);
  progress_->setValue(1);
  progress_->setFormat(tr("Idle"));
  layout->addWidget(progress_);
  error_->setWordWrap(true);
  error_->setStyleSheet(QStringLiteral("QLabel { color: #b00020; }"));
  layout->addWidget(error_);
  auto* help = new QLabel(shortcutHelp());
  help->setWordWrap(true);
  help->setStyleSheet(QStringLiteral("QLabel { color: #555; }"));
  layout->addWidget(help);
  layout->addStretch(1);
  setToolTip(shortcutHelp());
  connect(data_, &QComboBox::activated, this, &LocalGlobalControls::chooseData);
  setBusy(false);
}

void LocalGlobalControls::chooseData(int index) {
  if (data_->itemText(index) != tr("Open CSV...")) return;
  const QString path = QFileDialog::getOpenFileName(this, tr("Open x,y or x1,x2,y samples"),
                                                    QString(), tr("CSV files (*.csv);;All (*)"));
  LocalGlobalOptions o = options();
  if (!path.isEmpty())
    o.data = path;
  else
    o.data = kBuiltIn.first();
  setOptions(o);
}

LocalGlobalOptions LocalGlobalControls::options() const {
  LocalGlobalOptions o;
  const int i = data_->currentIndex();
  o.data = data_->itemData(i).isValid() ? data_->itemData(i).toString() : data_->itemText(i);
  o.seed = static_cast<std::uint64_t>(seed_->value());
  o.hidden = hidden_->value();
  o.layers = layers_->value();
  o.grid = grid_->value();
  o.random_plane = plane_->currentIndex() == 1;
  return o;
}

void LocalGlobalControls::setOptions(const LocalGlobalOptions& o) {
  int i = data_->findText(o.data);
  if (i < 0) i = data_->findData(o.data);
  if (i < 0) {
    data_->addItem(QFileInfo(o.data).fileName(), o.data);
    i = data_->count() - 1;
  }
  data_->setCurrentIndex(i);
  seed_->setValue(static_cast<int>(o.seed));
  hidden_->setValue(o.hidden);
  layers_->setValue(o.layers);
  grid_->setValue(o.grid);
  plane_->setCurrentIndex(o.random_plane ? 1 : 0);
}

void LocalGlobalControls::setBusy(bool busy) {
  cancel_->setEnabled(busy);
  if (!busy) {
    progress_->setRange(0, 1);
    progress_->setValue(1);
    progress_->setFormat(tr("Idle"));
  }
}

void LocalGlobalControls::setProgress(const QString& what, int step, int total, double seconds) {
  progress_->setRange(0, std::max(1, total));
  progress_->setValue(std::clamp(step, 0, std::max(1, total)));
  QString eta;
  if (step > 0 && total > step && seconds > 0)
    eta = tr(", ETA %1 s").arg(seconds / step * (total - step), 0, 'f', 1);
  progress_->setFormat(what + QStringLiteral(": %v / %m") + eta);
}

void LocalGlobalControls::setError(const QString& message) { error_->setText(message); }

}  // namespace lreg::views
