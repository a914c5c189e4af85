#include "panels/mesh2d_inspector.h"

#include <QLabel>
#include <QPainter>
#include <QTextDocument>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "scene/p1_raster.h"

namespace lreg::views {

// psi_i over its support, with equal aspect: the tent coloured 0..1, contours at 1/4, 1/2, 3/4,
// the support's outline and the neighbouring triangles for context.
class TentView : public QWidget {
 public:
  TentView() { setFixedHeight(170); }

  void setVertex(Mrc2DSnapshotPtr snapshot, int vertex) {
    snapshot_ = std::move(snapshot);
    vertex_ = vertex;
    support_.clear();
    if (snapshot_ && vertex_ >= 0)
      for (Eigen::Index t = 0; t < snapshot_->triangles.rows(); ++t)
        if ((snapshot_->triangles.row(t).array() == vertex_).any())
          support_.push_back(static_cast<int>(t));
    setVisible(!support_.empty());
    update();
  }

 protected:
  void paintEvent(QPaintEvent*) override {
    QPainter p(this);
    p.fillRect(rect(), QColor(246, 248, 250));
    if (support_.empty()) return;
    const Mrc2DSnapshot& s = *snapshot_;
    QRectF box;
    for (int t : support_)
      for (int k = 0; k < 3; ++k) {
        const QPointF v(s.vertices(s.triangles(t, k), 0), s.vertices(s.triangles(t, k), 1));
        box = box.isNull() ? QRectF(v, QSizeF(1e-12, 1e-12))
                           : box.united(QRectF(v, QSizeF(1e-12, 1e-12)));
      }
    PlotMapping m;
    m.area = QRectF(rect()).adjusted(10, 10, -10, -22);
    const double scale =
        0.92 * std::min(m.area.width() / box.width(), m.area.height() / box.height());
    const double hw = 0.5 * m.area.width() / scale, hh = 0.5 * m.area.height() / scale;
    m.x0 = box.center().x() - hw;
    m.x1 = box.center().x() + hw;
    m.y0 = box.center().y() - hh;
    m.y1 = box.center().y() + hh;
    Eigen::VectorXd psi = Eigen::VectorXd::Zero(s.vertices.rows());
    psi(vertex_) = 1.0;
    QImage img(m.area.size().toSize(), QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::transparent);
    rasterizeP1(
        img, m, s.vertices, s.triangles, psi, [](double v) { return viridis(v); }, support_);
    p.setRenderHint(QPainter::Antialiasing);
    const auto px = [&](int i) { return m.toPixel(s.vertices(i, 0), s.vertices(i, 1)); };
    p.setClipRect(m.area);
    p.setPen(QPen(QColor(190, 190, 200), 0.8));  // the mesh around the support, for context
    for (Eigen::Index t = 0; t < s.triangles.rows(); ++t)
      for (int k = 0; k < 3; ++k)
        p.drawLine(px(s.triangles(t, k)), px(s.triangles(t, (k + 1) % 3)));
    p.drawImage(m.area.topLeft(), img);
    p.setPen(QPen(QColor(255, 255, 255, 220), 1.1));
    for (double level : {0.25, 0.5, 0.75})
      for (const QLineF& l : levelSegments(s.vertices, s.triangles, psi, level, support_))
        p.drawLine(m.toPixel(l.p1().x(), l.p1().y()), m.toPixel(l.p2().x(), l.p2().y()));
    p.setPen(QPen(QColor(30, 30, 40), 1.2));
    for (int t : support_)
      for (int k = 0; k < 3; ++k) {
        const int a = s.triangles(t, k), b = s.triangles(t, (k + 1) % 3);
        if (a != vertex_ && b != vertex_) p.drawLine(px(a), px(b));  // the support's boundary
      }
    p.setBrush(Qt::white);
    p.drawEllipse(px(vertex_), 3.5, 3.5);
    p.setClipping(false);
    p.setPen(QColor(90, 90, 90));
    p.drawText(QRectF(0, height() - 20, width(), 18), Qt::AlignCenter,
               QWidget::tr("ψ%1 on its support · contours ¼ ½ ¾").arg(vertex_));
  }

 private:
  Mrc2DSnapshotPtr snapshot_;
  int vertex_ = -1;
  std::vector<int> support_;
};

Mesh2DInspector::Mesh2DInspector(QWidget* parent)
    : QWidget(parent), text_(new QLabel), tent_(new TentView) {
  text_->setWordWrap(true);
  text_->setTextFormat(Qt::RichText);
  text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(text_);
  layout->addWidget(tent_);
  inspect(nullptr, -1, -1, 0);
}

void Mesh2DInspector::inspect(const Mesh2DFramePtr& frame, int vertex, int triangle, int output) {
  const auto num = [](double v, int digits = 5) {
    return std::isfinite(v) ? QString::number(v, 'g', digits) : QStringLiteral("–");
  };
  if (!frame || (vertex < 0 && triangle < 0)) {
    text_->setText(
        tr("<span style='color:#666'>Click a vertex to see its basis function ψ<sub>i</sub>, or a "
           "triangle for its error.</span>"));
    tent_->setVertex(nullptr, -1);
    return;
  }
  const Mrc2DSnapshot& s = *frame->snapshot;
  const int out = output < s.coeffs.cols() ? output : 0;
  if (vertex >= 0 && vertex < s.vertices.rows()) {
    const bool corner = std::find(s.corners.begin(), s.corners.end(), vertex) != s.corners.end();
    QString coeffs;
    for (Eigen::Index c = 0; c < s.coeffs.cols(); ++c)
      coeffs += (c ? QStringLiteral(", ") : QString()) + num(s.coeffs(vertex, c));
    text_->setText(
        tr("<b>Vertex %1</b>%2 at (%3, %4)<br>coefficient c<sub>%1</sub> = %5<br>"
           "share of the training |residual|: <b>%6 %</b><br>training samples in its support: %7")
            .arg(vertex)
            .arg(corner ? tr(" (domain corner, locked)") : QString())
            .arg(num(s.vertices(vertex, 0)), num(s.vertices(vertex, 1)), coeffs)
            .arg(100.0 * s.vertex_loss_share(vertex), 0, 'f', 2)
            .arg(s.vertex_samples(vertex)));
    tent_->setVertex(frame->snapshot, vertex);
    return;
  }
  if (triangle >= 0 && triangle < s.triangles.rows()) {
    const auto v = s.triangles.row(triangle);
    const Eigen::Vector2d a = s.vertices.row(v(0)), b = s.vertices.row(v(1)),
                          c = s.vertices.row(v(2));
    const double area = 0.5 * std::abs((b - a).x() * (c - a).y() - (c - a).x() * (b - a).y());
    const double mean = (s.coeffs(v(0), out) + s.coeffs(v(1), out) + s.coeffs(v(2), out)) / 3;
    text_->setText(
        tr("<b>Triangle %1</b>: vertices %2, %3, %4<br>area %5 · mean fitted value %6<br>"
           "training samples inside: %7<br>their mean |residual|: <b>%8</b>")
            .arg(triangle)
            .arg(v(0))
            .arg(v(1))
            .arg(v(2))
            .arg(num(area, 4), num(mean, 4))
            .arg(s.triangle_samples(triangle))
            .arg(s.triangle_samples(triangle) > 0 ? num(s.triangle_mae(triangle), 4)
                                                  : tr("no samples")));
    tent_->setVertex(nullptr, -1);
  }
}

QString Mesh2DInspector::text() const {
  QTextDocument doc;
  doc.setHtml(text_->text());
  return doc.toPlainText();
}

}  // namespace lreg::views
