#pragma once
// The marks of one 1D MRC step (the LReg paper's Figure 1): refined elements as bands, inserted
// nodes as triangles, removed nodes as crosses and moved nodes as trails from old to new
// position, with their legend glyphs, counts and a caption a teacher can read aloud. The counts
// are the core's classification (Mrc1DSnapshot, classifyStep1D); this file only draws them.
#include <QColor>
#include <QRectF>
#include <QString>
#include <functional>
#include <utility>
#include <vector>

#include "lreg/train/mrc_1d.h"
#include "scene/plot_mapping.h"

class QFont;
class QPainter;

namespace lreg::views {

struct Mesh1DMarkCounts {
  int refined = 0, inserted = 0, removed = 0, moved = 0;
};
Mesh1DMarkCounts markCounts(const Mrc1DSnapshot& snapshot);

// "refined 8 · inserted 5 · removed 5 · moved 0"
QString markSummary(const Mrc1DSnapshot& snapshot);
// What the step did, in a sentence: which elements were split, how coarsening answered.
QString stepCaption(const Mrc1DSnapshot& snapshot, const Mrc1DOptions& options);

enum class Mesh1DGlyph { Dot, Line, FitLine, Area, Band, Triangle, Cross, Trail };
// Colours shared by the plot and its legend.
struct Mesh1DColors {
  static QColor data() { return {70, 96, 130}; }
  static QColor truth() { return {40, 40, 40}; }
  static QColor fit() { return {31, 119, 180}; }
  static QColor error() { return {148, 103, 189, 80}; }
  static QColor refined() { return {255, 170, 0, 42}; }
  static QColor inserted() { return {44, 160, 44}; }
  static QColor removed() { return {214, 39, 40}; }
  static QColor moved() { return {200, 50, 160}; }
};
void drawGlyph(QPainter& p, Mesh1DGlyph glyph, const QRectF& box);
// Lays out glyph + label items in rows from (left, top) up to x = right; draws them if p is set.
// Returns the rows used.
int drawLegendItems(QPainter* p, const QFont& font,
                    const std::vector<std::pair<Mesh1DGlyph, QString>>& items, double left,
                    double top, double right);

// The refined elements as bands behind everything else.
void drawRefinedBands(QPainter& p, const PlotMapping& m, const Mrc1DSnapshot& snapshot);
// Inserted, removed and moved nodes on the fit `f`; fade in [0, 1] enlarges and haloes them just
// after the step arrived.
void drawStepMarks(QPainter& p, const PlotMapping& m, const Mrc1DSnapshot& snapshot,
                   const std::function<double(double)>& f, double fade);

}  // namespace lreg::views
