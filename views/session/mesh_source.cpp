#include "session/mesh_source.h"

#include <QFileInfo>

namespace lreg::views {

QString MeshSource::label() const {
  return isCsv() ? QFileInfo(QString::fromStdString(csv_path)).fileName()
                 : QString::fromStdString(generator);
}

}  // namespace lreg::views
