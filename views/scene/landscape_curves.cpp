#include "scene/landscape_curves.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "scene/plot_mapping.h"

namespace lreg::views {

LandscapeCurves::LandscapeCurves(QWidget* parent) : QWidget(parent) { setMinimumSize(240, 200); }

void LandscapeCurves::setLandscape(const LocalGlobalLandscapePtr& landscape) {
  landscape_ = landscape;
  update();
}

int LandscapeCurves::curveCount() const {
  return landscape_ ? 1 + (landscape_->barrier.has_value() ? 1 : 0) : 0;
}

void LandscapeCurves::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), Qt::white);
  if (!landscape_) return;
  const QFontMetrics fm(font());
  struct Curve {
    const Eigen::VectorXd *t, *loss;
    QColor color;
    QString name;
  };
  std::vector<Curve> curves = {{&landscape_->interp_t, &landscape_->interp_loss,
                                QColor(214, 39, 40), tr("initial -> final MLP")}};
  if (landscape_->barrier)
    curves.push_back({&landscape_->barrier->t, &landscape_->barrier->loss, QColor(31, 119, 180),
                      tr("MLP -> its LReg after MRC")});
  double lo = INFINITY, hi = -INFINITY;
  for (const Curve& c : curves)
    for (double v : *c.loss)
      if (v > 0 && std::isfinite(v)) {
        lo = std::min(lo, std::log10(v));
        hi = std::max(hi, std::log10(v));
      }
  if (!std::isfinite(lo)) return;
  PlotMapping m;
  const double left = fm.horizontalAdvance(QStringLiteral("1e-00")) + 16;
  m.area = QRectF(left, fm.height() * (2.5 + curves.size()), width() - left - 12,
                  height() - fm.height() * (5.5 + curves.size()));
  m.x0 = 0;
  m.x1 = 1;
  m.y0 = lo - 0.05 * std::max(hi - lo, 0.1);
  m.y1 = hi + 0.05 * std::max(hi - lo, 0.1);
  p.setPen(QColor(200, 200, 200));
  p.drawRect(m.area);
  p.setPen(palette().color(QPalette::WindowText));
  for (double t : niceTicks(m.y0, m.y1, 6)) {
    const QString s = QStringLiteral("1e%1").arg(t, 0, 'g', 3);
    p.drawText(QPointF(m.area.left() - 6 - fm.horizontalAdvance(s), m.py(t) + fm.ascent() / 2.0),
               s);
  }
  for (double t : {0.0, 0.5, 1.0})
    p.drawText(QPointF(m.px(t) - 8, m.area.bottom() + fm.height()), QString::number(t));
  p.drawText(QPointF(m.area.center().x() - 40, m.area.bottom() + 2 * fm.height()),
             tr("t (train loss, log)"));
  for (size_t k = 0; k < curves.size(); ++k) {
    const Curve& c = curves[k];
    QPainterPath path;
    for (Eigen::Index i = 0; i < c.t->size(); ++i) {
      const QPointF q = m.toPixel((*c.t)[i], std::log10(std::max((*c.loss)[i], 1e-300)));
      if (i == 0)
        path.moveTo(q);
      else
        path.lineTo(q);
    }
    p.setPen(QPen(c.color, 2.2));
    p.drawPath(path);
    p.drawText(QPointF(m.area.left(), fm.height() * (2.2 + k)), c.name);
  }
  p.setPen(palette().color(QPalette::WindowText));
  p.drawText(QRectF(0, 0, width(), fm.height() + 2), Qt::AlignHCenter,
             tr("Loss on straight lines"));
}

}  // namespace lreg::views
