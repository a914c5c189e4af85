#include "scene/landscape_surface.h"

#include <QLabel>
#include <QVBoxLayout>
#include <cmath>

#ifdef LREG_HAVE_DATAVIS
#include <QtDataVisualization/Q3DCamera>
#include <QtDataVisualization/Q3DSurface>
#include <QtDataVisualization/Q3DTheme>
#include <QtDataVisualization/QSurface3DSeries>
#include <QtDataVisualization/QSurfaceDataProxy>
#include <QtDataVisualization/QValue3DAxis>
#endif

#include "scene/mesh2d_surface.h"  // unavailableReason
#include "scene/p1_raster.h"       // viridisAnchors

namespace lreg::views {

#ifdef LREG_HAVE_DATAVIS
struct LandscapeSurface::Graph {
  Q3DSurface* surface = nullptr;  // owned by the container widget
  QSurface3DSeries* series = nullptr;
};
#else
struct LandscapeSurface::Graph {};
#endif

LandscapeSurface::LandscapeSurface(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  const QString reason = Mesh2DSurface::unavailableReason();
  if (!reason.isEmpty()) {
    message_ = new QLabel(reason);
    message_->setWordWrap(true);
    message_->setAlignment(Qt::AlignCenter);
    message_->setMargin(30);
    message_->setStyleSheet(QStringLiteral("QLabel { color: #555; background: #f6f8fa; }"));
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
  s->setShadowQuality(QAbstract3DGraph::ShadowQualityNone);
  s->scene()->activeCamera()->setCameraPreset(Q3DCamera::CameraPresetIsometricRightHigh);
  s->setAxisX(new QValue3DAxis);
  s->setAxisY(new QValue3DAxis);
  s->setAxisZ(new QValue3DAxis);
  s->axisX()->setTitle(QStringLiteral("alpha (PC 1)"));
  s->axisZ()->setTitle(QStringLiteral("beta (PC 2)"));
  s->axisY()->setTitle(QStringLiteral("log10 loss"));
  for (QValue3DAxis* axis : {s->axisX(), s->axisY(), s->axisZ()}) {
    axis->setTitleVisible(true);
    axis->setLabelFormat(QStringLiteral("%.3g"));
  }
  graph_->series = new QSurface3DSeries;
  graph_->series->setDrawMode(QSurface3DSeries::DrawSurface);
  graph_->series->setColorStyle(Q3DTheme::ColorStyleRangeGradient);
  QLinearGradient gradient;
  const auto& anchors = viridisAnchors();
  for (size_t k = 0; k < anchors.size(); ++k)
    gradient.setColorAt(static_cast<double>(k) / static_cast<double>(anchors.size() - 1),
                        QColor(anchors[k]));
  graph_->series->setBaseGradient(gradient);
  s->addSeries(graph_->series);
  QWidget* container = QWidget::createWindowContainer(s, this);
  container->setMinimumSize(300, 240);
  layout->addWidget(container);
#endif
}

LandscapeSurface::~LandscapeSurface() { delete graph_; }

QString LandscapeSurface::message() const { return message_ ? message_->text() : QString(); }

void LandscapeSurface::setLandscape(const LocalGlobalLandscapePtr& landscape) {
#ifdef LREG_HAVE_DATAVIS
  if (!graph_ || !landscape) return;
  const LossSlice& sl = landscape->slice;
  auto* array = new QSurfaceDataArray;
  array->reserve(static_cast<int>(sl.beta.size()));
  for (Eigen::Index j = 0; j < sl.beta.size(); ++j) {
    auto* row = new QSurfaceDataRow(static_cast<int>(sl.alpha.size()));
    for (Eigen::Index i = 0; i < sl.alpha.size(); ++i) {
      const double v = sl.loss(i, j) > 0 ? std::log10(sl.loss(i, j)) : NAN;
      (*row)[static_cast<int>(i)].setPosition(
          QVector3D(float(sl.alpha[i]), float(v), float(sl.beta[j])));
    }
    array->append(row);
  }
  graph_->series->dataProxy()->resetArray(array);
#else
  Q_UNUSED(landscape);
#endif
}

QString LandscapeSurface::saveImage(const QString& path, QSize size) const {
  if (!isAvailable()) return message();
#ifdef LREG_HAVE_DATAVIS
  const QImage image = graph_->surface->renderToImage(4, size);
  if (image.isNull()) return tr("The 3D view could not be rendered.");
  if (!image.save(path)) return tr("Cannot write %1").arg(path);
  return {};
#else
  Q_UNUSED(path);
  Q_UNUSED(size);
  return message();
#endif
}

}  // namespace lreg::views
