// png_probe FILE.png R G B: what a screenshot shows, as one JSON line, for studio_screenshot.cmake
// (CMake cannot decode a PNG). "match" counts pixels within 12 of the colour (R, G, B) per channel,
// "match_columns" the image columns holding at least one, and "colours" the distinct colours
// (5 bits per channel) that are not grey: a window of widgets and text has few, a drawn colour map
// has hundreds.
#include <QImage>
#include <QSet>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: png_probe FILE.png R G B\n");
    return 2;
  }
  const QImage image =
      QImage(QString::fromLocal8Bit(argv[1])).convertToFormat(QImage::Format_RGB32);
  if (image.isNull()) {
    std::fprintf(stderr, "png_probe: cannot read %s\n", argv[1]);
    return 3;
  }
  const int want[3] = {std::atoi(argv[2]), std::atoi(argv[3]), std::atoi(argv[4])};
  long match = 0;
  std::vector<bool> column(static_cast<size_t>(image.width()), false);
  QSet<int> colours;
  for (int y = 0; y < image.height(); ++y) {
    const auto* row = reinterpret_cast<const QRgb*>(image.constScanLine(y));
    for (int x = 0; x < image.width(); ++x) {
      const int c[3] = {qRed(row[x]), qGreen(row[x]), qBlue(row[x])};
      if (std::abs(c[0] - want[0]) <= 12 && std::abs(c[1] - want[1]) <= 12 &&
          std::abs(c[2] - want[2]) <= 12) {
        ++match;
        column[static_cast<size_t>(x)] = true;
      }
      const int spread = std::max({c[0], c[1], c[2]}) - std::min({c[0], c[1], c[2]});
      if (spread > 24) colours.insert(((c[0] >> 3) << 10) | ((c[1] >> 3) << 5) | (c[2] >> 3));
    }
  }
  long columns = 0;
  for (bool b : column) columns += b ? 1 : 0;
  std::printf(
      "{\"width\": %d, \"height\": %d, \"match\": %ld, \"match_columns\": %ld, \"colours\": "
      "%lld}\n",
      image.width(), image.height(), match, columns, static_cast<long long>(colours.size()));
  return 0;
}
