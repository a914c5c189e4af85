#pragma once
// One colour per enumerated minimum, shared by the fit plot, the table, the slice markers and the
// basin map, so that a minimum is recognised everywhere. Index 0 is the global minimum.
#include <QColor>

namespace lreg::views {

inline QColor minimumColor(int k) {
  // tab10 without grey (grey means "no minimum" in the basin map).
  static const QColor palette[] = {{214, 39, 40},   {31, 119, 180},  {44, 160, 44},
                                   {255, 127, 14},  {148, 103, 189}, {140, 86, 75},
                                   {227, 119, 194}, {188, 189, 34},  {23, 190, 207}};
  if (k < 0) return QColor(150, 150, 150);  // a critical point that is not a minimum, or none
  return palette[k % 9];
}

}  // namespace lreg::views
