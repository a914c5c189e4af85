#include "scene/encoder_meshes_view.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QSlider>
#include <QVBoxLayout>
#include <cmath>

namespace lreg::views {

namespace {
constexpr int kScrubberHeight = 26;
}

EncoderMeshesView::EncoderMeshesView(QWidget* parent)
    : QWidget(parent), scrubber_(new QSlider(Qt::Horizontal)), label_(new QLabel) {
  setMinimumSize(220, 120);
  scrubber_->setRange(0, 0);
  scrubber_->setToolTip(tr("Scrub over the mesh updates"));
  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel(tr("Mesh update")));
  bar->addWidget(scrubber_, 1);
  bar->addWidget(label_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addStretch(1);
  layout->addLayout(bar);
  connect(scrubber_, &QSlider::valueChanged, this, [this] {
    label_->setText(meshes_.isEmpty()
                        ? tr("none")
                        : tr("%1 of %2").arg(scrubber_->value()).arg(meshes_.size() - 1));
    QWidget::update();
  });
  label_->setText(tr("none"));
}

void EncoderMeshesView::setMeshes(const EncoderMeshes& meshes) {
  const bool atEnd = scrubber_->value() >= scrubber_->maximum();
  meshes_ = meshes;
  scrubber_->setRange(0, qMax(0, int(meshes_.size()) - 1));
  if (atEnd) scrubber_->setValue(scrubber_->maximum());
  label_->setText(meshes_.isEmpty()
                      ? tr("none")
                      : tr("%1 of %2").arg(scrubber_->value()).arg(meshes_.size() - 1));
  QWidget::update();
}

int EncoderMeshesView::update() const { return meshes_.isEmpty() ? -1 : scrubber_->value(); }

void EncoderMeshesView::showUpdate(int u) { scrubber_->setValue(u); }

void EncoderMeshesView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const QRect area = rect().adjusted(2, 2, -2, -kScrubberHeight - 4);
  p.fillRect(area, QColor(250, 250, 250));
  const int u = update();
  if (u < 0 || meshes_[u].isEmpty()) {
    p.setPen(Qt::gray);
    p.drawText(area, Qt::AlignCenter, tr("The encoder meshes appear at the first mesh update"));
    return;
  }
  const auto& now = meshes_[u];
  const auto* before = u > 0 ? &meshes_[u - 1] : nullptr;
  const int d = int(now.size());
  const int cols =
      qMax(1, int(std::ceil(std::sqrt(d * double(area.width()) / (4.0 * area.height())))));
  const int rows = (d + cols - 1) / cols;
  const double cw = area.width() / double(cols), ch = area.height() / double(rows);
  QFont f = font();
  f.setPointSizeF(f.pointSizeF() * 0.8);
  p.setFont(f);
  for (int c = 0; c < d; ++c) {
    const QRectF cell(area.left() + (c % cols) * cw, area.top() + (c / cols) * ch, cw, ch);
    const QRectF strip = cell.adjusted(22, ch * 0.25, -6, -ch * 0.25);
    const auto& nodes = now[c];
    if (nodes.isEmpty()) continue;
    double lo = nodes.front(), hi = nodes.back();
    if (before && c < before->size() && !(*before)[c].isEmpty()) {
      lo = qMin(lo, (*before)[c].front());
      hi = qMax(hi, (*before)[c].back());
    }
    const double span = hi > lo ? hi - lo : 1;
    const auto x = [&](double v) { return strip.left() + (v - lo) / span * strip.width(); };
    p.setPen(QColor(90, 90, 90));
    p.drawText(QRectF(cell.left(), strip.top(), 20, strip.height()), Qt::AlignCenter,
               QString::number(c + 1));
    p.setPen(QPen(QColor(200, 200, 200), 1));
    p.drawLine(QPointF(strip.left(), strip.center().y()),
               QPointF(strip.right(), strip.center().y()));
    if (before && c < before->size()) {
      p.setPen(QPen(QColor(230, 120, 40, 110), 1.5));
      for (double v : (*before)[c])
        if (std::isfinite(v))
          p.drawLine(QPointF(x(v), strip.top()), QPointF(x(v), strip.center().y()));
    }
    p.setPen(QPen(QColor(31, 119, 180), 1.6));
    for (double v : nodes)
      if (std::isfinite(v))
        p.drawLine(QPointF(x(v), strip.center().y()), QPointF(x(v), strip.bottom()));
  }
}

}  // namespace lreg::views
