#include "scene/mesh1d_marks.h"

#include <QCoreApplication>
#include <QFont>
#include <QFontMetricsF>
#include <QPainter>
#include <QPolygonF>
#include <cmath>

namespace lreg::views {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("Mesh1DMarks", text); }

void drawTriangle(QPainter& p, QPointF c, double r) {
  const QPointF pts[3] = {c + QPointF(0, -r), c + QPointF(0.87 * r, 0.5 * r),
                          c + QPointF(-0.87 * r, 0.5 * r)};
  p.drawPolygon(pts, 3);
}

void drawCross(QPainter& p, QPointF c, double r) {
  p.drawLine(c + QPointF(-r, -r), c + QPointF(r, r));
  p.drawLine(c + QPointF(-r, r), c + QPointF(r, -r));
}

// A trail from the old position (a small hollow dot) to the new one (an arrow head).
void drawTrail(QPainter& p, QPointF from, QPointF to, double head) {
  p.setBrush(Qt::NoBrush);
  p.drawEllipse(from, 1.8, 1.8);
  p.drawLine(from, to);
  const double dir = to.x() >= from.x() ? 1.0 : -1.0;
  if (std::abs(to.x() - from.x()) < head) return;  // too short for a head: the line says it
  p.drawLine(to, to + QPointF(-dir * head, -0.6 * head));
  p.drawLine(to, to + QPointF(-dir * head, 0.6 * head));
}

}  // namespace

Mesh1DMarkCounts markCounts(const Mrc1DSnapshot& s) {
  return {static_cast<int>(s.refined.size()), static_cast<int>(s.inserted.size()),
          static_cast<int>(s.removed.size()), static_cast<int>(s.moved.size())};
}

QString markSummary(const Mrc1DSnapshot& s) {
  const Mesh1DMarkCounts c = markCounts(s);
  return tr("refined %1 · inserted %2 · removed %3 · moved %4")
      .arg(c.refined)
      .arg(c.inserted)
      .arg(c.removed)
      .arg(c.moved);
}

QString stepCaption(const Mrc1DSnapshot& s, const Mrc1DOptions& o) {
  if (s.step == 0)
    return tr("Step 0: least-squares fit on %1 nodes. Each step splits the elements where the "
              "fit is worst at their midpoints and coarsens back to %1 nodes.")
        .arg(s.nodes.size());
  const Mesh1DMarkCounts c = markCounts(s);
  QString text = tr("Step %1: split the %2 elements of largest %3 indicator at their midpoints "
                    "(orange) and refit; ")
                     .arg(s.step)
                     .arg(c.refined)
                     .arg(QString::fromStdString(toString(o.indicator)));
  if (o.coarsen == CoarsenStrategy::Remove) {
    // Removal keeps a subset of old nodes and midpoints: what is not inserted was dropped again.
    const int dropped = c.refined - c.inserted;
    if (c.removed == 0 && c.inserted == 0)
      return text + tr("coarsening removed the %1 new midpoints again: the mesh is unchanged, the "
                       "loop has settled here.")
                        .arg(dropped);
    return text + tr("coarsening then removed the %1 nodes whose loss costs least: %2 old nodes "
                     "(red ×) and %3 of the new midpoints, so %4 midpoints stay (green ▲).")
                      .arg(c.removed + dropped)
                      .arg(c.removed)
                      .arg(dropped)
                      .arg(c.inserted);
  }
  return text + tr("coarsening then re-placed all %1 nodes at equal mass of the error density: "
                   "%2 moved (pink trails), %3 inserted (green ▲), %4 removed (red ×).")
                    .arg(s.nodes.size())
                    .arg(c.moved)
                    .arg(c.inserted)
                    .arg(c.removed);
}

void drawGlyph(QPainter& p, Mesh1DGlyph g, const QRectF& box) {
  const QPointF c = box.center();
  p.save();
  switch (g) {
    case Mesh1DGlyph::Dot:
      p.setPen(Qt::NoPen);
      p.setBrush(Mesh1DColors::data());
      p.drawEllipse(c, 2.5, 2.5);
      break;
    case Mesh1DGlyph::Line:
      p.setPen(QPen(Mesh1DColors::truth(), 1.3));
      p.drawLine(QPointF(box.left(), c.y()), QPointF(box.right(), c.y()));
      break;
    case Mesh1DGlyph::FitLine:
      p.setPen(QPen(Mesh1DColors::fit(), 2.2));
      p.drawLine(QPointF(box.left(), c.y()), QPointF(box.right(), c.y()));
      p.setBrush(Qt::white);
      p.setPen(QPen(Mesh1DColors::fit(), 1.4));
      p.drawEllipse(c, 3.2, 3.2);
      break;
    case Mesh1DGlyph::Area:
      p.fillRect(box.adjusted(0, 3, 0, -3), Mesh1DColors::error());
      break;
    case Mesh1DGlyph::Band:
      p.fillRect(box.adjusted(4, 0, -4, 0), Mesh1DColors::refined().darker(110));
      break;
    case Mesh1DGlyph::Triangle:
      p.setPen(QPen(Qt::white, 1));
      p.setBrush(Mesh1DColors::inserted());
      drawTriangle(p, c + QPointF(0, 1), 6);
      break;
    case Mesh1DGlyph::Cross:
      p.setPen(QPen(Mesh1DColors::removed(), 2.2, Qt::SolidLine, Qt::RoundCap));
      drawCross(p, c, 4.5);
      break;
    case Mesh1DGlyph::Trail:
      p.setPen(QPen(Mesh1DColors::moved(), 1.8, Qt::SolidLine, Qt::RoundCap));
      drawTrail(p, c - QPointF(9, 0), c + QPointF(9, 0), 5);
      break;
  }
  p.restore();
}

int drawLegendItems(QPainter* p, const QFont& font,
                    const std::vector<std::pair<Mesh1DGlyph, QString>>& items, double left,
                    double top, double right) {
  const QFontMetricsF fm(font);
  const double glyphW = 26, gap = 18, rowH = fm.height() + 6;
  double x = left;
  int row = 0;
  for (const auto& [glyph, label] : items) {
    const double w = glyphW + 5 + fm.horizontalAdvance(label);
    if (x + w > right && x > left) {
      x = left;
      ++row;
    }
    if (p) {
      const double y = top + row * rowH;
      drawGlyph(*p, glyph, QRectF(x, y, glyphW, rowH));
      p->setPen(QColor(50, 50, 50));
      p->drawText(QRectF(x + glyphW + 5, y, w, rowH), Qt::AlignLeft | Qt::AlignVCenter, label);
    }
    x += w + gap;
  }
  return row + 1;
}

void drawRefinedBands(QPainter& p, const PlotMapping& m, const Mrc1DSnapshot& s) {
  const QColor band = Mesh1DColors::refined();
  for (const auto& [a, b] : s.refined) {
    const double l = m.px(a), r = std::max(m.px(b), l + 2.0);
    p.fillRect(QRectF(QPointF(l, m.area.top()), QPointF(r, m.area.bottom())), band);
    p.fillRect(QRectF(QPointF(l, m.area.top()), QPointF(r, m.area.top() + 4)), band.darker(130));
  }
}

void drawStepMarks(QPainter& p, const PlotMapping& m, const Mrc1DSnapshot& s,
                   const std::function<double(double)>& f, double fade) {
  const double r = 4.5 + 3.5 * fade;
  auto halo = [&](QPointF c, QColor color) {
    if (fade <= 0) return;
    color.setAlphaF(0.22 * fade);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawEllipse(c, r + 7 * fade, r + 7 * fade);
  };
  const double rug = m.area.bottom();
  // Moves first, thinnest: on the fit at the node's new height, and along the node rug, where
  // the mesh density's shift is read off at a glance.
  p.setPen(QPen(Mesh1DColors::moved(), 1.6, Qt::SolidLine, Qt::RoundCap));
  for (const auto& [from, to] : s.moved) {
    const double y = m.py(f(to));
    drawTrail(p, QPointF(m.px(from), y), QPointF(m.px(to), y), 4);
    p.drawLine(QPointF(m.px(from), rug - 14), QPointF(m.px(to), rug - 14));
  }
  for (double x : s.removed) {
    const QPointF c = m.toPixel(x, f(x));
    halo(c, Mesh1DColors::removed());
    p.setPen(QPen(Mesh1DColors::removed(), 1.8, Qt::SolidLine, Qt::RoundCap));
    drawCross(p, c, 0.7 * r);
    p.drawLine(QPointF(c.x(), rug), QPointF(c.x(), rug - 12));
  }
  for (double x : s.inserted) {
    const QPointF c = m.toPixel(x, f(x)) + QPointF(0, -r - 2);  // just above its node marker
    halo(c, Mesh1DColors::inserted());
    p.setPen(QPen(Qt::white, 0.8));
    p.setBrush(Mesh1DColors::inserted());
    drawTriangle(p, c, r);
    p.setPen(QPen(Mesh1DColors::inserted(), 1.8));
    p.drawLine(QPointF(c.x(), rug), QPointF(c.x(), rug - 12));
  }
}

}  // namespace lreg::views
