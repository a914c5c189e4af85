#include "scene/landscape_map.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <vector>

#include "scene/minima_slice_view.h"  // sequentialColor
#include "scene/plot_mapping.h"       // niceTicks, tickLabel
#include "util/level_set.h"

namespace lreg::views {

namespace {
constexpr int kLevels = 14;
}

LandscapeMap::LandscapeMap(QWidget* parent) : QWidget(parent) { setMinimumSize(260, 240); }

int LandscapeMap::pathPoints() const {
  return landscape_ ? static_cast<int>(landscape_->path.coords.rows()) : 0;
}

void LandscapeMap::setLandscape(const LocalGlobalLandscapePtr& landscape) {
  landscape_ = landscape;
  image_ = QImage();
  contours_.clear();
  lo_ = hi_ = NAN;
  if (!landscape_ || landscape_->slice.loss.size() == 0) return update();
  const Eigen::MatrixXd& L = landscape_->slice.loss;  // (alpha i, beta j)
  const int n = static_cast<int>(L.rows()), m = static_cast<int>(L.cols());
  std::vector<float> field(static_cast<size_t>(n * m));  // row = beta, column = alpha
  double lo = INFINITY, hi = -INFINITY;
  for (int j = 0; j < m; ++j)
    for (int i = 0; i < n; ++i) {
      const double v = L(i, j) > 0 ? std::log10(L(i, j)) : NAN;
      field[static_cast<size_t>(j * n + i)] = static_cast<float>(v);
      if (std::isfinite(v)) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
    }
  lo_ = lo;
  hi_ = hi;
  image_ = QImage(n, m, QImage::Format_RGB32);
  for (int j = 0; j < m; ++j)
    for (int i = 0; i < n; ++i) {
      const float v = field[static_cast<size_t>(j * n + i)];
      image_.setPixel(i, m - 1 - j,
                      std::isfinite(v) ? sequentialColor((v - lo) / std::max(hi - lo, 1e-12))
                                       : qRgb(160, 160, 160));
    }
  for (int k = 1; k < kLevels; ++k) {
    const float level = static_cast<float>(lo + (hi - lo) * k / kLevels);
    std::vector<float> shifted(field);
    for (float& v : shifted) v -= level;
    const auto seg = zeroLevelSet(shifted.data(), m, n);
    contours_.insert(contours_.end(), seg.begin(), seg.end());
  }
  update();
}

QString LandscapeMap::title() const {
  if (!landscape_) return {};
  if (landscape_->random_plane)
    return tr("log10 train loss over two random filter-normalised directions (Li et al.); the "
              "path's projection on them holds %1% + %2% of it")
        .arg(100 * landscape_->path.explained[0], 0, 'f', 1)
        .arg(100 * landscape_->path.explained[1], 0, 'f', 1);
  return tr("log10 train loss over the plane of the path's first two principal directions "
            "(they explain %1% + %2% of it)")
      .arg(100 * landscape_->path.explained[0], 0, 'f', 1)
      .arg(100 * landscape_->path.explained[1], 0, 'f', 1);
}

QString LandscapeMap::footer() const {
  if (!landscape_) return {};
  const PathProjection& path = landscape_->path;
  const double off = path.off_plane.size() ? path.off_plane.maxCoeff() : 0;
  return tr("Adam's path: start hollow, end at the origin; largest distance off the plane %1 "
            "(span +-%2, %3 x %4 grid)")
      .arg(off, 0, 'g', 3)
      .arg(landscape_->span, 0, 'g', 3)
      .arg(image_.width())
      .arg(image_.height());
}

double LandscapeMap::textHeight(const QString& text) const {
  const QFontMetrics fm(font());
  return fm.boundingRect(QRect(0, 0, width() - 8, 1000), Qt::TextWordWrap, text).height() + 4;
}

// Room for the beta ticks on the left, the alpha ticks below, the colour bar on the right.
constexpr double kLeft = 44, kBelow = 34, kRight = 86;

QRectF LandscapeMap::plotArea() const {
  const double top = textHeight(title()) + 4, bottom = textHeight(footer()) + 4 + kBelow;
  const double side =
      std::max(10.0, std::min(width() - kLeft - kRight - 8, height() - top - bottom));
  return QRectF(kLeft + (width() - kLeft - kRight - side) / 2, top, side, side);
}

void LandscapeMap::drawAxes(QPainter& p, const QRectF& a) const {
  const QFontMetrics fm(font());
  p.setPen(palette().color(QPalette::WindowText));
  const double span = landscape_->span;
  const auto ticks = niceTicks(-span, span, 5);
  const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : span;
  for (double t : ticks) {
    const QString s = tickLabel(t, step);
    const double x = a.left() + (t + span) / (2 * span) * a.width();
    const double y = a.bottom() - (t + span) / (2 * span) * a.height();
    p.drawLine(QPointF(x, a.bottom()), QPointF(x, a.bottom() + 4));
    p.drawText(QPointF(x - fm.horizontalAdvance(s) / 2.0, a.bottom() + 4 + fm.ascent()), s);
    p.drawLine(QPointF(a.left() - 4, y), QPointF(a.left(), y));
    p.drawText(QPointF(a.left() - 6 - fm.horizontalAdvance(s), y + fm.ascent() / 2.0), s);
  }
  const QString ax = landscape_->random_plane ? tr("direction 1") : tr("principal direction 1");
  const QString ay = landscape_->random_plane ? tr("direction 2") : tr("principal direction 2");
  p.drawText(QPointF(a.center().x() - fm.horizontalAdvance(ax) / 2.0,
                     a.bottom() + 6 + fm.ascent() + fm.height()),
             ax);
  p.save();
  p.translate(a.left() - kLeft + fm.ascent(), a.center().y() + fm.horizontalAdvance(ay) / 2.0);
  p.rotate(-90);
  p.drawText(QPointF(0, 0), ay);
  p.restore();
  // The colour bar: log10 of the loss, the scale of the map and its contour lines.
  if (!(hi_ > lo_)) return;
  const QRectF bar(a.right() + 12, a.top(), 14, a.height());
  for (int y = 0; y < static_cast<int>(bar.height()); ++y)
    p.fillRect(QRectF(bar.left(), bar.bottom() - y - 1, bar.width(), 1),
               QColor(sequentialColor(y / std::max(bar.height() - 1, 1.0))));
  p.setPen(QColor(120, 120, 120));
  p.setBrush(Qt::NoBrush);
  p.drawRect(bar);
  p.setPen(palette().color(QPalette::WindowText));
  const auto levels = niceTicks(lo_, hi_, 6);
  const double ls = levels.size() > 1 ? levels[1] - levels[0] : 1;
  for (double v : levels) {
    if (v < lo_ || v > hi_) continue;
    const double y = bar.bottom() - (v - lo_) / (hi_ - lo_) * bar.height();
    p.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + 4, y));
    p.drawText(QPointF(bar.right() + 6, y + fm.ascent() / 2.0), tickLabel(v, ls));
  }
  const QString unit = tr("log10 loss");
  p.drawText(QPointF(bar.left(), bar.bottom() + 4 + fm.ascent()), unit);
}

void LandscapeMap::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), Qt::white);
  const QFontMetrics fm(font());
  p.setPen(palette().color(QPalette::WindowText));
  if (!landscape_) {
    p.drawText(rect(), Qt::AlignCenter, tr("Compute the landscape (L)."));
    return;
  }
  const QRectF a = plotArea();
  const int n = image_.width(), m = image_.height();
  const PathProjection& path = landscape_->path;
  p.drawText(QRectF(4, 2, width() - 8, textHeight(title())), Qt::AlignHCenter | Qt::TextWordWrap,
             title());
  p.drawImage(a, image_);
  drawAxes(p, a);
  // Grid coordinates (column, row) to pixels: grid points sit at the cell centres.
  const auto toPx = [&](double c, double r) {
    return QPointF(a.left() + (c + 0.5) / n * a.width(), a.bottom() - (r + 0.5) / m * a.height());
  };
  p.setPen(QPen(QColor(255, 255, 255, 170), 0.9));
  for (size_t k = 0; k + 1 < contours_.size(); k += 2)
    p.drawLine(toPx(contours_[k].first, contours_[k].second),
               toPx(contours_[k + 1].first, contours_[k + 1].second));
  const double span = landscape_->span;
  const auto coord = [&](double alpha, double beta) {
    return toPx((alpha + span) / (2 * span) * (n - 1), (beta + span) / (2 * span) * (m - 1));
  };
  QPainterPath line;
  for (Eigen::Index k = 0; k < path.coords.rows(); ++k) {
    const QPointF q = coord(path.coords(k, 0), path.coords(k, 1));
    if (k == 0)
      line.moveTo(q);
    else
      line.lineTo(q);
  }
  p.setPen(QPen(QColor(220, 20, 60), 2.0));
  p.setBrush(Qt::NoBrush);
  p.drawPath(line);
  if (path.coords.rows() > 0) {
    p.drawEllipse(coord(path.coords(0, 0), path.coords(0, 1)), 5, 5);
    p.setBrush(QColor(220, 20, 60));
    p.drawEllipse(coord(0, 0), 5, 5);
  }
  p.setPen(palette().color(QPalette::WindowText));
  p.drawText(QRectF(4, a.bottom() + 4 + kBelow, width() - 8, textHeight(footer())),
             Qt::AlignHCenter | Qt::TextWordWrap, footer());
}

}  // namespace lreg::views
