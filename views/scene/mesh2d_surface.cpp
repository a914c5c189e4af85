#include "scene/mesh2d_surface.h"

#include <QGuiApplication>
#include <QLabel>
#include <QOpenGLContext>
#include <QVBoxLayout>

#ifdef LREG_HAVE_DATAVIS
#include <QtDataVisualization/Q3DCamera>
#include <QtDataVisualization/Q3DSurface>
#include <QtDataVisualization/Q3DTheme>
#include <QtDataVisualization/QSurface3DSeries>
#include <QtDataVisualization/QSurfaceDataProxy>
#include <QtDataVisualization/QValue3DAxis>
#endif

#include "scene/p1_raster.h"

namespace lreg::views {

#ifdef LREG_HAVE_DATAVIS
struct Mesh2DSurface::Graph {
  Q3DSurface* surface = nullptr;  // owned by the container widget
  QSurface3DSeries* series = nullptr;
  QWidget* container = nullptr;
};
#else
struct Mesh2DSurface::Graph {};
#endif

QString Mesh2DSurface::unavailableReason() {
#ifndef LREG_HAVE_DATAVIS
  return tr(
      "This build has no 3D view: Qt DataVisualization was not found when it was configured.");
#else
  const QString platform = QGuiApplication::platformName();
  QOpenGLContext context;
  if (!context.create())
    return tr("No 3D view: OpenGL is not available on the '%1' platform (an OpenGL context could "
              "not be "
              "created). Run the studio on a desktop or under a virtual X server, e.g. xvfb-run, "
              "to see "
              "the fitted surface in 3D.")
        .arg(platform);
  // The offscreen and minimal platforms may create a context but cannot show GL windows;
  // Q3DSurface crashes there.
  if (platform == QLatin1String("offscreen") || platform == QLatin1String("minimal"))
    return tr("No 3D view: the '%1' platform has no windows that OpenGL can draw into. Run the "
              "studio on "
              "a desktop or under a virtual X server, e.g. xvfb-run, to see the fitted surface in "
              "3D.")
        .arg(platform);
  return {};
#endif
}

Mesh2DSurface::Mesh2DSurface(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  const QString reason = unavailableReason();
  if (!reason.isEmpty()) {
    message_ = new QLabel(reason);
    message_->setWordWrap(true);
    message_->setAlignment(Qt::AlignCenter);
    message_->setMargin(40);
    message_->setStyleSheet(
        QStringLiteral("QLabel { color: #555; font-size: 14px; background: #f6f8fa; }"));
    layout->addWidget(message_);
    return;
  }
#ifdef LREG_HAVE_DATAVIS
  graph_ = new Graph;
  graph_->surface = new Q3DSurface;
  Q3DSurface* s = graph_->surface;
  s->activeTheme()->setType(Q3DTheme::ThemeQt);
  s->activeTheme()->setBackgroundColor(Qt::white);
  s->activeTheme()->setWindowColor(Qt::white);
  s->activeTheme()->setLabelBackgroundEnabled(false);
  s->activeTheme()->setGridLineColor(QColor(200, 200, 205));
  // Soft light: the default specular glare hides the colours of the value.
  s->activeTheme()->setAmbientLightStrength(0.55f);
  s->activeTheme()->setLightStrength(2.5f);
  s->setShadowQuality(QAbstract3DGraph::ShadowQualityNone);  // software GL (xvfb) stays fast
  s->scene()->activeCamera()->setCameraPreset(Q3DCamera::CameraPresetIsometricRightHigh);
  s->scene()->activeCamera()->setZoomLevel(95);
  s->setAxisX(new QValue3DAxis);
  s->setAxisY(new QValue3DAxis);
  s->setAxisZ(new QValue3DAxis);
  for (QValue3DAxis* axis : {s->axisX(), s->axisY(), s->axisZ()}) {
    axis->setTitleVisible(true);
    axis->setLabelFormat(QStringLiteral("%.3g"));
  }
  graph_->series = new QSurface3DSeries;
  graph_->series->setColorStyle(Q3DTheme::ColorStyleRangeGradient);
  graph_->series->setDrawMode(QSurface3DSeries::DrawSurface);
  graph_->series->setFlatShadingEnabled(false);
  graph_->series->setItemLabelFormat(QStringLiteral("(@xLabel, @zLabel): @yLabel"));
  s->addSeries(graph_->series);
  graph_->container = QWidget::createWindowContainer(s, this);
  graph_->container->setMinimumSize(300, 240);
  layout->addWidget(graph_->container);
#endif
}

Mesh2DSurface::~Mesh2DSurface() { delete graph_; }

QString Mesh2DSurface::message() const { return message_ ? message_->text() : QString(); }

void Mesh2DSurface::setFrame(Mesh2DFramePtr frame) {
  frame_ = std::move(frame);
  rebuild();
}

void Mesh2DSurface::setOutput(int output) {
  output_ = std::max(0, output);
  rebuild();
}

void Mesh2DSurface::rebuild() {
#ifdef LREG_HAVE_DATAVIS
  if (!graph_ || !frame_) return;
  const Mesh2DGrid& g = frame_->grid;
  const int out = output_ < g.values.cols() ? output_ : 0;
  auto* array = new QSurfaceDataArray;
  array->reserve(g.ny);
  for (int iy = 0; iy < g.ny; ++iy) {
    auto* row = new QSurfaceDataRow(g.nx);
    const double z = g.lo.y() + (g.hi.y() - g.lo.y()) * iy / (g.ny - 1);
    for (int ix = 0; ix < g.nx; ++ix) {
      const double x = g.lo.x() + (g.hi.x() - g.lo.x()) * ix / (g.nx - 1);
      (*row)[ix].setPosition(QVector3D(float(x), float(g.values(iy * g.nx + ix, out)), float(z)));
    }
    array->append(row);
  }
  graph_->series->dataProxy()->resetArray(array);
  const Mesh2DSetup& s = *frame_->setup;
  const double lo = s.value_lo(out), hi = s.value_hi(out), pad = 0.08 * (hi - lo);
  Q3DSurface* surface = graph_->surface;
  surface->axisX()->setRange(float(g.lo.x()), float(g.hi.x()));
  surface->axisZ()->setRange(float(g.lo.y()), float(g.hi.y()));
  surface->axisY()->setRange(float(lo - pad), float(hi + pad));
  const Dataset& d = *s.data;
  const bool named = d.input_names.size() == 2;
  surface->axisX()->setTitle(named ? QString::fromStdString(d.input_names[0])
                                   : QStringLiteral("x1"));
  surface->axisZ()->setTitle(named ? QString::fromStdString(d.input_names[1])
                                   : QStringLiteral("x2"));
  surface->axisY()->setTitle(static_cast<int>(d.output_names.size()) > out
                                 ? QString::fromStdString(d.output_names[static_cast<size_t>(out)])
                                 : QStringLiteral("f"));
  // The gradient spans the padded y axis; its viridis part spans [lo, hi] like the 2D colour bar.
  QLinearGradient gradient;
  const auto& anchors = viridisAnchors();
  const double inset = pad / (hi - lo + 2 * pad);
  for (size_t k = 0; k < anchors.size(); ++k)
    gradient.setColorAt(
        inset + (1 - 2 * inset) * static_cast<double>(k) / static_cast<double>(anchors.size() - 1),
        QColor(anchors[k]));
  gradient.setColorAt(0, QColor(anchors.front()));
  gradient.setColorAt(1, QColor(anchors.back()));
  graph_->series->setBaseGradient(gradient);
#endif
}

QImage Mesh2DSurface::renderImage(QSize size) const {
#ifdef LREG_HAVE_DATAVIS
  if (graph_) return graph_->surface->renderToImage(4, size);
#endif
  Q_UNUSED(size);
  return {};
}

QString Mesh2DSurface::saveImage(const QString& path, QSize size) const {
  if (!isAvailable()) return message();
  const QImage image = renderImage(size);
  if (image.isNull()) return tr("The 3D view could not be rendered.");
  if (!image.save(path)) return tr("Cannot write %1").arg(path);
  return {};
}

}  // namespace lreg::views
