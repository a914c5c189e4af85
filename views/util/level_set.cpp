#include "util/level_set.h"

namespace lreg::views {

namespace {

using Point = std::pair<float, float>;

// Where the zero crossing lies on the edge from a (value va) to b (value vb).
Point crossing(Point a, Point b, float va, float vb) {
  const float t = va / (va - vb);
  return {a.first + t * (b.first - a.first), a.second + t * (b.second - a.second)};
}

}  // namespace

std::vector<Point> zeroLevelSet(const float* v, int rows, int cols) {
  std::vector<Point> out;
  for (int r = 0; r + 1 < rows; ++r) {
    for (int c = 0; c + 1 < cols; ++c) {
      // Corners counter-clockwise from the top left: (r, c), (r, c+1), (r+1, c+1), (r+1, c).
      const float f[4] = {v[r * cols + c], v[r * cols + c + 1], v[(r + 1) * cols + c + 1],
                          v[(r + 1) * cols + c]};
      const Point p[4] = {{float(c), float(r)},
                          {float(c + 1), float(r)},
                          {float(c + 1), float(r + 1)},
                          {float(c), float(r + 1)}};
      int code = 0;
      for (int k = 0; k < 4; ++k)
        if (f[k] > 0) code |= 1 << k;
      if (code == 0 || code == 15) continue;
      // Edge k joins corner k and k+1; a crossing exists where the signs differ.
      Point e[4];
      bool has[4];
      for (int k = 0; k < 4; ++k) {
        const int k1 = (k + 1) % 4;
        has[k] = (f[k] > 0) != (f[k1] > 0);
        if (has[k]) e[k] = crossing(p[k], p[k1], f[k], f[k1]);
      }
      if (has[0] && has[1] && has[2] && has[3]) {
        // Saddle: the centre's sign decides which corners the contour cuts off.
        const bool centre = (f[0] + f[1] + f[2] + f[3]) > 0;
        const bool cornerPositive = f[0] > 0;
        if (centre == cornerPositive) {  // corners 1 and 3 are isolated
          out.insert(out.end(), {e[0], e[1], e[2], e[3]});
        } else {  // corners 0 and 2 are isolated
          out.insert(out.end(), {e[3], e[0], e[1], e[2]});
        }
        continue;
      }
      int first = -1;
      for (int k = 0; k < 4; ++k) {
        if (!has[k]) continue;
        if (first < 0) {
          first = k;
        } else {
          out.push_back(e[first]);
          out.push_back(e[k]);
          break;
        }
      }
    }
  }
  return out;
}

}  // namespace lreg::views
