// A report figure as a self-contained SVG: the CLI's figure files (the studio draws the same
// data with Qt Charts).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "lreg/experiments/repro_output.h"

namespace lreg {

namespace {

const char* kPalette[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
                          "#9467bd", "#8c564b", "#e377c2", "#17becf"};

std::string xmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string tickLabel(double v) {
  char buf[32];
  const double a = std::fabs(v);
  if (a != 0 && (a < 1e-3 || a >= 1e5))
    std::snprintf(buf, sizeof buf, "%.0e", v);
  else
    std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

struct Axis {
  bool log = false;
  double lo = 0, hi = 1;  // in plotted units (log10 for a log axis)
  void include(double v) {
    if (!std::isfinite(v) || (log && v <= 0)) return;
    const double t = log ? std::log10(v) : v;
    lo = std::min(lo, t);
    hi = std::max(hi, t);
  }
  double map(double v) const { return log ? std::log10(v) : v; }
  bool valid(double v) const { return std::isfinite(v) && (!log || v > 0); }
  void finish() {
    if (!(lo <= hi)) lo = 0, hi = 1;
    if (hi - lo < 1e-12) lo -= 0.5, hi += 0.5;
    const double pad = 0.04 * (hi - lo);
    lo -= pad;
    hi += pad;
  }
  // Tick positions in data units.
  std::vector<double> ticks() const {
    std::vector<double> t;
    if (log) {
      const int a = static_cast<int>(std::floor(lo)), b = static_cast<int>(std::ceil(hi));
      const bool sub = b - a <= 2;
      for (int e = a; e <= b; ++e)
        for (double m : sub ? std::vector<double>{1, 2, 5} : std::vector<double>{1}) {
          const double v = m * std::pow(10.0, e);
          if (std::log10(v) >= lo && std::log10(v) <= hi) t.push_back(v);
        }
      return t;
    }
    const double raw = (hi - lo) / 6;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    double step = mag;
    for (double m : {1.0, 2.0, 5.0, 10.0})
      if (m * mag >= raw) {
        step = m * mag;
        break;
      }
    for (double v = std::ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step)
      t.push_back(std::fabs(v) < 1e-12 * step ? 0 : v);
    return t;
  }
};

}  // namespace

std::string toSvg(const ReproFigure& f, int width, int height) {
  // The legend sits right of the plot, so it never hides a curve.
  size_t longest = 0;
  for (const auto& s : f.series) longest = std::max(longest, s.name.size());
  const double legend = f.series.empty() ? 0 : 40 + 7.0 * static_cast<double>(longest);
  const double left = 78, right = 20 + legend, top = 40, bottom = 56;
  const double pw = width - left - right, ph = height - top - bottom;
  Axis ax, ay;
  ax.log = f.log_x;
  ay.log = f.log_y;
  ax.lo = ay.lo = std::numeric_limits<double>::infinity();
  ax.hi = ay.hi = -std::numeric_limits<double>::infinity();
  for (const auto& s : f.series)
    for (size_t i = 0; i < s.x.size(); ++i) {
      if (!ax.valid(s.x[i]) || !ay.valid(s.y[i])) continue;
      ax.include(s.x[i]);
      const double e = i < s.y_err.size() && std::isfinite(s.y_err[i]) ? s.y_err[i] : 0;
      ay.include(s.y[i] + e);
      ay.include(ay.log && s.y[i] - e <= 0 ? s.y[i] : s.y[i] - e);
    }
  ax.finish();
  ay.finish();
  auto px = [&](double v) { return left + (ax.map(v) - ax.lo) / (ax.hi - ax.lo) * pw; };
  auto py = [&](double v) { return top + ph - (ay.map(v) - ay.lo) / (ay.hi - ay.lo) * ph; };

  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width) +
                    "\" height=\"" + std::to_string(height) +
                    "\" font-family=\"sans-serif\" font-size=\"12\">\n";
  svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  svg += "<text x=\"" + num(width / 2.0) + "\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">" +
         xmlEscape(f.title) + "</text>\n";
  for (double t : ax.ticks()) {
    const double x = px(t);
    svg += "<line x1=\"" + num(x) + "\" y1=\"" + num(top) + "\" x2=\"" + num(x) + "\" y2=\"" +
           num(top + ph) + "\" stroke=\"#e6e6e6\"/>\n";
    svg += "<text x=\"" + num(x) + "\" y=\"" + num(top + ph + 16) + "\" text-anchor=\"middle\">" +
           tickLabel(t) + "</text>\n";
  }
  for (double t : ay.ticks()) {
    const double y = py(t);
    svg += "<line x1=\"" + num(left) + "\" y1=\"" + num(y) + "\" x2=\"" + num(left + pw) +
           "\" y2=\"" + num(y) + "\" stroke=\"#e6e6e6\"/>\n";
    svg += "<text x=\"" + num(left - 6) + "\" y=\"" + num(y + 4) + "\" text-anchor=\"end\">" +
           tickLabel(t) + "</text>\n";
  }
  svg += "<rect x=\"" + num(left) + "\" y=\"" + num(top) + "\" width=\"" + num(pw) +
         "\" height=\"" + num(ph) + "\" fill=\"none\" stroke=\"#333\"/>\n";
  svg += "<text x=\"" + num(left + pw / 2) + "\" y=\"" + num(height - 12.0) +
         "\" text-anchor=\"middle\">" + xmlEscape(f.x_label) + "</text>\n";
  svg += "<text transform=\"translate(16," + num(top + ph / 2) +
         ") rotate(-90)\" text-anchor=\"middle\">" + xmlEscape(f.y_label) + "</text>\n";

  for (size_t k = 0; k < f.series.size(); ++k) {
    const auto& s = f.series[k];
    const std::string colour = kPalette[k % (sizeof kPalette / sizeof *kPalette)];
    const std::string sw = s.bold ? "3" : "1.5";
    std::string path;
    for (size_t i = 0; i < s.x.size(); ++i) {
      if (!ax.valid(s.x[i]) || !ay.valid(s.y[i])) continue;
      path += (path.empty() ? "M" : " L") + num(px(s.x[i])) + "," + num(py(s.y[i]));
    }
    if (s.style != ReproSeries::Style::Points && !path.empty())
      svg += "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"" +
             sw + "\"/>\n";
    for (size_t i = 0; i < s.x.size(); ++i) {
      if (!ax.valid(s.x[i]) || !ay.valid(s.y[i])) continue;
      const double x = px(s.x[i]), y = py(s.y[i]);
      if (i < s.y_err.size() && std::isfinite(s.y_err[i]) && s.y_err[i] > 0) {
        const double lo = s.y[i] - s.y_err[i];
        const double y0 = ay.valid(lo) ? py(lo) : top + ph, y1 = py(s.y[i] + s.y_err[i]);
        svg += "<line x1=\"" + num(x) + "\" y1=\"" + num(y0) + "\" x2=\"" + num(x) + "\" y2=\"" +
               num(y1) + "\" stroke=\"" + colour + "\"/>\n";
      }
      if (s.style != ReproSeries::Style::Line)
        svg += "<circle cx=\"" + num(x) + "\" cy=\"" + num(y) + "\" r=\"" +
               (s.bold ? "3.5" : "2.5") + "\" fill=\"" + colour + "\"/>\n";
    }
    const double ly = top + 10 + 16.0 * static_cast<double>(k), lx = left + pw + 12;
    svg += "<line x1=\"" + num(lx) + "\" y1=\"" + num(ly - 4) + "\" x2=\"" + num(lx + 20) +
           "\" y2=\"" + num(ly - 4) + "\" stroke=\"" + colour + "\" stroke-width=\"" + sw +
           "\"/>\n";
    svg +=
        "<text x=\"" + num(lx + 25) + "\" y=\"" + num(ly) + "\">" + xmlEscape(s.name) + "</text>\n";
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace lreg
