#pragma once
// The data behind a Mesh 2D figure as CSV: vertices and coefficients to `path` (x1, x2, c1..),
// triangles with their sample counts and mean |residual| to <stem>_triangles.csv, the history of
// steps to <stem>_history.csv. Returns an error message, or empty on success.
#include <QString>

#include "session/mesh2d_session.h"

namespace lreg::views {

QString exportMesh2DCsv(const Mesh2DFrame& frame, const QString& path);

}  // namespace lreg::views
